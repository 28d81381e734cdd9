package io.mojave.daemon.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.mojave.daemon.CommonOptions;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.HealthProbe;
import io.mojave.daemon.os.PidFile;
import io.mojave.daemon.os.ProcessTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code status}: whether the daemon runs, with the LSB exit codes scripts expect. Changes nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows whether the daemon is running (PID, datadir, listening addresses, uptime).",
        exitCodeListHeading = "%nExit codes (LSB):%n",
        exitCodeList = { "0:running", "1:not running, but a stale PID file is present", "3:not running",
                "4:status unknown: the PID file cannot be read or trusted, or the daemon is alive but stopped (SIGSTOP) or not "
                        + "answering its health endpoint" })
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        Path datadir = common.datadir(service);
        Path pidFile = service.pidFile(datadir);
        PrintWriter out = spec.commandLine().getOut();
        PidFile.State state = PidFile.inspect(pidFile);
        if (state instanceof PidFile.State.Held held) {
            return running(service, datadir, held.holder(), out);
        }
        if (state instanceof PidFile.State.Unsafe unsafe) {
            out.println(service.command() + " status is unknown: " + unsafe.problem().getMessage());
            return UNKNOWN;
        }
        if (state instanceof PidFile.State.Unproven unproven) {
            out.println(service.command() + " status is unknown: " + new DaemonException.Unverifiable(pidFile, unproven.reason()).getMessage());
            return UNKNOWN;
        }
        if (state instanceof PidFile.State.Stale stale) {
            out.println(service.command() + " is not running, but its PID file " + pidFile + " is stale (it says '"
                    + stale.text().strip() + "'; the next init replaces it)");
            return DEAD_PID_FILE_EXISTS;
        }
        if (state instanceof PidFile.State.Unreadable unreadable) {
            out.println(service.command() + " status is unknown: "
                    + new DaemonException.IoWithPath("read PID file", pidFile, unreadable.cause()).getMessage());
            return UNKNOWN;
        }
        out.println(service.command() + " is not running (no PID file " + pidFile + ")");
        return NOT_RUNNING;
    }

    /** A daemon that holds its PID file: running, unless it is stopped or does not answer its health endpoint. */
    private static int running(ServiceDescriptor service, Path datadir, long pid, PrintWriter out) {
        char state = ProcessTable.state(pid);
        if (state == 'T' || state == 't') {
            out.println(service.command() + " is alive but stopped (pid " + pid + ", state " + state
                    + ": SIGSTOP, Ctrl-Z or a debugger); 'kill -CONT " + pid + "' resumes it, '" + service.command() + " stop' stops it");
            return UNKNOWN;
        }
        List<String> listening = ProcessTable.listeningAddresses(pid);
        HealthProbe.Verdict health = HealthProbe.probe(listening, HEALTH_TIMEOUT);
        if (health instanceof HealthProbe.Verdict.Silent silent) {
            out.println(service.command() + " is alive but not responding (pid " + pid + "): " + silent.address()
                    + " did not answer within " + HEALTH_TIMEOUT.toSeconds() + " s; '" + service.command() + " stop' stops it");
            return UNKNOWN;
        }
        String healthText = health instanceof HealthProbe.Verdict.Answered answered ? ", health " + answered.status() : "";
        out.println(service.command() + " is running (pid " + pid + healthText + ", datadir " + datadir
                + (listening.isEmpty() ? "" : ", listening on " + String.join(" ", listening))
                + ProcessTable.startTime(pid).map(start -> ", up " + uptime(start)).orElse("") + ")");
        return RUNNING;
    }

    private static String uptime(Instant start) {
        Duration up = Duration.between(start, Instant.now());
        if (up.toHours() > 0) {
            return up.toHours() + "h " + up.toMinutesPart() + "m";
        }
        return up.toMinutesPart() > 0 ? up.toMinutesPart() + "m " + up.toSecondsPart() + "s" : up.toSecondsPart() + "s";
    }
}
