package io.mojave.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** On the builder jars that this module's build copies to target/builder/. */
class BuilderModulesTest {

    private final BuilderModules modules = BuilderModules.of(Path.of("target/builder"));

    @Test
    void theGraalCompilerUpgradesTheJdksAndTheRestIsOnTheModulePath() {
        List<String> options = modules.modulePathOptions();

        assertThat(options).hasSize(4);
        assertThat(options.get(0)).isEqualTo("--upgrade-module-path");
        assertThat(Path.of(options.get(1)).getFileName().toString()).startsWith("compiler-");
        assertThat(options.get(2)).isEqualTo("--module-path");
        assertThat(options.get(3)).contains("/svm-").contains("/pointsto-").doesNotContain("/compiler-");
    }

    @Test
    void theJdkInternalsTheBuilderReadsAreExportedToItsModulesOnly() {
        List<String> exports = modules.exportOptions();

        assertThat(exports).anySatisfy(e -> assertThat(e).startsWith("--add-exports=java.base/jdk.internal.misc=")
                .contains("org.graalvm.nativeimage.builder").contains("jdk.graal.compiler").doesNotContain("ALL-UNNAMED"));
        assertThat(exports).anyMatch(e -> e.startsWith("--add-exports=jdk.internal.vm.ci/jdk.vm.ci.meta="));
        // Exported packages need nothing, and modules outside the builder's graph are left alone.
        assertThat(exports).noneMatch(e -> e.startsWith("--add-exports=java.base/java.lang="));
        assertThat(exports).noneMatch(e -> e.startsWith("--add-exports=java.desktop/"));
    }
}
