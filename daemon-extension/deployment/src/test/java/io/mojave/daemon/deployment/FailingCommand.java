package io.mojave.daemon.deployment;

import java.util.concurrent.Callable;

import io.mojave.daemon.DaemonException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A command that fails as a service can: with one of the runtime's errors, or with a bug. */
@Command(name = "fail")
public class FailingCommand implements Callable<Integer> {

    static final String MESSAGE = "mojave-test failed to start: no space left on device (log /tmp/test.log)";

    @Option(names = "--unexpected", description = "Fail with an exception that is not a DaemonException.")
    boolean unexpected;

    @Override
    public Integer call() {
        if (unexpected) {
            throw new IllegalStateException("a bug");
        }
        throw new DaemonException.StartupFailed(MESSAGE, new java.io.IOException("No space left on device"));
    }
}
