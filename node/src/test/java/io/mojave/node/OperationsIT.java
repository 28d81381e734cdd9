package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/** What operators rely on: log rotation by SIGHUP, systemd's sd_notify, and running as a container's PID 1. */
class OperationsIT extends NodeTestSupport {

    @Override
    protected String service() {
        return "node";
    }

    @Test
    void sighupReopensTheLogFileAndTheDaemonKeepsRunning() throws Exception {
        Started started = init();
        Path rotated = datadir.resolve("node.log.1");
        Files.move(logFile(), rotated);
        String rotatedBefore = Files.readString(rotated);

        Proc.kill("HUP", started.pid());
        await(Duration.ofSeconds(10), "a fresh log file", () -> Files.exists(logFile())
                && Files.readString(logFile()).contains("Reopened log file"));
        assertThat(Proc.isRunning(started.pid())).isTrue();
        given().get(started.healthUrl()).then().statusCode(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile()))).isEqualTo("rw-r-----");

        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(log()).contains("Stopped; removed PID file");
        assertThat(Files.readString(rotated)).as("nothing more goes to the rotated file").isEqualTo(rotatedBefore);
    }

    @Test
    void withNotifySocketTheServiceTellsSystemdItIsReadyAndStopping() throws Exception {
        Path socket = tmp.resolve("notify.sock");
        try (UnixDatagramChannel systemd = UnixDatagramChannel.open()) {
            systemd.bind(new UnixSocketAddress(socket.toFile()));
            Process process = cli.withEnv("NOTIFY_SOCKET", socket.toString()).start(initArgs("--no-daemon"));
            String ready = receive(systemd);
            assertThat(ready).contains("READY=1\n").contains("MAINPID=" + process.pid() + "\n").contains("STATUS=mojave-node running");
            Matcher health = ForegroundLog.HEALTH.matcher(ready);
            assertThat(health.find()).isTrue();
            given().get(health.group(1)).then().statusCode(200); // READY only once it serves

            Proc.kill("TERM", process.pid());
            assertThat(receive(systemd)).startsWith("STOPPING=1\n");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
    }

    private static String receive(UnixDatagramChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        CompletableFuture<Void> received = CompletableFuture.runAsync(() -> {
            try {
                channel.receive(buffer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        received.get(60, TimeUnit.SECONDS);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    @Test
    void asPid1OfANewPidNamespaceItStaysInTheForegroundAndSigtermStopsItCleanly() throws Exception {
        // A leftover PID file from the previous container, naming PID 1 again.
        Files.createDirectories(datadir);
        Files.writeString(pidFile(), "1\n");
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc",
                cli.launcher().toString()));
        command.addAll(List.of(initArgs()));
        Process container = cli.startRaw(command);
        List<String> records = new ArrayList<>();
        String healthUrl = ForegroundLog.awaitStarted(container, records);

        given().get(healthUrl).then().statusCode(200);
        assertThat(Files.readString(pidFile())).isEqualTo("1\n");
        assertThat(records).anySatisfy(message -> assertThat(message).contains("Running as PID 1"));
        assertThat(logFile()).as("did not detach: no log file").doesNotExist();

        long service = container.toHandle().children().findFirst().orElseThrow().pid(); // its PID outside the namespace
        Proc.kill("TERM", service);
        assertThat(container.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(container.exitValue()).isZero();
        assertThat(pidFile()).doesNotExist();
    }
}
