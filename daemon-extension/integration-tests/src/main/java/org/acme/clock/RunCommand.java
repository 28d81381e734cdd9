package org.acme.clock;

import java.time.Duration;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.command.DaemonStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code acme-clock run}: the start command, named as this app likes, with the daemon options mixed in. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Starts the clock, as a daemon unless --no-daemon.")
public class RunCommand implements Callable<Integer> {

    @Mixin
    DaemonOptions daemon;

    @Option(names = "--greeting", defaultValue = "hello", description = "First word of every line (default: ${DEFAULT-VALUE}).")
    String greeting;

    @Option(names = "--tick", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between two lines (default: ${DEFAULT-VALUE}).")
    Duration tick;

    @Spec
    CommandSpec spec;

    /** Injected where the service runs (Quarkus booted); the parent of a daemonizing run never uses it. */
    @Inject
    Clock clock;

    @Override
    public Integer call() {
        if (tick.isZero() || tick.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--tick must be above 0");
        }
        ClockSettings settings = new ClockSettings(greeting, tick);
        return DaemonStart.run(spec, daemon, context -> clock.start(context, settings));
    }
}
