package io.mojave.daemon.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;

import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.runtime.DaemonCommandLineProducer;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.picocli.runtime.DefaultPicocliCommandLineFactory;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.AutoComplete;
import picocli.CommandLine;

/** Build steps of the daemon extension. */
class DaemonProcessor {

    static final String FEATURE = "daemon";

    private static final DotName TOP_COMMAND = DotName.createSimple(TopCommand.class.getName());

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The daemon runtime's beans, and picocli's runner: an app whose main class is the extension's
     * {@code DaemonMain} no longer gets {@link PicocliRunner} from quarkus-picocli, yet
     * {@code DaemonMain} hands the commands that run in Quarkus to it.
     */
    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(DaemonLifecycle.class, DaemonCommandLineProducer.class, PicocliRunner.class,
                        DefaultPicocliCommandLineFactory.class)
                .setUnremovable()
                .build();
    }

    /**
     * Indexes the runtime jar, so that quarkus-picocli sees the shared commands, options and
     * converters in it (and registers them for reflection in the native image, as it does the
     * app's), and Quarkus finds its {@code @QuarkusMain}.
     */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("io.mojave", "mojave-daemon");
    }

    /**
     * picocli's own commands that the runtime adds by code ({@code help}, {@code generate-completion}):
     * no app's annotations name them, so quarkus-picocli does not register them for reflection.
     */
    @BuildStep
    ReflectiveClassBuildItem addedPicocliCommands() {
        return ReflectiveClassBuildItem.builder(CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class)
                .constructors().methods().fields().build();
    }

    /**
     * A lean JSON log record by default: time, level, logger, thread, message, PID, MDC (and the
     * fields an app adds, such as its service name); not the sequence number, logger class, thread
     * id, NDC, host and process name, which repeat on every line. An app may set
     * {@code quarkus.log.console.json.excluded-keys} itself. The MDC stays: formatting it loads
     * Vert.x's context classes at the first record, and a daemon whose descriptor table is full
     * later (a flood of connections) could no longer open their jar.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem leanJsonRecords() {
        return new RunTimeConfigurationDefaultBuildItem("quarkus.log.console.json.excluded-keys",
                "sequence,loggerClassName,threadId,ndc,hostName,processName");
    }

    /** Writes the app's {@link ServiceDescriptor}, which every command reads before Quarkus would boot. */
    @BuildStep
    void serviceDescriptor(DaemonBuildConfig config, ApplicationInfoBuildItem application, CombinedIndexBuildItem index,
            BuildProducer<GeneratedResourceBuildItem> resources, BuildProducer<NativeImageResourceBuildItem> nativeResources) {
        ServiceDescriptor service = describe(config, application.getName(), application.getVersion(), topCommand(index));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            service.toProperties().store(bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resources.produce(new GeneratedResourceBuildItem(ServiceDescriptor.RESOURCE, bytes.toByteArray()));
        nativeResources.produce(new NativeImageResourceBuildItem(ServiceDescriptor.RESOURCE));
    }

    static ServiceDescriptor describe(DaemonBuildConfig config, String applicationName, String version, String topCommand) {
        String name = config.name().orElse(applicationName);
        String command = config.command().orElse(applicationName);
        String prefix = config.environmentPrefix().orElse(command.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        return new ServiceDescriptor(name, command, version, config.defaultDatadir().orElse("~/." + name), prefix,
                config.datadirVariable().orElse(prefix + "_DATADIR"), config.inheritedProperties().orElse(List.of()), config.health().enabled(), config.health().host(),
                config.health().port(), topCommand);
    }

    private static String topCommand(CombinedIndexBuildItem index) {
        List<String> tops = index.getIndex().getAnnotations(TOP_COMMAND).stream()
                .map(AnnotationInstance::target)
                .filter(target -> target.kind() == AnnotationTarget.Kind.CLASS)
                .map(target -> target.asClass().name().toString())
                .toList();
        if (tops.size() != 1) {
            throw new IllegalStateException("the daemon extension needs exactly one @TopCommand class (with stop, status and "
                    + "the start command among its subcommands); found " + (tops.isEmpty() ? "none" : tops));
        }
        return tops.get(0);
    }
}
