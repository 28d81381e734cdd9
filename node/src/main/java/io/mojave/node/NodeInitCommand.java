package io.mojave.node;

import java.util.concurrent.Callable;

import io.mojave.daemon.DaemonInit;
import io.mojave.daemon.InitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mojave-node init}: starts the node, as a daemon unless {@code --no-daemon}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Starts the node: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class NodeInitCommand implements Callable<Integer> {

    @Mixin
    InitOptions daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return DaemonInit.run(spec, daemon, NodeService::start);
    }
}
