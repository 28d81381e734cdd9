package io.mojave.daemon.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.LogLevel;
import io.mojave.daemon.LogLevels;
import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.ServiceStarter;
import io.mojave.daemon.launch.Handshake;
import io.mojave.daemon.os.LogReopening;
import io.mojave.daemon.os.PidFile;
import io.mojave.daemon.os.ProcessTable;
import io.mojave.daemon.os.SafeFiles;
import io.mojave.daemon.os.SdNotify;
import io.mojave.daemon.os.Signals;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Runs a service in this process (the daemon child, or the foreground with {@code --no-daemon}):
 * holds the PID file, serves {@code /health}, starts the service, reports ready to the parent,
 * and waits. Its shutdown work is registered once, as a {@link ShutdownEvent} observer, so that
 * every way out of Quarkus runs it: a signal, the service ending or failing, a startup error.
 */
@ApplicationScoped
public class DaemonLifecycle {

    private static final Logger LOG = Logger.getLogger(DaemonLifecycle.class);

    private final Vertx vertx;
    private final DaemonRuntimeConfig config;
    private final AtomicInteger exitCode = new AtomicInteger();
    private final Optional<SdNotify> systemd = SdNotify.fromEnvironment();

    /** How often a running daemon checks that its PID file is still its own. */
    private static final Duration PID_FILE_CHECK = Duration.ofSeconds(1);

    private PidFile pidFile;
    private long pidFileWatch = -1;
    private volatile String pidFileProblem;
    private HealthServer health;
    private RunningService service;
    private boolean stopped;

