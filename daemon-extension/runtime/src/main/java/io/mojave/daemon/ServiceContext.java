package io.mojave.daemon;

import java.nio.file.Path;

import io.vertx.core.Vertx;

/** What the daemon runtime gives a starting service. */
public interface ServiceContext {

    /** The service being started. */
    ServiceDescriptor service();

    /** Its absolute data directory (state goes in subfolders of it). */
    Path datadir();

    /** The application's Vert.x instance, for servers and timers. */
    Vertx vertx();

    /**
     * The folder {@code name} under the datadir for the service's state, created (mode 0770 less
     * the umask) if missing. A symbolic link, anything but a folder, or a folder of someone else's
     * or that others may write, is refused with {@link DaemonException.UnsafePath}: a store must
     * never write where another user points it.
     */
    Path stateDirectory(String name);
}
