package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.runtime.internal.CommandLines;
import io.mojave.daemon.runtime.internal.CommandModel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.test.QuarkusUnitTest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Commands that use picocli features beyond the recording (here positional parameters and a
 * multi-valued option) are not recorded: the daemon runtime reads their annotations, as before.
 */
class CommandModelUnsupportedTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WideApplication.class, ListCommand.class))
            .overrideConfigKey("quarkus.banner.enabled", "false");

    @Test
    void nothingIsRecorded() {
        assertThat(CommandModel.commandLine(WideApplication.class)).isEmpty();
    }

    @Test
    void theCommandLineIsReadFromTheAnnotations() {
        CommandLine commandLine = CommandLines.create(WideApplication.class);
        commandLine.parseArgs("list", "--tag", "a", "--tag", "b", "x", "y");

        ListCommand list = commandLine.getSubcommands().get("list").getCommand();
        assertThat(list.tags).containsExactly("a", "b");
        assertThat(list.names).containsExactly("x", "y");
    }

    @TopCommand
    @Command(name = "mojave-wide", subcommands = { ListCommand.class, StatusCommand.class })
    public static class WideApplication implements DaemonApplication {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("wide", 9126);
        }
    }

    @Command(name = "list")
    public static class ListCommand implements Callable<Integer> {
        @Option(names = "--tag")
        List<String> tags;

        @Parameters
        List<String> names;

        @Override
        public Integer call() {
            return 0;
        }
    }
}
