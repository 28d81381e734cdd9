package io.mojave.daemon;

import java.time.Duration;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of an app's start command that the daemon runtime owns: mix them into it with
 * {@code @Mixin} and hand them to {@code DaemonStart.run}. Their defaults ({@code --health.*}) and
 * the environment variable named in the help come from the app's {@code quarkus.daemon.*}
 * configuration.
 */
public final class DaemonOptions {

    /** The environment variable (after the app's prefix) that, set to true, 1 or yes, acts as {@code --no-daemon}. */
    public static final String NO_DAEMON_SUFFIX = "NO_DAEMON";

    @Mixin
    CommonOptions common;

    @Option(names = "--no-daemon",
            description = "Run in the foreground and log to stdout (also: ${bundle:daemon.no-daemon.variable}=true, or when running as PID 1).")
    boolean noDaemon;

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long the start waits for the daemon to be ready before it gives up and stops it: 500ms, 5s, 2m, 1h; "
                    + "a bare number is seconds (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(names = "--health.addr", paramLabel = "ADDR",
            description = "Address of the health endpoint (default: ${DEFAULT-VALUE}).")
    String healthAddress;

    @Option(names = "--health.port", paramLabel = "PORT", converter = PortConverter.class,
            description = "Port of GET /health; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    Integer healthPort;

    /** The options shared with {@code stop} and {@code status}. */
    public CommonOptions common() {
        return common;
    }

    /** Whether the service runs in the foreground: {@code --no-daemon} or {@code <PREFIX>_NO_DAEMON}. */
    public boolean noDaemon(ServiceDescriptor service) {
        return noDaemon || isTrue(System.getenv(service.environmentVariable(NO_DAEMON_SUFFIX)));
    }

    /** How long the start waits for the daemon child to report ready. */
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** Address the health endpoint binds. */
    public String healthAddress() {
        return healthAddress;
    }

    /** Port the health endpoint binds (0: any free port). */
    public int healthPort() {
        return healthPort;
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }
}
