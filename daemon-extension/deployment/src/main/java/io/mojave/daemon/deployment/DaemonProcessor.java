package io.mojave.daemon.deployment;

import io.mojave.daemon.runtime.DaemonCommandLineProducer;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
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
     * Indexes the runtime jar, so that quarkus-picocli sees the shared commands, options and
     * converters in it (and registers them for reflection in the native image, as it does the apps').
     */
    @BuildStep
    IndexDependencyBuildItem indexRuntime() {
        return new IndexDependencyBuildItem("io.mojave", "mojave-daemon");
    }

    /** {@code --version} and the first log record read the build's version from this resource. */
    @BuildStep(onlyIf = NativeBuild.class)
    NativeImageResourceBuildItem versionResource() {
        return new NativeImageResourceBuildItem("io/mojave/daemon/version.properties");
    }
}
