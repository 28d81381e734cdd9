package io.mojave.sequencer;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-sequencer}: the Mojave sequencer. */
@TopCommand
@Command(name = "mojave-sequencer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave sequencer.",
        subcommands = { SequencerInitCommand.class, StopCommand.class, StatusCommand.class })
public class SequencerCommand implements DaemonApplication {

    static final ServiceDescriptor SERVICE = new ServiceDescriptor("sequencer", 9596);

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }
}
