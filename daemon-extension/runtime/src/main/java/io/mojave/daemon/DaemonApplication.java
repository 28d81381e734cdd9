package io.mojave.daemon;

/**
 * Implemented by each app's top command ({@code @TopCommand}): names the service whose daemon the
 * shared commands ({@code init}'s runtime, {@link StopCommand}, {@link StatusCommand}) manage.
 */
public interface DaemonApplication {

    /** The service this command line runs. */
    ServiceDescriptor service();
}
