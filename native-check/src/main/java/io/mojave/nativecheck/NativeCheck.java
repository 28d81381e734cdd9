package io.mojave.nativecheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs GraalVM's native-image builder, from the jars in Maven Central, on the native sources that
 * Quarkus writes for each app ({@code -Dquarkus.native.sources-only=true}), through points-to
 * analysis, compilation and the writing of the object file, which is as far as a build can go
 * without the static JDK and SVM libraries that only a GraalVM installation has. It does what
 * the missing {@code native-image} driver would: reads {@code native-image.args}, the jars'
 * native-image metadata and manifests, and starts the builder's JVM.
 *
 * <pre>
 * java io.mojave.nativecheck.NativeCheck --builder DIR --work DIR [--heap SIZE] APP_DIR...
 * </pre>
 *
 * Exit status 0 when every app built, 1 when one failed, 2 on a bad command line or set-up.
 */
public final class NativeCheck {

    private static final String VENDOR = "GraalVM Community";

    private final Path builderDirectory;
    private final Path work;
    private final String heap;

    private NativeCheck(Path builderDirectory, Path work, String heap) {
        this.builderDirectory = builderDirectory.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
        this.heap = heap;
    }

    /** The figures and the outcome of one app's build. */
    record Result(String app, boolean built, Duration time, Optional<Long> peakRssKiB, Optional<Path> objectFile, List<String> warnings, Path log) {
    }

