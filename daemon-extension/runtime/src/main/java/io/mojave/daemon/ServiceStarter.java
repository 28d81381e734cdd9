package io.mojave.daemon;

/**
 * The seam between the daemon runtime and a service's own work (the seed's "main task"): starts
 * the service from its parsed options and returns once it serves. The runtime calls it in the
 * daemon child or the foreground process only, after the PID file is held and the health
 * endpoint listens; never in the parent of a daemonizing {@code init}.
 */
@FunctionalInterface
public interface ServiceStarter {

    /** Starts the service; an exception means it could not start, and {@code init} fails with its message. */
    RunningService start(ServiceContext context) throws Exception;
}
