package io.mojave.sequencer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.mojave.chain.Genesis;
import io.mojave.chain.cli.KeySource;
import io.mojave.chain.cli.PrivateKey;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.Secret;
import io.mojave.daemon.command.DaemonStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mojave-sequencer init}: starts the sequencer, as a daemon unless {@code --no-daemon}.
 * Every option is read and checked here, before anything detaches: a bad one is a one-line usage
 * error (exit 2).
 */
// [OPTIONS]: picocli wraps a full synopsis at the dots of the option names ([--health.\n port=PORT])
@Command(name = "init", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Starts the sequencer: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class SequencerInitCommand implements Callable<Integer> {

    static final String PRIVATE_KEY_ENV = "MOJAVE_SEQUENCER_PRIVATE_KEY";

    private static final KeySource KEY = new KeySource("--private_key", "--private_key.file", PRIVATE_KEY_ENV);

    @Mixin
    DaemonOptions daemon;

    @Secret(env = PRIVATE_KEY_ENV)
    @Option(names = "--private_key", paramLabel = "HEX",
            description = "Private key that signs the blocks: 64 hex digits (also: --private_key.file, or " + PRIVATE_KEY_ENV
                    + ", which keep it out of 'ps'). Never logged.")
    String privateKey;

    @Option(names = "--private_key.file", paramLabel = "FILE",
            description = "File holding the private key (64 hex digits; surrounding whitespace ignored). "
                    + "Takes precedence over " + PRIVATE_KEY_ENV + "; not together with --private_key.")
    Path privateKeyFile;

    @Option(names = "--block_time", paramLabel = "DURATION", defaultValue = "1000ms", converter = DurationConverter.class,
            description = "Time between blocks (default: ${DEFAULT-VALUE}).")
    Duration blockTime;

    @Option(names = "--batch.size", paramLabel = "N", defaultValue = "10",
            description = "Delivered blocks per proof request to the prover (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--node.url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8545", converter = HttpUrlConverter.class,
            description = "JSON-RPC URL of the node the blocks go to (default: ${DEFAULT-VALUE}).")
    URI nodeUrl;

    @Option(names = "--prover.address", paramLabel = "URL", defaultValue = "http://127.0.0.1:3900", converter = HttpUrlConverter.class,
            description = "JSON-RPC URL of the prover that proves the batches (default: ${DEFAULT-VALUE}).")
    URI proverUrl;

    @Option(names = "--network", paramLabel = "FILE",
            description = "Genesis JSON file, the same as the node's; without it, the built-in dev genesis.")
    Path network;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrivateKey key = signingKey();
        if (blockTime.isZero() || blockTime.isNegative()) {
            throw usage("--block_time must be above 0");
        }
        if (batchSize < 1) {
            throw usage("--batch.size must be at least 1, not " + batchSize);
        }
        SequencerConfig config = new SequencerConfig(key, genesis(), blockTime, batchSize, nodeUrl, proverUrl);
        return DaemonStart.run(spec, daemon, context -> SequencerService.start(context, config));
    }

    /** The key, by {@link KeySource}'s precedence; one there must be. */
    private PrivateKey signingKey() {
        return KEY.resolve(spec, privateKey, privateKeyFile).orElseThrow(() -> usage(
                "missing the sequencer's key: give --private_key <HEX>, --private_key.file <FILE> or set " + PRIVATE_KEY_ENV));
    }

    /** The genesis of {@code --network}, read and checked here, before anything starts. */
    private Genesis genesis() {
        if (network == null) {
            return Genesis.dev();
        }
        try {
            return Genesis.read(network);
        } catch (IllegalArgumentException e) {
            throw usage("--network " + network + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** An {@code http://} or {@code https://} URL with a host and, if given, a port in 1-65535. */
    public static final class HttpUrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL (example: http://127.0.0.1:8545)");
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                throw new TypeConversionException("'" + value + "' is not an http:// URL with a host (example: http://127.0.0.1:8545)");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535 || (uri.getPort() < 0 && uri.getRawAuthority().matches(".*:\\d*$"))) {
                throw new TypeConversionException("'" + value + "' has a port out of the range 1-65535");
            }
            return uri;
        }
    }
}
