package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;

/**
 * {@code bin/devnet}: the three services as daemons, on ports from the environment (never the
 * defaults, which a devnet of the user may hold while the tests run).
 */
class DevnetIT extends DaemonTestSupport {

    private static final Pattern HEIGHT = Pattern.compile("node block height: (\\d+)");
    private static final List<String> SERVICES = List.of("node", "prover", "sequencer");

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    @Override
    protected String service() {
        return "sequencer";
    }

    record Run(int exitCode, String out, String err) {
        String output() {
            return out + err;
        }
    }

    @BeforeEach
    void devnetEnvironment() throws IOException {
        cli.withEnv("MOJAVE_DEVNET_DIR", tmp.toString());
        // five ports free now, none of them a default (8545, 3900, 9595-9597)
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : List.of("RPC", "PROVER", "NODE_HEALTH", "SEQUENCER_HEALTH", "PROVER_HEALTH")) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(name, socket.getLocalPort());
                cli.withEnv("MOJAVE_DEVNET_" + name + "_PORT", Integer.toString(socket.getLocalPort()));
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void upIsIdempotentAndRepairsStatusLogsRestartAndResetWork() throws Exception {
        Run up = devnet("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.out()).contains("mojave-node started").contains("mojave-prover started")
                .contains("mojave-sequencer started").contains("devnet up: JSON-RPC http://127.0.0.1:" + ports.get("RPC") + ";");
        Map<String, Long> pids = pids();

        await(Duration.ofSeconds(30), "the node's height to reach 3", () -> height(devnet("status").out()) >= 3);
        Run status = devnet("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("health http://127.0.0.1:" + ports.get("NODE_HEALTH") + "/health, rpc http://127.0.0.1:" + ports.get("RPC"))
                .contains("127.0.0.1:" + ports.get("PROVER")).contains("127.0.0.1:" + ports.get("SEQUENCER_HEALTH"))
                .contains("127.0.0.1:" + ports.get("PROVER_HEALTH"));

        // up on a devnet that is up: nothing started, nothing stopped, success
        Run again = devnet("up");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.out()).startsWith("mojave-node is already running\nmojave-prover is already running\n"
                + "mojave-sequencer is already running\ndevnet up: ");
        assertThat(pids()).isEqualTo(pids);

        // a dead prover (SIGKILL: a stale PID file): up starts it alone
        long prover = pids.get("prover");
        Proc.kill("KILL", prover);
        assertThat(Proc.awaitExit(prover, Duration.ofSeconds(10))).isTrue();
        assertThat(devnet("status").exitCode()).isEqualTo(3);
        Run repair = devnet("up");
        assertThat(repair.exitCode()).as(repair.output()).isZero();
        assertThat(repair.out()).contains("mojave-node is already running\nmojave-prover started (pid ")
                .contains("mojave-sequencer is already running\n");
        Map<String, Long> repaired = pids();
        assertThat(repaired.get("node")).isEqualTo(pids.get("node"));
        assertThat(repaired.get("sequencer")).isEqualTo(pids.get("sequencer"));
        assertThat(repaired.get("prover")).isNotEqualTo(prover);
        assertThat(devnet("status").exitCode()).isZero();

        // logs: the last lines of each log, under tail's headers
        Run logs = devnet("logs", "-n", "1");
        assertThat(logs.exitCode()).as(logs.output()).isZero();
        for (String service : SERVICES) {
            assertThat(logs.out()).contains("==> " + tmp.resolve(service).resolve(service + ".log") + " <==\n{\"timestamp\"");
        }
        assertThat(logs.out().lines().filter(line -> line.startsWith("{"))).hasSize(3);
        Run badLogs = devnet("logs", "-n", "many");
        assertThat(badLogs.exitCode()).isEqualTo(2);
        assertThat(badLogs.err()).isEqualTo("error: -n takes a number of lines, not 'many'\n");

        // restart: all three stopped and started again
        Run restart = devnet("restart");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(restart.out()).contains("mojave-sequencer stopped").contains("mojave-node started");
        Map<String, Long> restarted = pids();
        for (String service : SERVICES) {
            assertThat(restarted.get(service)).as(service).isNotEqualTo(repaired.get(service));
        }

        // reset refuses a datadir holding what the services did not write, before it stops anything
        Path foreign = Files.writeString(tmp.resolve("node").resolve("notes.txt"), "mine");
        Run refused = devnet("reset");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: not resetting: " + foreign + " is not a file of mojave-node; "
                + "move it away, then run 'bin/devnet reset' again\n");
        assertThat(pids()).isEqualTo(restarted);
        assertThat(devnet("status").exitCode()).isZero();

        // reset: stops the devnet, deletes the three datadirs and nothing else
        Files.delete(foreign);
        Path beside = Files.writeString(tmp.resolve("beside.txt"), "not the devnet's");
        Run reset = devnet("reset");
        assertThat(reset.exitCode()).as(reset.output()).isZero();
        assertThat(reset.out()).contains("mojave-sequencer stopped").contains("mojave-node stopped")
                .endsWith("deleted " + tmp.resolve("node") + "\ndeleted " + tmp.resolve("prover") + "\ndeleted "
                        + tmp.resolve("sequencer") + "\ndevnet reset: 'bin/devnet up' starts a new chain\n");
        for (String service : SERVICES) {
            assertThat(tmp.resolve(service)).doesNotExist();
        }
        assertThat(beside).hasContent("not the devnet's");
        assertThat(SWEEPER.processes(tmp.toString())).isEmpty();

        Run down = devnet("down");
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).isEqualTo("mojave-sequencer is not running\nmojave-prover is not running\nmojave-node is not running\n");
    }

    @Test
    void helpGoesToStdoutAndAnUnknownCommandIsAUsageError() throws Exception {
        for (String help : List.of("help", "--help", "-h")) {
            Run run = devnet(help);
            assertThat(run.exitCode()).as(help).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("usage: bin/devnet <command>\n").contains("  reset ").contains("MOJAVE_DEVNET_RPC_PORT (8545)");
        }
        String usage = devnet("help").out();

        Run unknown = devnet("frob");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("error: unknown command 'frob'\n" + usage);

        Run none = devnet();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo(usage);
    }

    private Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : SERVICES) {
            pids.put(service, Long.parseLong(Files.readString(tmp.resolve(service).resolve(service + ".pid")).strip()));
        }
        return pids;
    }

    private static long height(String status) {
        Matcher matcher = HEIGHT.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private Run devnet(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(cli.launcher().resolveSibling("devnet").toString());
        command.addAll(List.of(args));
        Process process = cli.startRaw(command);
        process.getOutputStream().close();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("bin/devnet %s within 90 s", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), out.get(90, TimeUnit.SECONDS), err.get(90, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
