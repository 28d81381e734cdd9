package io.mojave.node;

import io.mojave.daemon.command.LogsCommand;
import io.mojave.daemon.command.StatusCommand;
import io.mojave.daemon.command.StopCommand;
import io.mojave.daemon.command.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-node}: the Mojave node. */
@TopCommand
@Command(name = "mojave-node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave node.",
        subcommands = { NodeInitCommand.class, StopCommand.class, StatusCommand.class, LogsCommand.class })
public class NodeCommand {
}
