package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.mojave.daemon.testing.StartupCache;
import io.restassured.path.json.JsonPath;

/**
 * The start-up cache that {@code ./mvnw package} trains ({@code bin/train-startup-cache}: an AOT
 * cache on JDK 25+, an AppCDS archive on 17-24) as {@code bin/mojave-node} uses it: from any
 * directory, for every command and the daemon child, only on the JDK and jar it was made for,
 * and never at the cost of a word of output or a failed command.
 */
class StartupCacheIT extends NodeTestSupport {

    private static final Path ROOT_DIR = Path.of("/");

    private StartupCache cache;

    @BeforeEach
    void theBuildsCache() {
        cache = StartupCache.ofBuild(cli.launcher());
    }

    @Test
    void everyCommandAndTheDaemonChildUseTheBuildsCacheFromAnyDirectory() throws Exception {
        cli.inDirectory(ROOT_DIR);
        // --help, the parent of init, status and stop: each JVM loads the app's classes from the cache
        // (JAVA_OPTS that choose no cache of their own leave it in place).
        ServiceCli.Result help = withClassLog("help").run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertLoadedFromTheCache("help");

        Started started = parseStarted(withClassLog("init").run(initArgs()).out());
        assertLoadedFromTheCache("init");
        assertThat(StartupCache.isMapped(started.pid(), cache.file())).as("the daemon child maps %s", cache.file()).isTrue();
        assertThat(Proc.commandLine(started.pid())).contains(cache.option());
        assertThat(Proc.link(started.pid(), "cwd")).isEqualTo(ROOT_DIR);

        ServiceCli.Result status = withClassLog("status").run("status", "--datadir", datadir.toString());
        assertThat(status.exitCode()).isZero();
        assertLoadedFromTheCache("status");
        ServiceCli.Result stop = withClassLog("stop").run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.output().lines()).hasSize(1);
        assertLoadedFromTheCache("stop");
    }

    @Test
    void theForegroundServiceMapsTheCacheAndPrintsOnlyItsJsonLog() throws Exception {
        Process process = cli.inDirectory(ROOT_DIR).start(initArgs("--no-daemon"));
        ForegroundLog.awaitStarted(process, new ArrayList<>()); // every line JSON
        assertThat(StartupCache.isMapped(process.pid(), cache.file())).isTrue();
        Proc.kill("INT", process.pid());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void onAnotherJdkTheCacheIsLeftAloneAndNothingMoreIsPrinted() throws Exception {
        Path other = StartupCache.otherJdk().orElse(null);
        Assumptions.assumeTrue(other != null, "no other JDK (17+) under /usr/lib/jvm");
        cli.inDirectory(ROOT_DIR);
        String helpText = cli.run("--help").out();

        cli.withEnv("JAVA_HOME", other.toString());
        ServiceCli.Result help = withClassLog("help").run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).isEqualTo(helpText);
        assertThat(help.err()).isEmpty();
        Path log = tmp.resolve("help.class.log");
        assertThat(StartupCache.loadedClasses(log, "io.mojave.")).as("classes in %s", log).isPositive();
        assertThat(StartupCache.sharedClasses(log, "io.mojave.")).isEmpty();

        cli.withEnv("JAVA_OPTS", "");
        ServiceCli.Result init = cli.run(initArgs());
        assertThat(init.exitCode()).as(init.output()).isZero();
        assertThat(init.err()).isEmpty();
        assertThat(init.out().lines()).hasSize(1);
        long pid = parseStarted(init.out()).pid();
        assertThat(Proc.commandLine(pid)).startsWith(other.resolve("bin/java").toString()).doesNotContain("mojave-startup");
        assertThat(StartupCache.isMapped(pid, cache.file())).isFalse();
        assertOneLineEach(cli.run("status", "--datadir", datadir.toString()), 0);
        assertOneLineEach(cli.run("stop", "--datadir", datadir.toString()), 0);
        assertEveryLineIsJson(logFile());
    }

    @Test
    void theUsersOwnSharingOptionReplacesTheCache() throws Exception {
        // On JDK 25 the JVM refuses -XX:AOTCache together with any -Xshare: the launcher must not add it
        // (which options it adds when is theLauncherOffersTheCacheOnlyToTheJdkAndJarItWasMadeFor's part).
        cli.inDirectory(ROOT_DIR).withEnv("JAVA_OPTS", "-Xshare:off " + StartupCache.classLoadLogOption(tmp.resolve("help.class.log")));
        ServiceCli.Result help = cli.run("--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(StartupCache.loadedClasses(tmp.resolve("help.class.log"), "io.mojave.")).isPositive();
        assertThat(StartupCache.sharedClasses(tmp.resolve("help.class.log"), "io.mojave.")).isEmpty();
        assertOneLineEach(cli.run("status", "--datadir", datadir.toString()), 3);
    }

    /**
     * A cache the JVM cannot use all the same, in a copy of the build whose identity file claims it
     * fits: random bytes, or the build's own cache (made for the jar at the build's path). The
     * launcher offers it; every command works and prints exactly what it prints without a cache.
     */
    @ParameterizedTest
    @ValueSource(strings = { "random bytes", "another path's cache" })
    void aCacheTheJvmRefusesCostsNoOutputAndNoFailure(String damage) throws Exception {
        Path copy = copyOfTheBuild();
        Path app = copy.resolve("node/target/quarkus-app");
        Path copiedCache = app.resolve(cache.file().getFileName());
        Files.delete(copiedCache);
        if (damage.equals("random bytes")) {
            byte[] bytes = new byte[(int) Math.min(Files.size(cache.file()), 4 << 20)];
            new Random(42).nextBytes(bytes);
            Files.write(copiedCache, bytes);
        } else {
            Files.copy(cache.file(), copiedCache);
        }
        List<String> identity = new ArrayList<>(cache.identity());
        identity.set(4, "jar=" + app.resolve("quarkus-run.jar"));
        Files.write(app.resolve(StartupCache.IDENTITY), identity);
        ServiceCli copied = new ServiceCli(copy.resolve("bin/mojave-node"), SWEEPER).inDirectory(ROOT_DIR);
        String helpText = cli.run("--help").out();

        ServiceCli.Result help = copied.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).isEqualTo(helpText);
        assertThat(help.err()).isEmpty();

        ServiceCli.Result init = copied.run(initArgs());
        assertThat(init.exitCode()).as(init.output()).isZero();
        assertThat(init.err()).isEmpty();
        assertThat(init.out().lines()).hasSize(1);
        long pid = parseStarted(init.out()).pid();
        String option = cache.option().replace(cache.file().toString(), copiedCache.toString());
        assertThat(Proc.commandLine(pid)).as("the launcher offered the copy's cache").contains(option);
        assertOneLineEach(copied.run("status", "--datadir", datadir.toString()), 0);
        assertOneLineEach(copied.run("stop", "--datadir", datadir.toString()), 0);
        assertEveryLineIsJson(logFile()); // the daemon's stdout and stderr: no JVM warning either
    }

    /**
     * Which cache options the launcher passes, seen by a stand-in {@code java} that prints its
     * arguments: a copy of the build's JDK identity (its release file) at another path, and a copy
     * of the build's launcher and identity file naming that JDK.
     */
    @ParameterizedTest
    @ValueSource(strings = { "match", "match, java on the PATH", "match, launcher through a symlink",
            "match, unrelated JAVA_OPTS", "other java.home", "other JAVA_RUNTIME_VERSION", "other IMPLEMENTOR",
            "other jar", "jar newer than the cache", "short identity file", "no release file",
            "JAVA_OPTS -Xshare:off", "JAVA_OPTS -XX:AOTCache", "JAVA_OPTS -XX:SharedArchiveFile",
            "JAVA_OPTS -XX:AOTMode=off", "JDK_JAVA_OPTIONS -Xshare:auto", "JAVA_TOOL_OPTIONS -XX:AOTCacheOutput" })
    void theLauncherOffersTheCacheOnlyToTheJdkAndJarItWasMadeFor(String variant) throws Exception {
        Path copy = copyOfTheBuild();
        Path app = copy.resolve("node/target/quarkus-app");
        Path jdk = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = jdk.getParent().toRealPath();
        Files.copy(StartupCache.thisJavaHome().resolve("release"), home.resolve("release"));
        Path jar = app.resolve("quarkus-run.jar").toRealPath();
        List<String> identity = new ArrayList<>(cache.identity());
        identity.set(1, "java.home=" + home);
        identity.set(4, "jar=" + jar);
        Path launcher = copy.resolve("bin/mojave-node");
        ServiceCli run = new ServiceCli(launcher, SWEEPER).inDirectory(ROOT_DIR).withEnv("JAVA_HOME", home.toString());
        boolean offered = variant.startsWith("match");
        switch (variant) {
            case "match, java on the PATH" -> {
                Path bin = Files.createDirectories(tmp.resolve("path-bin"));
                Files.createSymbolicLink(bin.resolve("java"), java);
                run.withEnv("JAVA_HOME", "").withEnv("PATH", bin + ":/usr/bin:/bin");
            }
            case "match, launcher through a symlink" -> {
                Path bin = Files.createDirectories(tmp.resolve("usr-local-bin"));
                launcher = Files.createSymbolicLink(bin.resolve("mojave-node"), launcher);
                run = new ServiceCli(launcher, SWEEPER).inDirectory(ROOT_DIR).withEnv("JAVA_HOME", home.toString());
            }
            case "match" -> {
            }
            case "match, unrelated JAVA_OPTS" -> run.withEnv("JAVA_OPTS", "-Xmx100m -Dmojave.x=1");
            case "other java.home" -> identity.set(1, "java.home=" + StartupCache.thisJavaHome());
            case "other JAVA_RUNTIME_VERSION", "other IMPLEMENTOR" -> {
                String field = variant.substring("other ".length()) + "=";
                List<String> release = Files.readAllLines(home.resolve("release")).stream()
                        .map(line -> line.startsWith(field) ? field + "\"something else\"" : line).toList();
                Files.write(home.resolve("release"), release);
            }
            case "other jar" -> identity.set(4, "jar=" + cache.identity().get(4).substring("jar=".length()));
            case "jar newer than the cache" -> Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3600)));
            case "short identity file" -> identity.subList(3, 5).clear();
            case "no release file" -> Files.delete(home.resolve("release"));
            case "JAVA_OPTS -Xshare:off" -> run.withEnv("JAVA_OPTS", "-Xmx100m -Xshare:off");
            case "JAVA_OPTS -XX:AOTCache" -> run.withEnv("JAVA_OPTS", "-XX:AOTCache=/tmp/mine.aot");
            case "JAVA_OPTS -XX:SharedArchiveFile" -> run.withEnv("JAVA_OPTS", "-XX:SharedArchiveFile=/tmp/mine.jsa");
            case "JAVA_OPTS -XX:AOTMode=off" -> run.withEnv("JAVA_OPTS", "-XX:AOTMode=off");
            case "JDK_JAVA_OPTIONS -Xshare:auto" -> run.withEnv("JDK_JAVA_OPTIONS", "-Xshare:auto");
            case "JAVA_TOOL_OPTIONS -XX:AOTCacheOutput" -> run.withEnv("JAVA_TOOL_OPTIONS", "-XX:AOTCacheOutput=/tmp/x.aot");
            default -> throw new IllegalArgumentException(variant);
        }
        Files.write(app.resolve(StartupCache.IDENTITY), identity);

        ServiceCli.Result result = run.run("status", "--datadir", "/nonexistent");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.err()).isEmpty();
        List<String> args = result.out().lines().toList();
        assertThat(args).endsWith("-jar", jar.toString(), "status", "--datadir", "/nonexistent");
        String option = cache.option().replace(cache.file().toString(), app.toRealPath().resolve(cache.file().getFileName()).toString());
        String quiet = "aot".equals(cache.kind()) ? "-Xlog:aot*=off,cds*=off" : "-Xlog:cds*=off";
        if (offered) {
            assertThat(args).containsSubsequence(option, quiet);
            assertThat(args.indexOf(quiet)).as("before JAVA_OPTS, after the defaults").isEqualTo(args.indexOf(option) + 1);
            if (variant.endsWith("JAVA_OPTS")) {
                assertThat(args.indexOf("-Xmx100m")).isGreaterThan(args.indexOf(quiet));
            }
        } else {
            assertThat(args).noneMatch(arg -> arg.contains("mojave-startup")).doesNotContain(quiet);
        }
    }

    private ServiceCli withClassLog(String name) {
        return cli.withEnv("JAVA_OPTS", StartupCache.classLoadLogOption(tmp.resolve(name + ".class.log")));
    }

    private void assertLoadedFromTheCache(String name) {
        Path log = tmp.resolve(name + ".class.log");
        assertThat(StartupCache.sharedClasses(log, "io.mojave.")).as("io.mojave classes from the cache in %s", log)
                .isNotEmpty();
        // picocli's Java 5 class files are not among them on JDK 17: its cache cannot hold such classes
    }

    private static void assertOneLineEach(ServiceCli.Result result, int exitCode) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(exitCode);
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).hasSize(1);
    }

    private static void assertEveryLineIsJson(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JsonPath.from(line).getString("level")).as("JSON record: %s", line).isNotBlank();
        }
    }

    /** bin/ and node/target/quarkus-app of the build, copied under the test's directory (mtimes kept). */
    private Path copyOfTheBuild() throws IOException {
        Path root = cli.launcher().toAbsolutePath().getParent().getParent();
        Path copy = tmp.resolve("copy").toAbsolutePath();
        copyTree(root.resolve("bin"), copy.resolve("bin"));
        copyTree(root.resolve("node/target/quarkus-app"), copy.resolve("node/target/quarkus-app"));
        return copy.toRealPath();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
