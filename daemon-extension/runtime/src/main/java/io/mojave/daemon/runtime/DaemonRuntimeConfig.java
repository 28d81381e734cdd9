package io.mojave.daemon.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run-time settings of the daemon runtime. */
@ConfigMapping(prefix = "quarkus.daemon")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DaemonRuntimeConfig {

    /**
     * How long a service may take to stop gracefully on shutdown before the process exits anyway.
     * Keep it below {@code stop --timeout} (5s by default), which ends with SIGKILL.
     */
    @WithDefault("3s")
    Duration shutdownTimeout();
}
