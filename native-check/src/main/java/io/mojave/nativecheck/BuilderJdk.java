package io.mojave.nativecheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JDK image the builder runs on: the JDK that runs this check, seen through a directory of
 * links, plus the small JNI library the builder loads from {@code <java.home>/lib/svm/builder/lib/}
 * (GraalVM's JDK has it; a stock JDK 25 has not, and its own directory is left alone).
 *
 * <p>The launcher and {@code libjvm.so} are the two files that are not symbolic links: the launcher
 * finds its JDK through the real path of its own executable, and HotSpot sets {@code java.home}
 * from the real path of {@code libjvm.so}.
 */
final class BuilderJdk {

    private static final String HELPER = "reporterchelper";

    private BuilderJdk() {
    }

    /** Lays the image out in {@code target} (anew) and returns it. */
    static Path create(Path jdk, Path target) throws IOException, InterruptedException {
        deleteTree(target);
        linkEntries(jdk, target, Set.of("bin", "lib"));
        linkEntries(jdk.resolve("bin"), target.resolve("bin"), Set.of("java"));
        linkEntries(jdk.resolve("lib"), target.resolve("lib"), Set.of("server"));
        linkEntries(jdk.resolve("lib/server"), target.resolve("lib/server"), Set.of("libjvm.so"));
        Files.copy(jdk.resolve("bin/java"), target.resolve("bin/java"), StandardCopyOption.COPY_ATTRIBUTES);
        hardLinkOrCopy(jdk.resolve("lib/server/libjvm.so"), target.resolve("lib/server/libjvm.so"));
        Path lib = target.resolve("lib/svm/builder/lib");
        Files.createDirectories(lib);
        compileHelper(jdk, lib.resolve("lib" + HELPER + ".so"), target.getParent());
        return target;
    }

    /** Links every entry of {@code from} but {@code except} into the new directory {@code to}. */
    private static void linkEntries(Path from, Path to, Set<String> except) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.toList()) {
                if (!except.contains(entry.getFileName().toString())) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName()), entry.toAbsolutePath());
                }
            }
        }
    }

    private static void hardLinkOrCopy(Path file, Path link) throws IOException {
        try {
            Files.createLink(link, file);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // Another file system than the JDK's: a copy of the ~30 MB library does as well.
            Files.copy(file, link, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void compileHelper(Path jdk, Path library, Path workDirectory) throws IOException, InterruptedException {
        Path source = workDirectory.resolve(HELPER + ".c");
        try (InputStream in = BuilderJdk.class.getResourceAsStream(HELPER + ".c")) {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-I" + jdk.resolve("include"), "-I" + jdk.resolve("include/linux"),
                "-o", library.toString(), source.toString());
        Processes.runQuietly(command, "compiling the builder's " + HELPER + " library");
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
