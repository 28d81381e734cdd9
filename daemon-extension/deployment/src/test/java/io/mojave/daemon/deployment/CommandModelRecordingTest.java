package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.LogLevel;
import io.mojave.daemon.PortConverter;
import io.mojave.daemon.Secret;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.VersionProvider;
import io.mojave.daemon.runtime.internal.CommandLines;
import io.mojave.daemon.runtime.internal.CommandModel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.test.QuarkusUnitTest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The command model the build records (and {@link CommandModel} builds without annotations) is the
 * one picocli reads from the annotations: the same usage help for every command, the same values
 * after a parse, the same errors. The commands here use every feature the recording covers.
 */
class CommandModelRecordingTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ModelApplication.class, ModelInitCommand.class,
                    BaseCommand.class, TuningOptions.class))
            .overrideConfigKey("quarkus.banner.enabled", "false");

    @Test
    void theAppsCommandsAreRecorded() {
        assertThat(CommandModel.commandLine(ModelApplication.class)).isPresent();
    }

    @Test
    void theRecordedCommandLineIsTheOneTheDaemonRuntimeCreates() {
        CommandLine created = CommandLines.create(ModelApplication.class);

        assertThat(created.getCommandSpec().userObject()).isInstanceOf(ModelApplication.class);
        // built by CommandModel, whose bindings are its own, not from the annotations
        assertThat(created.getSubcommands().get("stop").getCommandSpec().findOption("--timeout").getter().getClass()
                .getEnclosingClass()).isEqualTo(CommandModel.class);
        assertThat(created.getSubcommands()).containsOnlyKeys("init", "stop", "status");
    }

    @Test
    void nothingIsRecordedForAClassThatIsNoTopCommand() {
        assertThat(CommandModel.commandLine(StatusCommand.class)).isEmpty();
    }

    static Stream<List<String>> commands() {
        return Stream.of(List.of(), List.of("init"), List.of("stop"), List.of("status"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasTheUsageHelpOfItsAnnotations(List<String> command) {
        assertThat(usage(recorded(), command)).isEqualTo(usage(annotated(), command));
    }

    @Test
    void theVersionIsTheSame() {
        assertThat(run(recorded(), "--version")).isEqualTo(run(annotated(), "--version"))
                .contains("mojave-model ");
    }

    static Stream<List<String>> commandLines() {
        return Stream.of(
                List.of("init"),
                List.of("init", "--datadir", "/tmp/x", "--log.level", "DEBUG", "--no-daemon", "--health.port", "0"),
                List.of("init", "--http.port=8546", "--network", "genesis.json", "--level", "warn", "--token", "t0k3n",
                        "--base-name", "b", "--workers", "3", "--delay", "250ms", "--secret-key=k"),
                List.of("init", "-q"),
                List.of("stop", "--timeout", "2s", "--datadir", "d"),
                List.of("status", "--log.level=error"),
                List.of("init", "--help"),
                List.of("status", "-h"),
                List.of("-V"));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void aParseGivesTheSameValues(List<String> args) {
        assertThat(values(recorded(), args)).isEqualTo(values(annotated(), args));
    }

    static Stream<List<String>> wrongCommandLines() {
        return Stream.of(
                List.of("init", "--http.port", "70000"),
                List.of("init", "--level", "loud"),
                List.of("init", "--delay", "soon"),
                List.of("init", "--no-such-option"),
                List.of("stop", "--timeout"),
                List.of("stauts"),
                List.of());
    }

    @ParameterizedTest
    @MethodSource("wrongCommandLines")
    void aWrongCommandLineGivesTheSameError(List<String> args) {
        assertThat(run(recorded(), args.toArray(String[]::new))).isEqualTo(run(annotated(), args.toArray(String[]::new)));
    }

    private static CommandLine recorded() {
        return CommandLines.configure(CommandModel.commandLine(ModelApplication.class).orElseThrow());
    }

    private static CommandLine annotated() {
        return CommandLines.configure(new CommandLine(ModelApplication.class));
    }

    private static String usage(CommandLine top, List<String> path) {
        CommandLine command = top;
        for (String name : path) {
            command = command.getSubcommands().get(name);
        }
        return command.getUsageMessage();
    }

    /** The value of every option of every command the parse reached, defaults included. */
    private static List<String> values(CommandLine commandLine, List<String> args) {
        List<String> values = new ArrayList<>();
        for (ParseResult parsed = commandLine.parseArgs(args.toArray(String[]::new)); parsed != null;
                parsed = parsed.hasSubcommand() ? parsed.subcommand() : null) {
            CommandSpec spec = parsed.commandSpec();
            values.add(spec.qualifiedName() + " help=" + parsed.isUsageHelpRequested() + " version="
                    + parsed.isVersionHelpRequested());
            for (OptionSpec option : spec.options()) {
                values.add(option.longestName() + "=" + String.valueOf((Object) option.getValue()));
            }
        }
        return values;
    }

    /** What {@code execute} prints and returns, on either stream. */
    private static String run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        // parse, and help or version if asked for: no command runs
        commandLine.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            return help == null ? 0 : help;
        });
        int status = commandLine.execute(args);
        return status + ": " + out;
    }

    @TopCommand
    @Command(name = "mojave-model", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = { "A service whose commands use every recorded feature.",
                    "# Escaped in the recording: a=b:c, back\\slash, r\u2016s, tab\there, !", " a leading space" },
            subcommands = { ModelInitCommand.class, StopCommand.class, StatusCommand.class })
    public static class ModelApplication implements DaemonApplication {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("model", 9125);
        }
    }

    public static class BaseCommand {
        @Option(names = "--base-name", paramLabel = "NAME", description = "From a superclass.")
        String baseName;

        @Option(names = "--quiet-base", hidden = true)
        boolean quiet;
    }

    public static class TuningOptions {
        @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--delay", converter = DurationConverter.class, defaultValue = "1s",
                showDefaultValue = Visibility.ALWAYS, description = "A delay.")
        Duration delay;

        @Secret(env = "MODEL_SECRET_KEY")
        @Option(names = "--secret-key", paramLabel = "KEY", description = "A secret from a mixin.")
        String secretKey;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Starts the model.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:started", "1:failed" })
    public static class ModelInitCommand extends BaseCommand implements Callable<Integer> {
        @Mixin
        InitOptions daemon;

        @Mixin
        TuningOptions tuning;

        @Option(names = "--http.port", paramLabel = "PORT", defaultValue = "8545", converter = PortConverter.class,
                description = "Port (default: ${DEFAULT-VALUE}).")
        int httpPort;

        @Option(names = "--network", description = "No paramLabel: picocli derives one.")
        Path network;

        @Option(names = { "-l", "--level" }, description = "An enum.")
        LogLevel level;

        @Option(names = { "-q", "--quiet" }, description = "A flag.")
        boolean quiet;

        @Secret(env = "MODEL_TOKEN")
        @Option(names = "--token", required = false, description = "A secret.")
        String token;

        @Option(names = "--retries", arity = "1", description = "An explicit arity.")
        Integer retries;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return 0;
        }
    }
}
