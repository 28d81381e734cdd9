package io.mojave.daemon.deployment;

import io.mojave.daemon.runtime.DaemonCommandLineProducer;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.pkg.steps.NativeBuild;
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
     * The daemon's shared commands and options are instantiated and filled reflectively by picocli
     * (the apps' own command classes are registered by quarkus-picocli; ours live in a library jar).
     */
    @BuildStep(onlyIf = NativeBuild.class)
    ReflectiveClassBuildItem picocliReflection() {
        return ReflectiveClassBuildItem.builder(
                "io.mojave.daemon.StopCommand", "io.mojave.daemon.StatusCommand", "io.mojave.daemon.CommonOptions",
                "io.mojave.daemon.InitOptions", "io.mojave.daemon.DurationConverter", "io.mojave.daemon.PortConverter",
                "io.mojave.daemon.VersionProvider", "io.mojave.daemon.LogLevel")
                .constructors().methods().fields().build();
    }

    /**
     * jnr-posix loads libc and generates its bindings when first used: that must happen in the
     * running process, never while the image is built.
     */
    @BuildStep(onlyIf = NativeBuild.class)
    RuntimeInitializedClassBuildItem posixAtRunTime() {
        return new RuntimeInitializedClassBuildItem("io.mojave.daemon.runtime.internal.JnrPosix");
    }
}
