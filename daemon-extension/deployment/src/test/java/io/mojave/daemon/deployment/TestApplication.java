package io.mojave.daemon.deployment;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The top command of the test applications: a service named {@code test} whose health port defaults to 9123. */
@TopCommand
@Command(name = "mojave-test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = { ProbeInitCommand.class, FailingCommand.class, StopCommand.class, StatusCommand.class })
public class TestApplication implements DaemonApplication {

    static final ServiceDescriptor SERVICE = new ServiceDescriptor("test", 9123);

    @Override
    public ServiceDescriptor service() {
        return SERVICE;
    }
}
