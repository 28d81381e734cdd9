package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;
import io.restassured.path.json.JsonPath;

/** {@code init --no-daemon}: the foreground mode of containers and {@code Type=notify} units. */
class ForegroundIT extends DaemonTestSupport {

    private static final Pattern HEALTH = Pattern.compile("health (http://\\S+/health)");

    @Override
    protected String service() {
        return "node";
    }

    @ParameterizedTest
    @ValueSource(strings = { "TERM", "INT" })
    void runsInTheForegroundAndAStopSignalShutsItDownCleanly(String signal) throws Exception {
        Process process = cli.start(initArgs("--no-daemon"));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readUntilStarted(stdout));
        String healthUrl = ready.get(60, TimeUnit.SECONDS);

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
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String healthUrl = CompletableFuture.supplyAsync(() -> readUntilStarted(stdout)).get(60, TimeUnit.SECONDS);
        given().get(healthUrl).then().statusCode(200);
        assertThat(Files.readString(pidFile())).isEqualTo(process.pid() + "\n");
        Proc.kill("TERM", process.pid());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    /** Reads JSON log records from stdout until the "started" one; every line must be JSON. */
    private static String readUntilStarted(BufferedReader stdout) {
        try {
            String line;
            while ((line = stdout.readLine()) != null) {
                String message = JsonPath.from(line).getString("message");
                Matcher matcher = HEALTH.matcher(message == null ? "" : message);
                if (message != null && message.startsWith("mojave-node started") && matcher.find()) {
                    return matcher.group(1);
                }
            }
            throw new AssertionError("stdout ended before the service was ready");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
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
