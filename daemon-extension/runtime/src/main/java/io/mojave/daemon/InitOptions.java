package io.mojave.daemon;

import java.time.Duration;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code init} that the daemon runtime owns, shared by the three services: mix it
 * into each app's {@code init} command with {@code @Mixin}.
 */
public final class InitOptions {

    /** Environment variable that, set to true, 1 or yes, acts as {@code --no-daemon}. */
    public static final String NO_DAEMON_ENV = "MOJAVE_NO_DAEMON";

    @Mixin
    CommonOptions common;

    @Option(names = "--no-daemon",
            description = "Run in the foreground and log to stdout (also: MOJAVE_NO_DAEMON=true, or when running as PID 1).")
    boolean noDaemon;

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long init waits for the daemon to be ready before it gives up and stops it (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(names = "--health.addr", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address of the health endpoint (default: ${DEFAULT-VALUE}).")
    String healthAddress;

    @Option(names = "--health.port", paramLabel = "PORT", converter = PortConverter.class,
            description = "Port of GET /health; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    Integer healthPort;

    /** The options shared with {@code stop} and {@code status}. */
    public CommonOptions common() {
        return common;
    }

    /** Whether the service runs in the foreground: {@code --no-daemon} or {@value #NO_DAEMON_ENV}. */
    public boolean noDaemon() {
        return noDaemon || noDaemonFromEnvironment();
    }

    /** Whether {@value #NO_DAEMON_ENV} asks for the foreground, whatever the command line says. */
    public static boolean noDaemonFromEnvironment() {
        return isTrue(System.getenv(NO_DAEMON_ENV));
    }

    /** How long {@code init} waits for the daemon child to report ready. */
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
