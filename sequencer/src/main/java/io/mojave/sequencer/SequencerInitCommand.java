package io.mojave.sequencer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.mojave.chain.Genesis;
import io.mojave.daemon.DaemonInit;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.PrivateKey;
import io.mojave.daemon.PrivateKeyConverter;
import io.mojave.daemon.PrivateKeyFile;
import io.mojave.daemon.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
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

    /** A key file is 64 hex digits and some whitespace: anything much larger is not one. */

    @Mixin
    InitOptions daemon;

    @Secret(env = PRIVATE_KEY_ENV)
    @Option(names = "--private_key", paramLabel = "HEX", converter = PrivateKeyConverter.class,
            defaultValue = "${env:" + PRIVATE_KEY_ENV + "}", showDefaultValue = Visibility.NEVER,
            description = "Private key that signs the blocks: 64 hex digits (also: --private_key.file, or " + PRIVATE_KEY_ENV
                    + ", which keep it out of 'ps'). Never logged.")
    PrivateKey privateKey;

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
        return DaemonInit.run(spec, daemon, context -> SequencerService.start(context, config));
    }

    /**
     * The key, by precedence: {@code --private_key}, then {@code --private_key.file}, then the
     * environment variable. Both options at once are refused: the daemon child gets the option's
     * value through the environment variable, where the file would win over it.
     */
    private PrivateKey signingKey() {
        boolean optionGiven = spec.commandLine().getParseResult().hasMatchedOption("--private_key");
        if (optionGiven && privateKeyFile != null) {
            throw usage("give either --private_key or --private_key.file, not both");
        }
        if (optionGiven) {
            return privateKey;
        }
        if (privateKeyFile != null) {
            return readKeyFile(privateKeyFile);
        }
        if (privateKey == null) {
            throw usage("missing the sequencer's key: give --private_key <HEX>, --private_key.file <FILE> or set "
                    + PRIVATE_KEY_ENV);
        }
        return privateKey;
    }

    /** Reads, trims and checks a key file; errors name the file and the defect, never its content. */
    private PrivateKey readKeyFile(Path file) {
        try {
            return PrivateKeyFile.read(file);
        } catch (TypeConversionException e) {
            throw usage("--private_key.file " + file + ": " + e.getMessage());
        }
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
