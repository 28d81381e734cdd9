package io.mojave.prover;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-prover}: the Mojave prover. */
@TopCommand
@Command(name = "mojave-prover", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave prover.",
        subcommands = { ProverInitCommand.class, StopCommand.class, StatusCommand.class })
public class ProverCommand implements DaemonApplication {

    static final ServiceDescriptor SERVICE = new ServiceDescriptor("prover", 9597);

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }
}
