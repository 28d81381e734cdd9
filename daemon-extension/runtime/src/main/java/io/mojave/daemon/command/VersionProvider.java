package io.mojave.daemon.command;

import io.mojave.daemon.ServiceDescriptor;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the command and the app's {@code quarkus.application.version}, such as {@code mojave-node 0.1.0}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        return new String[] { service.command() + " " + service.version() };
    }
}
