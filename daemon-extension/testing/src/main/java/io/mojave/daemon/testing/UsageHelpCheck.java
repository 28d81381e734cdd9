package io.mojave.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.runtime.internal.CommandLines;
import io.mojave.daemon.runtime.internal.CommandModel;
import picocli.CommandLine;

/**
 * The built service's commands, which its launcher builds from the command model the build
 * recorded, say in {@code --help} exactly what picocli reads from their annotations: the check
 * each app's {@code UsageHelpIT} inherits.
 */
public abstract class UsageHelpCheck extends DaemonTestSupport {

    private static final Path GENERATED = Path.of("target/quarkus-app/quarkus/generated-bytecode.jar");

    /** The app's top command. */
    protected abstract Class<? extends DaemonApplication> topCommand();

    @Test
    public void theBuildRecordedTheCommandModel() throws Exception {
        try (URLClassLoader generated = new URLClassLoader(new URL[] { GENERATED.toUri().toURL() }, null)) {
            Class<?> recording = Class.forName(CommandModel.RECORDING_CLASS, true, generated);
            Object text = ((Supplier<?>) recording.getDeclaredConstructor().newInstance()).get();
            assertThat(text).asString()
                    .contains(topCommand().getName() + CommandModel.ATTRIBUTE + CommandModel.TOP + "=true");
        }
    }

    @Test
    public void everyCommandsHelpIsWhatItsAnnotationsSay() {
        CommandLine annotated = CommandLines.configure(new CommandLine(topCommand()));
        List<String> commands = new ArrayList<>(List.of(""));
        commands.addAll(annotated.getSubcommands().keySet());
        for (String command : commands) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command));
            args.add("--help");
            CommandLine expected = command.isEmpty() ? annotated : annotated.getSubcommands().get(command);

            ServiceCli.Result help = cli.run(args.toArray(String[]::new));

            assertThat(help.exitCode()).as("%s", args).isZero();
            assertThat(help.err()).as("%s", args).isEmpty();
            assertThat(help.out()).as("%s", args).isEqualTo(expected.getUsageMessage());
        }
    }
}
