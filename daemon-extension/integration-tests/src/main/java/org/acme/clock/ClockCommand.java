package org.acme.clock;

import io.mojave.daemon.command.LogsCommand;
import io.mojave.daemon.command.StatusCommand;
import io.mojave.daemon.command.StopCommand;
import io.mojave.daemon.command.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code acme-clock}: its own start command, and the extension's {@code stop} and {@code status}. */
@TopCommand
@Command(name = "acme-clock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Writes the time to a file, now and then.",
        subcommands = { RunCommand.class, StopCommand.class, StatusCommand.class, LogsCommand.class })
public class ClockCommand {
}
