package io.mojave.daemon.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.DaemonOptions;
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

    private static final ServiceDescriptor SERVICE = new ServiceDescriptor("test", "test", "1.0", "~/.test", "TEST", "TEST_DATADIR",
            List.of(), true, "127.0.0.1", 9123, TestApplication.class.getName());

    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Command(name = "mojave-test", subcommands = { TestInit.class, KeyedInit.class })
    static class TestApplication {
    }

    @Command(name = "init")
    static class TestInit implements Callable<Integer> {
        @Mixin
        DaemonOptions daemon;

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
        DaemonOptions daemon;

        @Secret(env = "Y_KEY")
        @Option(names = "--private_key")
        String privateKey;

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
    void aRepeatedSecretIsAUsageErrorThatDoesNotShowIt() {
        int status = configured().execute("init", "--private_key", "SECRET", "--private_key=SECRET2");

        assertThat(status).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).startsWith("error: ").doesNotContain("SECRET");
    }

    /** The command line as the apps configure it, its errors written to {@link #err}. */
    private CommandLine configured() {
        CommandLine commandLine = CommandLines.configure(new CommandLine(new TestApplication()), SERVICE);
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
