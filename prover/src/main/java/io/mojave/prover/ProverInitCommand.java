package io.mojave.prover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mojave.daemon.DaemonInit;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.PortConverter;
import io.mojave.daemon.PrivateKey;
import io.mojave.daemon.PrivateKeyConverter;
import io.mojave.daemon.PrivateKeyFile;
import io.mojave.daemon.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code mojave-prover init}: starts the prover, as a daemon unless {@code --no-daemon}. */
// [OPTIONS]: picocli wraps a full synopsis at the dots of the option names ([--health.\n port=PORT])
@Command(name = "init", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Starts the prover: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class ProverInitCommand implements Callable<Integer> {

    static final String PRIVATE_KEY_ENV = "MOJAVE_PROVER_PRIVATE_KEY";

    /** A key file holds 64 hex digits and perhaps 0x and a newline: anything this big is not one. */

    @Mixin
    InitOptions daemon;

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
    @Option(names = "--prover.private_key", paramLabel = "HEX", converter = PrivateKeyConverter.class,
            defaultValue = "${env:" + PRIVATE_KEY_ENV + "}", showDefaultValue = Visibility.NEVER,
            description = "Private key that signs the proofs: 64 hex digits (also: " + PRIVATE_KEY_ENV + "). Never logged.")
    PrivateKey privateKey;

    @Option(names = "--prover.private_key.file", paramLabel = "FILE",
            description = "File holding the private key that signs the proofs (64 hex digits; surrounding white space "
                    + "ignored), instead of --prover.private_key. Read before the daemon starts.")
    Path privateKeyFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (queueCapacity < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--prover.queue-capacity must be at least 1, not " + queueCapacity);
        }
        ProverSettings settings = new ProverSettings(host, port, queueCapacity, alignedMode, signingKey());
        return DaemonInit.run(spec, daemon, context -> ProverService.start(context, settings));
    }

    /**
     * The key of {@code --prover.private_key.file} if given (over the environment variable, which
     * an explicit option beats), else of {@code --prover.private_key} or its environment variable,
     * else none. Read and checked here, before anything detaches; errors name the file, never what
     * it holds.
     */
    private PrivateKey signingKey() {
        if (privateKeyFile == null) {
            return privateKey;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--prover.private_key")) {
            throw new ParameterException(spec.commandLine(),
                    "give either --prover.private_key or --prover.private_key.file, not both");
        }
        try {
            return PrivateKeyFile.read(privateKeyFile);
        } catch (TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), "--prover.private_key.file " + privateKeyFile + ": " + e.getMessage());
        }
    }
}
