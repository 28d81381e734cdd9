package io.mojave.daemon.deployment;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.mojave.daemon.command.LogsCommand;
import io.mojave.daemon.command.StatusCommand;
import io.mojave.daemon.command.StopCommand;
import io.mojave.daemon.command.VersionProvider;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The top command of the test applications: a service named {@code test} whose health port defaults to 9123. */
@TopCommand
@Command(name = "mojave-test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = { ProbeInitCommand.class, FailingCommand.class, StopCommand.class, StatusCommand.class, LogsCommand.class })
public class TestApplication {

    /** The test application's classes and its {@code application.properties}. */
    static JavaArchive addTo(JavaArchive jar) {
        return jar.addClasses(TestApplication.class, ProbeInitCommand.class, FailingCommand.class)
                .addAsResource("test-application.properties", "application.properties");
    }
}
