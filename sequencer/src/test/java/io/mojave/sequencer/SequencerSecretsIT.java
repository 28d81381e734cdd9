package io.mojave.sequencer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/** The sequencer's private key on the built artifact: validated before detaching, never shown. */
class SequencerSecretsIT extends DaemonTestSupport {

    /** A throwaway test key (no funds anywhere). */
    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Override
    protected String service() {
        return "sequencer";
    }

    /** A node and a prover that are not there (never a devnet's on the default ports). */
    @Override
    protected String[] serviceOptions() {
        String nowhere = "http://127.0.0.1:" + SequencerTestSupport.closedPort();
        return new String[] { "--node.url", nowhere, "--prover.address", nowhere };
    }

    @Test
    void theKeyGivenOnTheCommandLineNeverAppearsInOutputLogOrTheDaemonsCommandLine() throws Exception {
        ServiceCli.Result init = cli.run(initArgs("--private_key", KEY, "--log.level", "trace"));
        assertThat(init.exitCode()).as(init.output()).isZero();
        Started started = parseStarted(init.out());
        given().get(started.healthUrl()).then().statusCode(200);

        assertThat(init.output()).doesNotContain(KEY);
        assertThat(Proc.commandLine(started.pid())).doesNotContain(KEY).doesNotContain("--private_key");
        assertThat(log()).doesNotContain(KEY).contains("--private_key=[REDACTED]");

        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(log()).doesNotContain(KEY);
    }

    @Test
    void theKeyMayComeFromTheEnvironment() {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        Started started = init();
        assertThat(Proc.commandLine(started.pid())).doesNotContain(KEY);
    }

    @Test
    void aMalformedKeyIsAUsageErrorThatNamesTheOptionButNotTheValue() {
        String malformed = KEY.substring(0, 60) + "zzzz";
        ServiceCli.Result result = cli.run("init", "--datadir", datadir.toString(), "--private_key", malformed);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("--private_key").doesNotContain(malformed)
                .doesNotContain(KEY.substring(0, 60));
        assertThat(result.err().lines()).hasSize(1);
        assertThat(datadir).as("nothing started").doesNotExist();
    }

    @Test
    void aMissingKeyIsAUsageError() {
        ServiceCli.Result result = cli.run("init", "--datadir", datadir.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--private_key").contains("MOJAVE_SEQUENCER_PRIVATE_KEY");
    }

    @Test
    void theSequencerKeepsItsOwnFileNames() throws Exception {
        Started started = init("--private_key", KEY);
        assertThat(List.of(datadir.toFile().list())).contains("sequencer.pid", "sequencer.log");
        assertThat(Files.readString(pidFile())).isEqualTo(started.pid() + "\n");
    }
}
