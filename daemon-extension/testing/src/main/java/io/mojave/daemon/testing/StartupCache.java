package io.mojave.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The start-up cache that the build trains for a service ({@code bin/train-startup-cache}) and
 * that {@code bin/mojave-<service>} uses: where it is, which JDK it was made for, and what
 * {@code /proc} and the JVM's class-loading log say about its use.
 */
public final class StartupCache {

    /** The file beside the cache naming the JDK and jar it was made for. */
    public static final String IDENTITY = "mojave-startup.jdk";

    private final Path app;
    private final List<String> identity;

    private StartupCache(Path app, List<String> identity) {
        this.app = app;
        this.identity = identity;
    }

    /**
     * The cache of the service that {@code launcher} ({@code <root>/bin/mojave-<service>}) starts,
     * as built. Skips the test (an assumption) when the build was told not to make one
     * ({@code -Dmojave.cache.skip}) or the launcher runs a native executable; fails it when the
     * build should have made one for this JDK and did not.
     */
    public static StartupCache ofBuild(Path launcher) {
        Assumptions.assumeFalse(Boolean.getBoolean("mojave.cache.skip"), "built with -Dmojave.cache.skip");
        String service = launcher.getFileName().toString().replaceFirst("^mojave-", "");
        Path target = launcher.toAbsolutePath().getParent().getParent().resolve(service).resolve("target");
        try (DirectoryStream<Path> natives = Files.newDirectoryStream(target, "mojave-" + service + "-*-runner")) {
            Assumptions.assumeFalse(natives.iterator().hasNext(), "the launcher runs the native executable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StartupCache cache = in(target.resolve("quarkus-app"));
        assertThat(cache.javaHome()).as("the JDK the build trained the cache for (%s)", cache.identityFile())
                .isEqualTo(thisJavaHome());
        assertThat(cache.file()).as("the cache file").isNotEmptyFile();
        return cache;
    }

    /** The cache described in {@code app/mojave-startup.jdk} ({@code app}: a quarkus-app directory). */
    public static StartupCache in(Path app) {
        Path identity = app.resolve(IDENTITY);
        assertThat(identity).as("the start-up cache's identity file").isRegularFile();
        try {
            List<String> lines = Files.readAllLines(identity);
            assertThat(lines).as("lines of %s", identity).hasSize(5);
            return new StartupCache(app, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code aot} (JDK 25+: {@code -XX:AOTCache}) or {@code cds} (AppCDS: {@code -XX:SharedArchiveFile}). */
    public String kind() {
        return identity.get(0).substring("kind=".length());
    }

    /** The cache file. */
    public Path file() {
        return app.resolve("aot".equals(kind()) ? "mojave-startup.aot" : "mojave-startup.jsa");
    }

    /** The JVM option that names this cache. */
    public String option() {
        return ("aot".equals(kind()) ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file();
    }

    /** The java.home the cache was made with. */
    public Path javaHome() {
        return Path.of(identity.get(1).substring("java.home=".length()));
    }

    /** The identity file. */
    public Path identityFile() {
        return app.resolve(IDENTITY);
    }

    /** The identity file's lines. */
    public List<String> identity() {
        return identity;
    }

    /** The real path of the JDK running this test (the one the build ran on, under failsafe). */
    public static Path thisJavaHome() {
        try {
            return Path.of(System.getProperty("java.home")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another JDK (17 or newer) installed beside this one under /usr/lib/jvm, if any. */
    public static Optional<Path> otherJdk() {
        Path here = thisJavaHome();
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .map(home -> {
                        try {
                            return home.toRealPath();
                        } catch (IOException e) {
                            return home;
                        }
                    })
                    .filter(home -> !home.equals(here) && featureVersion(home) >= 17).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a JDK we can use
        }
        return 0;
    }

    /** Whether {@code pid} has {@code file} mapped (from {@code /proc/<pid>/maps}). */
    public static boolean isMapped(long pid, Path file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains(file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code JAVA_OPTS} value that makes the JVM log where each class came from into {@code log}. */
    public static String classLoadLogOption(Path log) {
        return "-Xlog:class+load=info:file=" + log;
    }

    /**
     * The classes of package {@code prefix} (say {@code io.mojave.}) that the JVM loaded from a CDS
     * archive or AOT cache ({@code source: shared objects file}), per its class-loading log.
     */
    public static List<String> sharedClasses(Path log, String prefix) {
        List<String> classes = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(log)) {
                int at = line.indexOf("] " + prefix);
                if (at >= 0 && line.contains(" source: shared objects file")) {
                    classes.add(line.substring(at + 2, line.indexOf(' ', at + 2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    /** The classes of package {@code prefix} the JVM loaded at all, per its class-loading log. */
    public static long loadedClasses(Path log, String prefix) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("] " + prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
