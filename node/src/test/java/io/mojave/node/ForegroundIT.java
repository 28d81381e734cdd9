package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mojave.daemon.testing.Proc;
import io.restassured.path.json.JsonPath;

/** {@code init --no-daemon}: the foreground mode of containers and {@code Type=notify} units. */
class ForegroundIT extends NodeTestSupport {

    @Override
    protected String service() {
        return "node";
    }

    @ParameterizedTest
    @ValueSource(strings = { "TERM", "INT" })
    void runsInTheForegroundAndAStopSignalShutsItDownCleanly(String signal) throws Exception {
        Process process = cli.start(initArgs("--no-daemon"));
        String healthUrl = ForegroundLog.awaitStarted(process, new ArrayList<>());

        given().get(healthUrl).then().statusCode(200);
        assertThat(Files.readString(pidFile())).isEqualTo(process.pid() + "\n");
        assertThat(Proc.sessionId(process.pid())).as("not detached").isNotEqualTo(process.pid());

        Proc.kill(signal, process.pid());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("a requested shutdown exits 0").isZero();
        assertThat(pidFile()).doesNotExist();
        assertThat(logFile()).as("logs go to stdout").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = { "MOJAVE_NO_DAEMON=true", "MOJAVE_NO_DAEMON=1", "MOJAVE_NO_DAEMON=yes" })
    void theEnvironmentVariableActsAsNoDaemon(String setting) throws Exception {
        String[] variable = setting.split("=");
        Process process = cli.withEnv(variable[0], variable[1]).start(initArgs());
        String healthUrl = ForegroundLog.awaitStarted(process, new ArrayList<>());
        given().get(healthUrl).then().statusCode(200);
        assertThat(Files.readString(pidFile())).isEqualTo(process.pid() + "\n");
        Proc.kill("TERM", process.pid());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void logLevelDebugMakesDebugRecordsAppearAndInfoHidesThem() throws Exception {
        init("--log.level", "debug");
        assertThat(levels()).contains("DEBUG");
        cli.run("stop", "--datadir", datadir.toString());
        Files.delete(logFile());

        init("--log.level", "INFO");
        assertThat(levels()).contains("INFO").doesNotContain("DEBUG", "TRACE");
    }

    private List<String> levels() throws Exception {
        return Files.readAllLines(logFile()).stream().map(line -> JsonPath.from(line).getString("level")).distinct().toList();
    }
}