    DaemonLifecycle(Vertx vertx, DaemonRuntimeConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /**
     * Runs the service until it is asked to stop or fails.
     *
     * @return the exit status: 0 after a requested shutdown, 1 after a failure
     * @throws DaemonException if the service could not start (after reporting it to the parent)
     */
    public int run(ServiceDescriptor descriptor, DaemonOptions options, List<String> redactedOptions, ServiceStarter starter) {
        Optional<Handshake.Reporter> parent = Handshake.reporter(descriptor);
        options.common().logLevel().ifPresent(levels -> setLogLevels(descriptor, levels));
        Path datadir = options.common().datadir(descriptor);
        long pid = ProcessHandle.current().pid();
        LOG.infof("%s %s starting (pid %d, datadir %s, %s, options %s)", descriptor.command(), descriptor.version(), pid,
                datadir, parent.isPresent() ? "daemon" : "foreground", redactedOptions);
        LOG.debugf("PID file %s, log %s, health %s, umask %04o, session leader %s, shutdown timeout %s",
                descriptor.pidFile(datadir), parent.isPresent() ? descriptor.logFile(datadir) : "stdout",
                descriptor.healthEnabled() ? options.healthAddress() + ":" + options.healthPort() : "off",
                ProcessTable.umask(), ProcessTable.isSessionLeader(), config.shutdownTimeout());
        Signals.onStopRequest(() -> Quarkus.asyncExit(0));
        handleSighup(descriptor.logFile(datadir), parent.isPresent());
        if (pid == 1 && parent.isEmpty() && !options.noDaemon(descriptor)) {
            LOG.info("Running as PID 1 (a container's init): staying in the foreground, SIGTERM stops gracefully");
        }
        List<String> endpoints = new ArrayList<>();
        try {
            SafeFiles.datadir(datadir);
            // the daemon child has its umask already
            if (parent.isEmpty() && SafeFiles.shareWithGroupIfTheDatadirIs(datadir)) {
                LOG.debugf("The datadir %s is writable by its group: umask 0007, so that the group may use what this service creates", datadir);
            }
            synchronized (this) {
                pidFile = PidFile.acquire(descriptor.command(), descriptor.pidFile(datadir));
                if (descriptor.healthEnabled()) {
                    health = HealthServer.start(vertx, options.healthAddress(), options.healthPort());
                }
            }
            watchPidFile();
            if (health != null) {
                endpoints.add("health " + health.url());
            }
            RunningService started = starter.start(new RunningContext(descriptor, datadir, vertx));
            synchronized (this) {
                service = started;
            }
            endpoints.addAll(started.endpoints());
            if (health != null) {
                health.markUp(started::health, descriptor.version(), endpoints);
            }
        } catch (Exception e) {
            String message = e instanceof DaemonException ? e.getMessage() : "cannot start: " + e;
            LOG.errorf(e, "%s failed to start: %s", descriptor.command(), message);
            parent.ifPresent(reporter -> report(() -> reporter.failed(message)));
            shutdown();
            throw e instanceof DaemonException daemonException ? daemonException : new DaemonException.StartupFailed(message, e);
        }
        // From an event loop: the first record formatted there loads what Vert.x's log context needs, now,
        // while descriptors are plentiful; a flood of connections later could leave none to open its jar.
        String startedLine = String.format("%s started (pid %d, %s)", descriptor.command(), pid, String.join(", ", endpoints));
        CompletableFuture<Void> logged = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            LOG.info(startedLine);
            logged.complete(null);
        });
        logged.orTimeout(10, TimeUnit.SECONDS).exceptionally(slow -> null).join();
        if (parent.isPresent() && !reportReady(parent.get(), pid, endpoints)) {
            shutdown();
            return 1;
        }
        systemd.ifPresent(notify -> report(() -> notify.ready(descriptor.command() + " running: " + String.join(", ", endpoints))));
        service.termination().whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "%s failed: %s", descriptor.command(), failure.getMessage());
                exitCode.set(1);
            }
            Quarkus.asyncExit(exitCode.get());
        });
        Quarkus.waitForExit();
        return exitCode.get();
    }

    /**
     * {@code --log.level}: its level for the app's own records (the package of its top command, to
     * two segments, such as {@code io.mojave}) and the daemon runtime's, the categories it names,
     * and {@code info} (or less) for everything else.
     */
    private static void setLogLevels(ServiceDescriptor descriptor, LogLevels levels) {
        level("", levels.libraryLevel());
        level(appCategory(descriptor.topCommand()), levels.level());
        level("io.mojave.daemon", levels.level());
        levels.categories().forEach(DaemonLifecycle::level);
    }

    private static void level(String category, LogLevel level) {
        java.util.logging.Logger.getLogger(category).setLevel(org.jboss.logmanager.Level.parse(level.jbossName()));
    }

    /** {@code io.mojave} for {@code io.mojave.node.NodeCommand}. */
    static String appCategory(String topCommand) {
        String[] segments = topCommand.split("\\.");
        String category = segments.length <= 2 ? topCommand.substring(0, Math.max(0, topCommand.lastIndexOf('.')))
                : segments[0] + "." + segments[1];
        // A top command in the default package has no category of its own: never the root logger's.
        return category.isEmpty() ? topCommand : category;
    }

    /**
     * Tells the waiting {@code init} that we are ready; false if it is gone before it could tell the
     * user (killed, even with SIGKILL): then no one was told that this daemon runs, so it stops.
     */
    private static boolean reportReady(Handshake.Reporter parent, long pid, List<String> endpoints) {
        try {
            parent.ready(pid, endpoints);
            return true;
        } catch (IOException e) {
            LOG.errorf("Stopping: %s (%s)", "the init that started this daemon is gone before it reported the start", e.getMessage());
            return false;
        }
    }

    /**
     * Checks every {@link #PID_FILE_CHECK} that our PID file is still there and still ours, and puts
     * it back if it was removed or replaced, so that {@code status} and {@code stop} keep finding
     * this daemon. Each change is logged once.
     */
    private void watchPidFile() {
        pidFileWatch = vertx.setPeriodic(PID_FILE_CHECK.toMillis(), id -> vertx.executeBlocking(() -> {
            PidFile held;
            synchronized (this) {
                held = stopped ? null : pidFile;
            }
            if (held == null) {
                return null;
            }
            try {
                String restored = held.restoreIfLost();
                if (restored != null) {
                    LOG.warn(restored);
                }
                pidFileProblem = null;
            } catch (DaemonException e) {
                if (!e.getMessage().equals(pidFileProblem)) {
                    LOG.errorf("Our PID file is not ours any more, and cannot be put back now (will retry): %s", e.getMessage());
                    pidFileProblem = e.getMessage();
                }
            }
            return null;
        }, false));
    }

    /** A daemon reopens its log on SIGHUP (logrotate); a foreground process just keeps running. */
    private static void handleSighup(Path log, boolean daemon) {
        if (daemon) {
            LogReopening.onSighupReopen(log, failure -> {
                if (failure == null) {
                    LOG.infof("Reopened log file %s on SIGHUP", log);
                } else {
                    LOG.warnf("Could not reopen log file %s on SIGHUP: %s", log, failure.getMessage());
                }
            });
        } else {
            LogReopening.onSighupKeepRunning(() -> LOG.info("SIGHUP received: logging to stdout, no log file to reopen"));
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shutdown();
    }

    /** Marks the service down, stops it, closes the health endpoint and removes the PID file; once. */
    synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (pidFileWatch >= 0) {
            vertx.cancelTimer(pidFileWatch);
        }
        systemd.ifPresent(notify -> report(() -> notify.stopping("stopping")));
        if (health != null) {
            health.markDown();
        }
        if (service != null) {
            stopService();
        }
        if (health != null) {
            try {
                health.close(config.shutdownTimeout());
            } catch (Exception e) {
                LOG.warnf("Closing the health endpoint: %s", e.toString());
            }
        }
        if (pidFile != null) {
            pidFile.close();
            LOG.infof("Stopped; removed PID file %s", pidFile.path());
        }
    }

    private void stopService() {
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                service.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            stopping.get(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("The service did not stop cleanly within %s: %s", config.shutdownTimeout(), e.toString());
        }
    }

    private static void report(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // The starting init or systemd is gone: nothing to do but say so.
            LOG.warnf("Could not report our state: %s", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