    public static void main(String[] args) throws Exception {
        Path builder = null;
        Path work = null;
        String heap = "6g";
        List<Path> apps = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--builder" -> builder = Path.of(next(args, ++i, "--builder"));
                    case "--work" -> work = Path.of(next(args, ++i, "--work"));
                    case "--heap" -> heap = next(args, ++i, "--heap");
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new CheckFailure("unknown option " + args[i]);
                        }
                        apps.add(Path.of(args[i]));
                    }
                }
            }
            if (builder == null || work == null || apps.isEmpty()) {
                throw new CheckFailure("usage: NativeCheck --builder DIR --work DIR [--heap SIZE] APP_DIR...");
            }
            if (!heap.matches("[0-9]+[kKmMgG]?")) {
                throw new CheckFailure("--heap " + heap + ": a size such as 6g expected");
            }
            if (Runtime.version().feature() != 25) {
                throw new CheckFailure("the builder of GraalVM 25 runs on JDK 25, not on " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
            }
            List<Result> results = new NativeCheck(builder, work, heap).run(apps);
            System.exit(report(results));
        } catch (CheckFailure e) {
            System.err.println("native-check: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new CheckFailure(option + " without its value");
        }
        return args[i];
    }

    private List<Result> run(List<Path> apps) throws IOException, InterruptedException {
        BuilderModules modules = BuilderModules.of(builderDirectory);
        Path svmJar = jar("svm-");
        String version = svmJar.getFileName().toString().replaceAll("^svm-(.*)\\.jar$", "$1");
        Files.createDirectories(work);
        Path jdk = BuilderJdk.create(Path.of(System.getProperty("java.home")), work.resolve("jdk"));
        Path clibraries = work.resolve("clibraries");
        BuilderJdk.deleteTree(clibraries);
        try (URLClassLoader loader = new URLClassLoader(builderJars(), ClassLoader.getPlatformClassLoader())) {
            CHeaders.write(svmJar, loader, clibraries);
        }
        List<String> jvm = builderJvm(jdk, modules, version);
        List<Result> results = new ArrayList<>();
        for (Path app : apps) {
            results.add(build(app.toAbsolutePath().normalize(), jvm, clibraries));
        }
        return results;
    }

    /** The builder JVM's options that are the same for every app. */
    private List<String> builderJvm(Path jdk, BuilderModules modules, String version) throws IOException {
        List<String> jvm = new ArrayList<>();
        jvm.add(jdk.resolve("bin/java").toString());
        // JVMCI, for the builder's own compiler, but the JIT stays C2: as in GraalVM's driver.
        jvm.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler"));
        // The driver's choices for the builder's JVM (deep stacks, throughput GC, no CDS under a custom
        // system class loader), but a fixed heap: the machine is shared, and its free memory varies.
        jvm.addAll(List.of("-Xss10m", "-Xmx" + heap, "-XX:+UseParallelGC", "-XX:GCTimeRatio=19", "-XX:+ExitOnOutOfMemoryError"));
        jvm.addAll(List.of("-Xshare:off", "-Djava.awt.headless=true"));
        // The builder loads its JNI helper library; JDK 25 warns unless that module may.
        jvm.add("--enable-native-access=" + BuilderModules.BUILDER_MODULE);
        jvm.add("-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader");
        jvm.add("-Dorg.graalvm.nativeimage.imagecode=buildtime");
        // What the image reports as its VM, and what Quarkus' build steps parse for the GraalVM version.
        jvm.add("-Dorg.graalvm.vendor=" + VENDOR);
        jvm.add("-Dorg.graalvm.vendorversion=GraalVM CE " + version);
        jvm.add("-Dorg.graalvm.version=" + version);
        // Lambdas, method handles and GraalVM's own "is this an AOT build" as the driver sets them.
        jvm.addAll(List.of("-Dcom.oracle.graalvm.isaot=true", "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false"));
        jvm.addAll(modules.modulePathOptions());
        // ~700 exports: through an argument file, which the launcher expands (before the main module only).
        Path exports = work.resolve("builder-exports.args");
        Files.write(exports, modules.exportOptions(), StandardCharsets.UTF_8);
        jvm.add("@" + exports);
        return jvm;
    }

    private Result build(Path app, List<String> jvm, Path clibraries) throws IOException, InterruptedException {
        String name = app.getFileName().toString();
        Path sources = app.resolve("target/native-sources");
        Path argsFile = sources.resolve("native-image.args");
        if (!Files.isRegularFile(argsFile)) {
            throw new CheckFailure("no " + argsFile + ": build the app with -Dnative -Dquarkus.native.sources-only=true first");
        }
        DriverOptions options = new DriverOptions();
        List<String> args;
        try {
            args = ArgFile.parse(Files.readString(argsFile, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(argsFile + ": " + e.getMessage(), e);
        }
        options.acceptCommandLine(args, sources);
        if (options.jar == null || options.imageName == null) {
            throw new CheckFailure(argsFile + " names no -jar and image name: not Quarkus' native sources?");
        }
        // The driver reads the jars' metadata where -jar stands, which Quarkus puts last.
        List<Path> classPath = MetaInfConfig.executableJar(options.jar, options);
        MetaInfConfig.apply(classPath, options);

        Path out = app.resolve("target/native-check");
        BuilderJdk.deleteTree(out);
        Files.createDirectories(out.resolve("tmp"));
        List<String> command = new ArrayList<>();
        Path timeFile = out.resolve("time.txt");
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        if (timed) {
            command.addAll(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        }
        command.addAll(jvm);
        command.addAll(options.jvmArgs);
        command.addAll(List.of("-m", BuilderModules.MAIN));
        command.add("-imagecp");
        command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        for (String option : List.of("-H:CLibraryPath=" + clibraries, "-H:Path=" + out, "-H:Name=" + options.imageName,
                "-H:ImageBuildID=" + UUID.randomUUID())) {
            command.add(DriverOptions.withOrigin(option, DriverOptions.DRIVER));
        }
        // Kept (not a fresh /tmp/SVM-* removed at exit), so that the object file can be looked at.
        command.add("-H:TempDirectory=" + out.resolve("tmp"));
        command.addAll(options.builderArgs);
        // The end of the road here: stop after the object file, before the link that needs
        // libjava.a, libjvm.a and the other static libraries only a GraalVM installation has.
        command.addAll(List.of("-H:+UnlockExperimentalVMOptions", "-H:+ExitAfterRelocatableImageWrite", "-H:-UnlockExperimentalVMOptions"));

        Path log = out.resolve("build.log");
        Files.write(out.resolve("command.txt"), command, StandardCharsets.UTF_8);
        System.out.println("native-check: " + name + ": analysis and compilation with the native-image builder (log " + log + ")");
        ProcessBuilder builder = new ProcessBuilder(command).directory(sources.toFile()).redirectErrorStream(true);
        // Graal 25.0.4 asks for JDK 25.0.4 with JVMCI and would refuse Temurin 25.0.3's, which has taken
        // the builder through analysis and compilation here (it is not the JIT: -XX:-UseJVMCICompiler).
        builder.environment().put("JVMCI_VERSION_CHECK", "ignore");
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> warnings = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println(line);
                logWriter.println(line);
                if (WARNING.matcher(line).lookingAt()) {
                    warnings.add(line.strip());
                }
            }
        }
        int exit = process.waitFor();
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        Optional<Path> objectFile = objectFile(out.resolve("tmp"), options.imageName);
        Optional<Long> peak = timed ? peakRss(timeFile) : Optional.empty();
        if (exit != 0) {
            System.out.println("native-check: " + name + ": the builder failed (exit " + exit + ")");
        } else if (objectFile.isEmpty()) {
            System.out.println("native-check: " + name + ": the builder exited 0 but wrote no " + options.imageName + ".o");
        }
        return new Result(name, exit == 0 && objectFile.isPresent(), time, peak, objectFile, warnings, log);
    }

    private static Optional<Path> objectFile(Path tmp, String imageName) throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(p -> p.getFileName().toString().equals(imageName + ".o")).findFirst();
        }
    }

    /** How the builder (and the JVM under it) start a warning line. */
    private static final Pattern WARNING = Pattern.compile("(Warning|WARNING):");

    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private static Optional<Long> peakRss(Path timeFile) throws IOException {
        if (!Files.exists(timeFile)) {
            return Optional.empty();
        }
        Matcher m = MAX_RSS.matcher(Files.readString(timeFile));
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static int report(List<Result> results) throws IOException {
        System.out.println();
        System.out.println("native-check: summary (analysis and compilation; no image is linked or run here)");
        boolean failed = false;
        for (Result r : results) {
            String peak = r.peakRssKiB().map(k -> String.format(Locale.ROOT, "%.1f GiB", k / 1024.0 / 1024.0))
                    .orElse("not measured (no /usr/bin/time, Debian package time)");
            String object = r.objectFile().map(p -> {
                try {
                    return String.format(Locale.ROOT, "%s, %.1f MiB", p.getFileName(), Files.size(p) / 1024.0 / 1024.0);
                } catch (IOException e) {
                    return p.getFileName().toString();
                }
            }).orElse("no object file");
            System.out.printf(Locale.ROOT, "  %-10s %-6s %4d s  peak RSS %s  %s%n", r.app(), r.built() ? "OK" : "FAILED",
                    r.time().toSeconds(), peak, object);
            for (String warning : r.warnings()) {
                System.out.println("             " + warning);
            }
            failed |= !r.built();
        }
        if (failed) {
            System.out.println("native-check: FAILED: see the builder's error above (and its log under <app>/target/native-check/)");
        }
        return failed ? 1 : 0;
    }

    private URL[] builderJars() throws IOException {
        try (Stream<Path> files = Files.list(builderDirectory)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    private Path jar(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(builderDirectory)) {
            return files.filter(p -> p.getFileName().toString().matches(Pattern.quote(prefix) + "[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new CheckFailure("no " + prefix + "*.jar in " + builderDirectory));
        }
    }
}
