package io.mojave.daemon.deployment;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who the app is, for the daemon runtime: fixed when the app is built, because {@code stop},
 * {@code status}, {@code --help} and the parent of a daemonizing start read it without booting
 * Quarkus.
 */
@ConfigMapping(prefix = "quarkus.daemon")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface DaemonBuildConfig {

    /**
     * Short name of the service, which names its PID file and log in the datadir
     * ({@code <name>.pid}, {@code <name>.log}). Defaults to {@code quarkus.application.name}.
     */
    Optional<String> name();

    /**
     * The command users type, as shown in messages ({@code <command> started}, {@code <command>
     * stop}). Defaults to {@code quarkus.application.name}.
     */
    Optional<String> command();

    /**
     * The datadir when {@code --datadir} is not given; a leading {@code ~/} is the home directory
     * ({@code $HOME}). Defaults to {@code ~/.<name>}.
     */
    Optional<String> defaultDatadir();

    /**
     * Prefix of the runtime's environment variables: {@code <PREFIX>_NO_DAEMON=true} acts as
     * {@code --no-daemon}. Defaults to the command in upper case, with every character that is
     * not a letter or digit as {@code _}.
     */
    Optional<String> environmentPrefix();

    /**
     * The environment variable that sets the datadir when {@code --datadir} is not given (as
     * {@code PGDATA} does for PostgreSQL). Defaults to {@code <PREFIX>_DATADIR}.
     */
    Optional<String> datadirVariable();

    /**
     * Prefixes of the {@code -D} system properties that a daemon child inherits from the command
     * that started it, besides {@code quarkus.*}, which it always inherits. Other JVM options pass
     * only if they tune memory, GC, JIT or class data sharing.
     */
    Optional<List<String>> inheritedProperties();

    /** The health endpoint of the running service. */
    Health health();

    /** {@code GET /health} of the running service. */
    interface Health {

        /**
         * Whether the start command serves {@code GET /health} (and takes {@code --health.addr}
         * and {@code --health.port}); {@code status} asks it how the service is.
         */
        @WithDefault("true")
        boolean enabled();

        /** Default address of the health endpoint ({@code --health.addr}). */
        @WithDefault("127.0.0.1")
        String host();

        /** Default port of the health endpoint ({@code --health.port}); 0 picks a free port. */
        @WithDefault("0")
        int port();
    }
}
