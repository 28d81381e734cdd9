package io.mojave.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the svm jar that this module's build copies to target/builder/. */
class CHeadersTest {

    @TempDir
    Path dir;

    @Test
    void theHeadersDeclareWhatTheBuilderQueriesAndCompile() throws Exception {
        List<java.net.URL> urls = new ArrayList<>();
        Path svm = null;
        try (Stream<Path> jars = Files.list(Path.of("target/builder"))) {
            for (Path jar : jars.toList()) {
                urls.add(jar.toUri().toURL());
                if (jar.getFileName().toString().matches("svm-[0-9].*\\.jar")) {
                    svm = jar;
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(java.net.URL[]::new), ClassLoader.getPlatformClassLoader())) {
            CHeaders.write(svm, loader, dir);
        }

        String cpu = Files.readString(dir.resolve("include/amd64cpufeatures.h"));
        assertThat(cpu).contains("typedef struct {").contains("    signed char fAVX2;\n").contains("} CPUFeatures;");
        String locale = Files.readString(dir.resolve("include/svm_locale.h"));
        assertThat(locale).contains("#define SVM_LOCALE_INITIALIZATION_SUCCEEDED ")
                .contains("    void * display_language;\n").contains("} svm_locale_props_t;");
        for (String header : CHeaders.HEADERS.keySet()) {
            compile(dir.resolve(header));
        }
    }

    /** The builder's C compiler must accept each header as it is. */
    private void compile(Path header) throws IOException, InterruptedException {
        Path source = dir.resolve(header.getFileName() + ".c");
        Files.writeString(source, "#include \"" + header + "\"\n");
        Processes.runQuietly(List.of("gcc", "-fsyntax-only", "-Wall", "-Werror", source.toString()), "compiling " + header.getFileName());
    }
}
