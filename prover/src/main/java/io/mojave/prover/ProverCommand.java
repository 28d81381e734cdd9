package io.mojave.prover;

import io.mojave.daemon.command.LogsCommand;
import io.mojave.daemon.command.StatusCommand;
import io.mojave.daemon.command.StopCommand;
import io.mojave.daemon.command.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code mojave-prover}: the Mojave prover. */
@TopCommand
@Command(name = "mojave-prover", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Mojave prover.",
        subcommands = { ProverInitCommand.class, StopCommand.class, StatusCommand.class, LogsCommand.class })
public class ProverCommand {
}
