package io.mojave.daemon.deployment;

import java.util.concurrent.Callable;

import io.mojave.daemon.DaemonOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** An {@code init} that starts nothing: it prints the daemon options it was given, as parsed. */
@Command(name = "probe", mixinStandardHelpOptions = true)
public class ProbeInitCommand implements Callable<Integer> {

    @Mixin
    DaemonOptions daemon;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("health " + daemon.healthAddress() + ":" + daemon.healthPort()
                + " log.level " + daemon.common().logLevel().map(Object::toString).orElse("unset") + " startup-timeout " + daemon.startupTimeout());
        return 0;
    }
}
