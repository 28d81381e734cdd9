package io.mojave.daemon.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.mojave.daemon.CommonOptions;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.HealthProbe;
import io.mojave.daemon.os.PidFile;
import io.mojave.daemon.os.ProcessTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code status}: whether the daemon runs and how it is, with the LSB exit codes scripts expect. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows whether the daemon is running and how it is: PID, version, uptime, its own health "
                + "(UP, DEGRADED: <reason>, DOWN: <reason>), datadir and endpoints.",
        exitCodeListHeading = "%nExit codes (LSB):%n",
        exitCodeList = { "0:running (health UP or DEGRADED)", "1:not running, but a stale PID file is present", "3:not running",
                "4:status unknown: the PID file cannot be read or trusted, or the daemon is alive but stopped (SIGSTOP), "
                        + "silent on its health endpoint, or DOWN by its own account", "2:usage error" })
public final class StatusCommand implements Callable<Integer> {

    /** How long a health endpoint may take to answer before the daemon counts as not responding. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    /** LSB: program is running. */
    public static final int RUNNING = 0;
    /** LSB: program is dead and the PID file exists. */
    public static final int DEAD_PID_FILE_EXISTS = 1;
    /** LSB: program is not running. */
    public static final int NOT_RUNNING = 3;
    /** LSB: program or service status is unknown. */
    public static final int UNKNOWN = 4;

    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print one JSON object (state, pid, version, health, endpoints, ...) for scripts.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** What status found: its exit code, one line for people, and the same as JSON. */
    private record Report(int exitCode, String line, JsonObject json) {
    }

    @Override
    public Integer call() {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        Path datadir = common.datadir(service);
        Report report = inspect(service, datadir);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.json().put("service", service.command()).put("datadir", datadir.toString()).encode() : report.line());
        return report.exitCode();
    }

    private static Report inspect(ServiceDescriptor service, Path datadir) {
        Path pidFile = service.pidFile(datadir);
        String name = service.command();
        PidFile.State state = settled(pidFile);
        if (state instanceof PidFile.State.Held held) {
            if (!names(held.text(), held.holder())) {
                return unknown(name, new DaemonException.NotOwner(pidFile, held.text().strip(), held.holder()).getMessage());
            }
            return running(service, datadir, held.holder());
        }
        if (state instanceof PidFile.State.Unsafe unsafe) {
            return unknown(name, unsafe.problem().getMessage());
        }
        if (state instanceof PidFile.State.Unproven unproven) {
            return unknown(name, new DaemonException.Unverifiable(pidFile, unproven.reason()).getMessage());
        }
        if (state instanceof PidFile.State.Stale stale) {
            return new Report(DEAD_PID_FILE_EXISTS, name + " is not running, but its PID file " + pidFile + " is stale (it says '"
                    + stale.text().strip() + "'; the next init replaces it)", state("dead").put("pidFile", pidFile.toString()));
        }
        if (state instanceof PidFile.State.Unreadable unreadable) {
            return unknown(name, new DaemonException.IoWithPath("read PID file", pidFile, unreadable.cause()).getMessage());
        }
        return new Report(NOT_RUNNING, name + " is not running (no PID file " + pidFile + ")", state("not-running"));
    }

    /** How long a PID file may name another process than its lock holder: a starting daemon is writing its PID. */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /** The PID file's state, given a starting daemon {@link #SETTLE} to write its PID over the old text. */
    private static PidFile.State settled(Path pidFile) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        PidFile.State state = PidFile.inspect(pidFile);
        while (state instanceof PidFile.State.Held held && !names(held.text(), held.holder()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = PidFile.inspect(pidFile);
        }
        return state;
    }

    /** Whether the PID file's {@code text} names {@code holder}, the process that holds its lock. */
    private static boolean names(String text, long holder) {
        return text.strip().equals(Long.toString(holder));
    }

    /** A daemon that holds its PID file: running, unless it is stopped, silent, or DOWN by its own account. */
    private static Report running(ServiceDescriptor service, Path datadir, long pid) {
        String name = service.command();
        JsonObject json = state("running").put("pid", pid);
        char state = ProcessTable.state(pid);
        if (state == 'T' || state == 't') {
            return new Report(UNKNOWN, name + " is alive but stopped (pid " + pid + ", state " + state
                    + ": SIGSTOP, Ctrl-Z or a debugger); 'kill -CONT " + pid + "' resumes it, '" + name + " stop' stops it",
                    json.put("state", "stopped"));
        }
        List<String> listening = ProcessTable.listeningAddresses(pid);
        json.put("listening", new JsonArray(List.copyOf(listening)));
        Optional<Instant> start = ProcessTable.startTime(pid);
        start.ifPresent(since -> json.put("uptimeSeconds", Duration.between(since, Instant.now()).toSeconds()));
        HealthProbe.Verdict health = HealthProbe.probe(listening, HEALTH_TIMEOUT);
        if (health instanceof HealthProbe.Verdict.Silent silent) {
            return new Report(UNKNOWN, name + " is alive but not responding (pid " + pid + "): " + silent.address()
                    + " did not answer within " + HEALTH_TIMEOUT.toSeconds() + " s; '" + name + " stop' stops it",
                    json.put("state", "not-responding"));
        }
        StringBuilder line = new StringBuilder(name).append(" is running (pid ").append(pid);
        int exitCode = RUNNING;
        if (health instanceof HealthProbe.Verdict.Answered answered) {
            json.put("health", new JsonObject().put("status", answered.status()).put("reason", answered.reason()))
                    .put("version", answered.version()).put("endpoints", answered.endpoints());
            line.append(answered.version().isEmpty() ? "" : ", version " + answered.version())
                    .append(", health ").append(answered.status())
                    .append(answered.reason().isEmpty() ? "" : ": " + answered.reason());
            if (answered.status().equals("DOWN")) {
                exitCode = UNKNOWN;
            }
        }
        line.append(", datadir ").append(datadir);
        if (health instanceof HealthProbe.Verdict.Answered answered && !answered.endpoints().isEmpty()) {
            answered.endpoints().forEach(endpoint -> line.append(", ").append(endpoint.getKey()).append(' ').append(endpoint.getValue()));
        } else if (!listening.isEmpty()) {
            line.append(", listening on ").append(String.join(" ", listening));
        }
        start.ifPresent(since -> line.append(", up ").append(uptime(since)));
        return new Report(exitCode, line.append(')').toString(), json);
    }

    private static Report unknown(String name, String why) {
        return new Report(UNKNOWN, name + " status is unknown: " + why, state("unknown").put("reason", why));
    }

    private static JsonObject state(String state) {
        return new JsonObject().put("state", state);
    }

    private static String uptime(Instant start) {
        Duration up = Duration.between(start, Instant.now());
        if (up.toHours() > 0) {
            return up.toHours() + "h " + up.toMinutesPart() + "m";
        }
        return up.toMinutesPart() > 0 ? up.toMinutesPart() + "m " + up.toSecondsPart() + "s" : up.toSecondsPart() + "s";
    }
}
