package io.mojave.prover;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/** The prover's own options and file names on the built artifact; the daemon runtime is shared. */
class ProverDaemonIT extends DaemonTestSupport {

    private static final String KEY = "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";

    @Override
    protected String service() {
        return "prover";
    }

    @Test
    void initStatusStopWithTheProversOptions() throws Exception {
        Started started = init("--prover.port", "0", "--prover.queue-capacity", "5", "--prover.aligned-mode",
                "--prover.private_key", KEY, "--log.level", "debug");
        given().get(started.healthUrl()).then().statusCode(200).body("status", equalTo("UP"));
        assertThat(Files.readString(datadir.resolve("prover.pid"))).isEqualTo(started.pid() + "\n");
        assertThat(log()).contains("--prover.queue-capacity=5").contains("--prover.aligned-mode")
                .contains("--prover.private_key=[REDACTED]").doesNotContain(KEY);
        assertThat(Proc.commandLine(started.pid())).doesNotContain(KEY);

        assertThat(cli.run("status", "--datadir", datadir.toString()).exitCode()).isZero();
        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).startsWith("mojave-prover stopped (pid " + started.pid() + ")");
        assertThat(cli.run("status", "--datadir", datadir.toString()).exitCode()).isEqualTo(3);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        ServiceCli.Result result = cli.run(initArgs("--prover.port", "65536"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("--prover.port").contains("65536");
    }

    @Test
    void theDefaultDatadirIsDotMojaveProverUnderHome() throws Exception {
        cli.withEnv("HOME", tmp.toString());
        ServiceCli.Result init = cli.run("init", "--health.port", "0", "--prover.port", "0");
        assertThat(init.exitCode()).as(init.output()).isZero();
        assertThat(tmp.resolve(".mojave/prover/prover.pid")).exists();
        assertThat(init.out()).contains("log " + tmp.resolve(".mojave/prover/prover.log"));
        assertThat(cli.run("stop").exitCode()).isZero();
    }

    @Test
    void initHelpSaysWhatAlignedModeDoesAndKeepsOptionNamesWhole() {
        ServiceCli.Result help = cli.run("init", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: mojave-prover init [OPTIONS]\n")
                .contains("      --prover.aligned-mode\n                           Marks each proof with alignedMode true; nothing is\n"
                        + "                             submitted to Aligned yet.\n")
                .doesNotContainPattern("\\S\\.\n\\s+[a-z<]");
    }
}
