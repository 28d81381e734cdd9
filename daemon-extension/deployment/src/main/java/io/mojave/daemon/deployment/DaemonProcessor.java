package io.mojave.daemon.deployment;

import io.mojave.daemon.runtime.DaemonCommandLineProducer;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.mojave.daemon.runtime.internal.CommandModel;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.deployment.pkg.steps.NativeBuild;
import io.quarkus.maven.dependency.ResolvedDependency;
import io.quarkus.picocli.runtime.DefaultPicocliCommandLineFactory;
import io.quarkus.picocli.runtime.PicocliRunner;

/** Build steps of the Mojave daemon extension. */
class DaemonProcessor {

    static final String FEATURE = "mojave-daemon";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The daemon runtime's beans, and picocli's runner: an app with a {@code @QuarkusMain} of its
     * own (ours, for the fast path) no longer gets {@link PicocliRunner} from quarkus-picocli, yet
     * {@code DaemonMain} hands the in-process commands to it.
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
     * converters in it (and registers them for reflection in the native image, as it does the apps').
     */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("io.mojave", "mojave-daemon");
    }

    /**
     * Records the picocli model of the app's commands (see {@code CommandModel}), so that the
     * commands that end in a moment, and the early daemon child's choice of what to keep off its
     * command line, do without reading annotations.
     */
    @BuildStep
    void recordCommandModel(CombinedIndexBuildItem index, BuildProducer<GeneratedClassBuildItem> classes,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        new CommandModelRecorder(index.getIndex()).record().ifPresent(recording -> {
            CommandModelClass.write(recording, new GeneratedClassGizmoAdaptor(classes, true));
            reflection.produce(ReflectiveClassBuildItem.builder(CommandModel.RECORDING_CLASS).constructors().build());
        });
    }

    /**
     * Upgrades picocli's Java 5 class files to Java 8 ones (see {@link PicocliClassFiles}), so that
     * the JVM verifies them the fast way and the start-up cache can hold them (a native image
     * gets the same classes).
     */
    @BuildStep
    void upgradePicocliClassFiles(CurateOutcomeBuildItem curateOutcome,
            BuildProducer<BytecodeTransformerBuildItem> transformers) {
        for (ResolvedDependency dependency : curateOutcome.getApplicationModel().getRuntimeDependencies()) {
            if (dependency.getGroupId().equals("info.picocli") && dependency.getArtifactId().equals("picocli")) {
                dependency.getContentTree().walk(visit -> {
                    String path = visit.getRelativePath("/");
                    if (path.startsWith(PicocliClassFiles.PACKAGE) && path.endsWith(".class")) {
                        transformers.produce(new BytecodeTransformerBuildItem.Builder()
                                .setClassToTransform(path.substring(0, path.length() - ".class".length()).replace('/', '.'))
                                .setInputTransformer((name, bytes) -> PicocliClassFiles.upgrade(bytes))
                                .setCacheable(true)
                                .build());
                    }
                });
            }
        }
    }

    /** {@code --version} and the first log record read the build's version from this resource. */
    @BuildStep(onlyIf = NativeBuild.class)
    NativeImageResourceBuildItem versionResource() {
        return new NativeImageResourceBuildItem("io/mojave/daemon/version.properties");
    }
}
