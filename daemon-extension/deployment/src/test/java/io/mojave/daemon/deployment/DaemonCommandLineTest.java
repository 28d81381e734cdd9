package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mojave.daemon.command.StatusCommand;
import io.quarkus.test.QuarkusUnitTest;
import picocli.CommandLine;

/**
 * The {@link CommandLine} the extension produces for Quarkus' picocli runner: the app's top
 * command, configured as on the fast path (per-service defaults, one-line errors, exit codes).
 */
class DaemonCommandLineTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(TestApplication::addTo)
            .overrideConfigKey("quarkus.banner.enabled", "false");

    @Inject
    Instance<CommandLine> commandLines;

    // QuarkusUnitTest runs every test on one instance of this class: per-test state is set up here.
    private StringWriter out;
    private StringWriter err;
    private CommandLine commandLine;

    @BeforeEach
    void produceCommandLine() {
        out = new StringWriter();
        err = new StringWriter();
        commandLine = commandLines.get();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    @Test
    void itRunsTheTopCommandOfTheApplication() {
        assertThat((Object) commandLine.getCommand()).isInstanceOf(TestApplication.class);
        assertThat(commandLine.getSubcommands()).containsOnlyKeys("probe", "fail", "stop", "status", "logs",
                "help", "restart", "generate-completion");
    }

    @Test
    void aDaemonExceptionIsOneErrorLineAndStatus1() {
        int status = commandLine.execute("fail");

        assertThat(status).isEqualTo(1);
        assertThat(err).hasToString("error: " + FailingCommand.MESSAGE + System.lineSeparator());
        assertThat(out).hasToString("");
    }

    @Test
    void anyOtherExceptionIsOneErrorLineAndStatus1() {
        int status = commandLine.execute("fail", "--unexpected");

        assertThat(status).isEqualTo(1);
        assertThat(err).hasToString("error: unexpected failure: java.lang.IllegalStateException: a bug" + System.lineSeparator());
    }

    @Test
    void aBadOptionValueIsOneErrorLineAndStatus2() {
        int status = commandLine.execute("probe", "--health.port=70000");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("error: ")
                .contains("--health.port", "70000 is out of the port range 0-65535")
                .endsWith("(see 'mojave-test probe --help')");
        assertThat(out).hasToString("");
    }

    @Test
    void aBadDurationIsOneErrorLineAndStatus2() {
        int status = commandLine.execute("stop", "--timeout", "soon");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("error: ")
                .contains("'soon' is not a duration");
    }

    @Test
    void anUnknownOptionIsOneErrorLineAndStatus2() {
        int status = commandLine.execute("probe", "--no-such-option");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("error: unknown option: '--no-such-option' (see 'mojave-test probe --help')");
    }

    @Test
    void anUnknownCommandIsNamedWithTheNearestOnes() {
        int status = commandLine.execute("stauts");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("error: unknown command 'stauts'; did you mean 'status'? (see 'mojave-test --help')");
    }

    @Test
    void aMisspelledOptionGetsTheRealOne() {
        assertThat(commandLine.execute("probe", "--log-level", "debug")).isEqualTo(2);
        assertThat(commandLine.execute("probe", "--health-port=1")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "error: unknown option: '--log-level'; did you mean '--log.level'? (see 'mojave-test probe --help')",
                "error: unknown option: '--health-port'; did you mean '--health.port'? (see 'mojave-test probe --help')");
    }

    @Test
    void aMisspelledSecretOptionNeverEchoesItsValue() {
        String key = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
        assertThat(commandLine.execute("probe", "--private-key", key)).isEqualTo(2);
        assertThat(commandLine.execute("probe", "--private-key=" + key)).isEqualTo(2);

        assertThat(err.toString().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("error: unknown option: '--private-key'").doesNotContain(key));
    }

    @Test
    void theHealthPortDefaultsToTheServicesOwn() {
        int status = commandLine.execute("probe");

        assertThat(status).isZero();
        assertThat(out).hasToString("health 127.0.0.1:9123 log.level unset startup-timeout PT1M" + System.lineSeparator());
    }

    @Test
    void theHelpShowsTheServicesHealthPort() {
        int status = commandLine.execute("probe", "--help");

        assertThat(status).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--health.port=PORT Port of GET /health; 0 picks a free port (default: 9123).");
    }

    @Test
    void givenOptionsWinOverDefaultsAndLevelsAreCaseInsensitive() {
        int status = commandLine.execute("probe", "--health.port", "0", "--log.level", "Debug", "--startup-timeout=500ms");

        assertThat(status).isZero();
        assertThat(out).hasToString("health 127.0.0.1:0 log.level debug startup-timeout PT0.5S" + System.lineSeparator());
    }

    @Test
    void statusOfAnEmptyDatadirIsNotRunning() throws IOException {
        Path datadir = Files.createTempDirectory("mojave-test-");
        try {
            int status = commandLine.execute("status", "--datadir", datadir.toString());

            assertThat(status).isEqualTo(StatusCommand.NOT_RUNNING);
            assertThat(out).hasToString("mojave-test is not running (no PID file " + datadir.resolve("test.pid") + ")"
                    + System.lineSeparator());
        } finally {
            Files.delete(datadir);
        }
    }
}
