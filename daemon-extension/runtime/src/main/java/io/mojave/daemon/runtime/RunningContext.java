package io.mojave.daemon.runtime;

import java.nio.file.Path;

import io.mojave.daemon.ServiceContext;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.os.SafeFiles;
import io.vertx.core.Vertx;

/** The {@link ServiceContext} of the service this process runs. */
record RunningContext(ServiceDescriptor service, Path datadir, Vertx vertx) implements ServiceContext {

    @Override
    public Path stateDirectory(String name) {
        return SafeFiles.stateDirectory(datadir.resolve(name));
    }
}
