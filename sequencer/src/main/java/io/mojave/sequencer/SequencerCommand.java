package io.mojave.sequencer;

import io.mojave.daemon.command.LogsCommand;
import io.mojave.daemon.command.StatusCommand;
import io.mojave.daemon.command.StopCommand;
import io.mojave.daemon.command.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-sequencer}: the Mojave sequencer. */
@TopCommand
@Command(name = "mojave-sequencer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave sequencer.",
        subcommands = { SequencerInitCommand.class, StopCommand.class, StatusCommand.class, LogsCommand.class })
public class SequencerCommand {
}
