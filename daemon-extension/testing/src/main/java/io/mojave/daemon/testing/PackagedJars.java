package io.mojave.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** The library jars of a built app ({@code target/quarkus-app/lib/main}), as packaged. */
public final class PackagedJars {

    private static final Path LIB = Path.of("target/quarkus-app/lib/main");

    private final List<String> names = new ArrayList<>();
    private final List<String> signatureFiles = new ArrayList<>();

    private PackagedJars() {
    }

    /** Reads the jars of the app built in the current module. */
    public static PackagedJars ofThisApp() {
        PackagedJars jars = new PackagedJars();
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(LIB, "*.jar")) {
            for (Path jar : lib) {
                String name = jar.getFileName().toString();
                jars.names.add(name);
                try (JarFile file = new JarFile(jar.toFile(), false)) {
                    file.stream().map(entry -> entry.getName())
                            .filter(entry -> entry.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))
                            .forEach(entry -> jars.signatureFiles.add(name + "!" + entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars;
    }

    /** The jars' file names. */
    public List<String> names() {
        return names;
    }

    /** Every jar signature file ({@code META-INF/*.SF}, {@code .RSA}, ...), as {@code jar!entry}. */
    public List<String> signatureFiles() {
        return signatureFiles;
    }
}
