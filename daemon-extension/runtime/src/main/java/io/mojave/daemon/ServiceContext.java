package io.mojave.daemon;

import java.nio.file.Path;

import io.mojave.daemon.runtime.internal.SafeFiles;
import io.vertx.core.Vertx;

/**
 * What the daemon runtime gives a starting service.
 *
 * @param service the service being started
 * @param datadir its absolute data directory (state goes in subfolders of it)
 * @param vertx the application's Vert.x instance, for servers and timers
 */
public record ServiceContext(ServiceDescriptor service, Path datadir, Vertx vertx) {

    /**
     * The folder {@code name} under the datadir for the service's state, created (mode 0770 less
     * the umask) if missing. A symbolic link, anything but a folder, or a folder of someone else's or that others
     * may write, is refused with {@link DaemonException.UnsafePath}: a store must never write where
     * another user points it.
     */
    public Path stateDirectory(String name) {
        return SafeFiles.stateDirectory(datadir.resolve(name));
    }
}
