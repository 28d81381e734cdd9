package io.mojave.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

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
    public void theBuildRecordedTheCommandModel() throws IOException {
        try (JarFile generated = new JarFile(GENERATED.toFile())) {
            var entry = generated.getJarEntry(CommandModel.RESOURCE);
            assertThat(entry).as("%s in %s", CommandModel.RESOURCE, GENERATED).isNotNull();
            try (InputStream in = generated.getInputStream(entry)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                        .contains(topCommand().getName() + CommandModel.ATTRIBUTE + CommandModel.TOP + "=true");
            }
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
