package io.mojave.daemon.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.Paths;
import io.mojave.daemon.Secret;
import io.mojave.daemon.ServiceDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The guess {@code init} makes before parsing, to start its daemon child early: it must never take
 * a command line for a daemonizing init that is not one, and when it starts a child, that child must
 * get exactly what it would have got after parsing, or the parent could not claim it.
 */
class EarlyChildTest {

    private static final ServiceDescriptor SERVICE = new ServiceDescriptor("test", 9123);
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Command(name = "mojave-test", subcommands = { TestInit.class })
    static class TestApplication implements DaemonApplication {
        @Override
        public ServiceDescriptor service() {
            return SERVICE;
        }
    }

    /** Secrets in the command itself and in a mixin, as the apps may have them. */
    static class KeyOptions {
        @Secret(env = "MIXED_KEY")
        @Option(names = { "--other.private_key", "--other.key" })
        String otherKey;
    }

    @Command(name = "init")
    static class TestInit implements Callable<Integer> {
        @Mixin
        InitOptions daemon;

        @Mixin
        KeyOptions keys;

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

    @Test
    void aPlainInitIsADaemonizingInit() {
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "init" })).isTrue();
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "init", "--datadir", "/tmp/x", "--health.port", "0" })).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "--no-daemon", "--no-daemon=true", "--help", "-h", "--version", "-V", "-hV" })
    void anythingThatMayNotDetachIsNot(String option) {
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "init", "--datadir", "/tmp/x", option })).isFalse();
    }

    @Test
    void otherCommandsAreNot() {
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[0])).isFalse();
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "stop", "init" })).isFalse();
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "--help", "init" })).isFalse();
        assertThat(EarlyChild.looksLikeDaemonizingInit(new String[] { "status" })).isFalse();
    }

    @Test
    void theDatadirIsTheOneGivenOrTheServicesDefault() {
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init" })).contains(SERVICE.defaultDatadir());
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir", "/tmp/a/../b" })).contains(Path.of("/tmp/b"));
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir=rel" }))
                .contains(Path.of("rel").toAbsolutePath());
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir", "~/d" })).contains(Paths.home().resolve("d"));
    }

    @Test
    void aDatadirGivenTwiceOrWithoutValueIsLeftToTheParser() {
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir", "/a", "--datadir=/b" })).isEmpty();
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir" })).isEmpty();
        assertThat(EarlyChild.datadir(SERVICE, new String[] { "init", "--datadir=" })).isEmpty();
    }

    @Test
    void secretOptionsAreFoundInTheCommandAndItsMixins() {
        assertThat(InitCommandModel.secretOptionsOf(TestInit.class)).containsOnly(
                Map.entry("--private_key", "X_KEY"), Map.entry("--other.private_key", "MIXED_KEY"), Map.entry("--other.key", "MIXED_KEY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "init --datadir /tmp/d --private_key KEY --peers a,b",
            "init --private_key=KEY --datadir=/tmp/d",
            "init --other.key KEY --peers x --private_key=KEY",
            "init --health.port 0 --peers x",
    })
    void theEarlyChildGetsTheArgumentsAndSecretsItWouldGetAfterParsing(String commandLine) {
        String[] args = commandLine.replace("KEY", KEY).split(" ");
        StringWriter err = new StringWriter();
        CommandLine parsed = CommandLines.configure(new CommandLine(new TestApplication())).setErr(new PrintWriter(err, true));
        assertThat(parsed.execute(args)).as("stderr: %s", err).isZero();
        TestInit init = parsed.getSubcommands().get("init").getCommand();

        Map<String, String> secrets = new HashMap<>();
        List<String> arguments = EarlyChild.withoutSecrets(args, InitCommandModel.secretOptionsOf(TestInit.class), secrets);

        assertThat(arguments).isEqualTo(init.arguments.withoutSecrets()).noneMatch(argument -> argument.contains(KEY));
        assertThat(secrets).isEqualTo(init.arguments.secretEnvironment());
    }
}
