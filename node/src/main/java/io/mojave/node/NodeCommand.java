package io.mojave.node;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-node}: the Mojave node. */
@TopCommand
@Command(name = "mojave-node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave node.",
        subcommands = { NodeInitCommand.class, StopCommand.class, StatusCommand.class })
public class NodeCommand implements DaemonApplication {

    static final ServiceDescriptor SERVICE = new ServiceDescriptor("node", 9595);

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }
}
