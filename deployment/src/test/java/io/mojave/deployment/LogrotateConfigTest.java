package io.mojave.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** deployment/logrotate/mojave: `create 0640` and SIGHUP, never copytruncate. */
class LogrotateConfigTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^(\\S+)\\s*\\{(.*?)^}", Pattern.DOTALL);

    static Path config() {
        return Repository.deployment("logrotate/mojave");
    }

    /** The configuration without its comments. */
    static String directives() throws IOException {
        return String.join("\n", Files.readAllLines(config()).stream().filter(l -> !l.strip().startsWith("#")).toList());
    }

    /** Each block's body, by the log path it rotates. */
    static Map<String, String> blocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(directives());
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    @Test
    void neverCopiesAndTruncates() throws IOException {
        assertThat(directives()).doesNotContain("copytruncate");
        assertThat(blocks()).hasSize(Service.values().length);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void createsAFreshLogAndSignalsTheRunningDaemonToReopenIt(Service service) throws IOException {
        String datadir = SystemdUnitsTest.datadir(service);
        String log = datadir + "/" + service.id() + ".log";
        String body = Optional.ofNullable(blocks().get(log))
                .orElseThrow(() -> new AssertionError("no block for " + log + ", the log of the daemon-mode unit"));

        assertThat(body).containsPattern("(?m)^\\s*create\\s+0640(\\s|$)");
        assertThat(body).containsPattern("(?s)postrotate.*endscript");
        String script = body.substring(body.indexOf("postrotate"), body.indexOf("endscript"));
        assertThat(script)
                .as("SIGHUP only to a daemon that `status` finds running (holding its PID file's lock)")
                .containsPattern("if " + Pattern.quote(Repository.INSTALLED_BIN + service.program()
                        + " status --datadir " + datadir) + " .*; then")
                .contains("kill -HUP \"$(cat " + datadir + "/" + service.id() + ".pid)\"");
    }

    /**
     * A real rotation, by logrotate, of a copy whose paths point into a temporary directory and
     * whose postrotate runs this repository's launchers (no daemon runs there, so no signal is sent).
     */
    @Test
    void logrotateRotatesWithCreate(@TempDir Path dir) throws Exception {
        Optional<Path> logrotate = Commands.find("logrotate");
        assumeTrue(logrotate.isPresent(), "logrotate is not installed: the configuration is not run by logrotate");
        String copy = Files.readString(config())
                .replace("/var/lib/mojave/", dir + "/")
                .replace(Repository.INSTALLED_BIN, Repository.root().resolve("bin") + "/")
                .replaceAll("(?m)^\\s*su .*\\n", "")
                .replace("create 0640 mojave mojave", "create 0640");
        Path conf = dir.resolve("logrotate.conf");
        Files.writeString(conf, copy);
        for (Service service : Service.values()) {
            Files.createDirectories(dir.resolve(service.id()));
            Files.writeString(dir.resolve(service.id()).resolve(service.id() + ".log"), "{\"message\":\"before\"}\n");
        }

        Commands.Result result = Commands.run(
                List.of(logrotate.get().toString(), "--force", "--state", dir.resolve("state").toString(), conf.toString()),
                Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.output()).isZero();
        for (Service service : Service.values()) {
            Path log = dir.resolve(service.id()).resolve(service.id() + ".log");
            assertThat(Path.of(log + ".1")).hasContent("{\"message\":\"before\"}");
            assertThat(log).isEmptyFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-r-----");
        }
    }
}
