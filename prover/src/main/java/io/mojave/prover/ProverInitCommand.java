package io.mojave.prover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mojave.chain.cli.KeySource;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.PortConverter;
import io.mojave.daemon.Secret;
import io.mojave.daemon.command.DaemonStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mojave-prover init}: starts the prover, as a daemon unless {@code --no-daemon}. */
// [OPTIONS]: picocli wraps a full synopsis at the dots of the option names ([--health.\n port=PORT])
@Command(name = "init", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Starts the prover: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class ProverInitCommand implements Callable<Integer> {

    static final String PRIVATE_KEY_ENV = "MOJAVE_PROVER_PRIVATE_KEY";

    private static final KeySource KEY = new KeySource("--prover.private_key", "--prover.private_key.file", PRIVATE_KEY_ENV);

    @Mixin
    DaemonOptions daemon;

    @Option(names = "--prover.host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address the prover's API listens on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--prover.port", paramLabel = "PORT", defaultValue = "3900", converter = PortConverter.class,
            description = "Port of the prover's API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--prover.queue-capacity", paramLabel = "N", defaultValue = "100",
            description = "How many proof jobs may wait; more are refused until there is room (default: ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(names = "--prover.aligned-mode", description = "Marks each proof with alignedMode true; nothing is submitted to Aligned yet.")
    boolean alignedMode;

    @Secret(env = PRIVATE_KEY_ENV)
    @Option(names = "--prover.private_key", paramLabel = "HEX",
            description = "Private key that signs the proofs: 64 hex digits (also: --prover.private_key.file, or "
                    + PRIVATE_KEY_ENV + ", which keep it out of 'ps'). Never logged.")
    String privateKey;

    @Option(names = "--prover.private_key.file", paramLabel = "FILE",
            description = "File holding the private key that signs the proofs (64 hex digits; surrounding white space "
                    + "ignored), instead of --prover.private_key; takes precedence over " + PRIVATE_KEY_ENV + ".")
    Path privateKeyFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (queueCapacity < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--prover.queue-capacity must be at least 1, not " + queueCapacity);
        }
        ProverSettings settings = new ProverSettings(host, port, queueCapacity, alignedMode,
                KEY.resolve(spec, privateKey, privateKeyFile).orElse(null));
        return DaemonStart.run(spec, daemon, context -> ProverService.start(context, settings));
    }
}
