package io.mojave.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged application carries no signed jar: the first class loaded from one would make the
 * JDK verify its signature and keep its per-entry manifest in memory, several MB per daemon
 * (bcprov's signature files are dropped by {@code quarkus.class-loading.removed-resources}).
 */
class PackagedJarsIT {

    @Test
    void noJarIsSigned() throws IOException {
        List<String> jars = new ArrayList<>();
        List<String> signed = new ArrayList<>();
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(Path.of("target/quarkus-app/lib/main"), "*.jar")) {
            for (Path jar : lib) {
                jars.add(jar.getFileName().toString());
                try (JarFile file = new JarFile(jar.toFile(), false)) {
                    file.stream().map(entry -> entry.getName())
                            .filter(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                            .forEach(name -> signed.add(jar.getFileName() + "!" + name));
                }
            }
        }
        assertThat(jars).anyMatch(name -> name.startsWith("org.bouncycastle.bcprov"));
        assertThat(signed).isEmpty();
    }
}
