package io.mojave.daemon.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.PrivateKey;
import io.mojave.daemon.PrivateKeyConverter;
import io.mojave.daemon.Secret;
import io.mojave.daemon.ServiceDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code init} hands to the daemon child and to the log, parsed by picocli as in the apps. */
class CommandLineArgumentsTest {

    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Command(name = "mojave-test", subcommands = { TestInit.class, KeyedInit.class })
    static class TestApplication implements DaemonApplication {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("test", 9123);
        }
    }

    @Command(name = "init")
    static class TestInit implements Callable<Integer> {
        @Mixin
        InitOptions daemon;

        @Secret(env = "X_KEY")
        @Option(names = "--private_key", paramLabel = "HEX")
        String privateKey;

        @Option(names = "--peers")
        List<String> peers;

        @Spec
        CommandSpec spec;

        CommandLineArguments arguments;

        @Override
        public Integer call() {
            arguments = new CommandLineArguments(spec);
            return 0;
        }
    }

    /** An init whose secret is typed, as in the sequencer and the prover. */
    @Command(name = "keyed-init")
    static class KeyedInit implements Callable<Integer> {
        @Mixin
        InitOptions daemon;

        @Secret(env = "Y_KEY")
        @Option(names = "--private_key", converter = PrivateKeyConverter.class)
        PrivateKey privateKey;

        @Spec
        CommandSpec spec;

        CommandLineArguments arguments;

        @Override
        public Integer call() {
            arguments = new CommandLineArguments(spec);
            return 0;
        }
    }

    private final StringWriter err = new StringWriter();

    @Test
    void theSecretIsLeftOutOfTheChildsArgumentsAndCarriedByItsVariable() {
        CommandLineArguments arguments = parse(configured(), "init", "--datadir", "d", "--private_key", "SECRET",
                "--health.port=1");

        assertThat(arguments.withoutSecrets()).containsExactly("init", "--datadir", "d", "--health.port=1");
        assertThat(arguments.secretEnvironment()).isEqualTo(Map.of("X_KEY", "SECRET"));
        assertThat(arguments.redacted())
                .containsExactlyInAnyOrder("--datadir=d", "--private_key=[REDACTED]", "--health.port=1")
                .noneMatch(option -> option.contains("SECRET"));
    }

    @Test
    void bothFormsOfTheSecretAreLeftOutAndTheLastValueWins() {
        CommandLine commandLine = configured().setOverwrittenOptionsAllowed(true);

        CommandLineArguments arguments = parse(commandLine, "init", "--datadir", "d", "--private_key", "SECRET",
                "--health.port=1", "--private_key=SECRET2");

        assertThat(arguments.withoutSecrets()).containsExactly("init", "--datadir", "d", "--health.port=1");
        assertThat(arguments.secretEnvironment()).isEqualTo(Map.of("X_KEY", "SECRET2"));
        assertThat(String.join(" ", arguments.redacted())).contains("--private_key=[REDACTED]").doesNotContain("SECRET");
    }

    @Test
    void withoutASecretOnTheCommandLineTheArgumentsPassUnchanged() {
        CommandLineArguments arguments = parse(configured(), "init", "--no-daemon", "--peers", "a,b", "--log.level=debug");

        assertThat(arguments.withoutSecrets()).containsExactly("init", "--no-daemon", "--peers", "a,b", "--log.level=debug");
        assertThat(arguments.secretEnvironment()).isEmpty();
        assertThat(arguments.redacted()).containsExactlyInAnyOrder("--no-daemon", "--peers=a,b", "--log.level=debug");
    }

    @Test
    void theAttachedFormAloneIsLeftOut() {
        CommandLineArguments arguments = parse(configured(), "init", "--private_key=SECRET", "--datadir", "d");

        assertThat(arguments.withoutSecrets()).containsExactly("init", "--datadir", "d");
        assertThat(arguments.secretEnvironment()).isEqualTo(Map.of("X_KEY", "SECRET"));
    }

    @Test
    void aTypedSecretIsCarriedAsTyped() {
        CommandLineArguments arguments = parse(configured(), "keyed-init", "--private_key", "0x" + KEY, "--datadir=d");

        assertThat(arguments.withoutSecrets()).containsExactly("keyed-init", "--datadir=d");
        assertThat(arguments.secretEnvironment()).isEqualTo(Map.of("Y_KEY", "0x" + KEY));
        assertThat(arguments.redacted()).containsExactlyInAnyOrder("--private_key=[REDACTED]", "--datadir=d");
    }

    @Test
    void aRejectedKeyIsNotEchoedInTheUsageError() {
        String almostAKey = KEY.substring(0, 63) + "g";

        int status = configured().execute("keyed-init", "--private_key", almostAKey);

        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("error: ").doesNotContain(almostAKey).doesNotContain(KEY.substring(0, 16));
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void aRepeatedSecretIsAUsageErrorThatDoesNotShowIt() {
        int status = configured().execute("init", "--private_key", "SECRET", "--private_key=SECRET2");

        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("error: ").doesNotContain("SECRET");
    }

    /** The command line as the apps configure it, its errors written to {@link #err}. */
    private CommandLine configured() {
        CommandLine commandLine = CommandLines.configure(new CommandLine(new TestApplication()));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private CommandLineArguments parse(CommandLine commandLine, String... args) {
        int status = commandLine.execute(args);
        assertThat(status).as("exit status of %s; stderr: %s", List.of(args), err).isZero();
        Object init = commandLine.getSubcommands().get(args[0]).getCommand();
        return init instanceof TestInit test ? test.arguments : ((KeyedInit) init).arguments;
    }
}
