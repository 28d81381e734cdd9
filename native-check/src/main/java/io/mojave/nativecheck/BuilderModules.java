package io.mojave.nativecheck;

import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The builder's jars as modules: the JVM options that run {@code NativeImageGeneratorRunner} from
 * them on a stock JDK 25, in place of what GraalVM's own JDK image has built in.
 */
final class BuilderModules {

    static final String BUILDER_MODULE = "org.graalvm.nativeimage.builder";
    static final String COMPILER_MODULE = "jdk.graal.compiler";
    static final String MAIN = BUILDER_MODULE + "/com.oracle.svm.hosted.NativeImageGeneratorRunner";

    private final TreeMap<String, Path> modules = new TreeMap<>();

    private BuilderModules() {
    }

    /** The modular jars of {@code directory}; stops the check if the builder or the compiler is missing. */
    static BuilderModules of(Path directory) {
        BuilderModules result = new BuilderModules();
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new CheckFailure("no builder jars in " + directory + " (" + e.getMessage() + "): run the native check's Maven build first", e);
        }
        for (Path jar : jars) {
            try {
                for (ModuleReference reference : ModuleFinder.of(jar).findAll()) {
                    Path previous = result.modules.put(reference.descriptor().name(), jar);
                    if (previous != null) {
                        throw new CheckFailure("module " + reference.descriptor().name() + " is in both " + previous + " and " + jar);
                    }
                }
            } catch (FindException e) {
                throw new CheckFailure("builder jar " + jar + " is no module: " + e.getMessage(), e);
            }
        }
        for (String required : List.of(BUILDER_MODULE, COMPILER_MODULE)) {
            if (!result.modules.containsKey(required)) {
                throw new CheckFailure("module " + required + " is not among the builder jars in " + directory);
            }
        }
        return result;
    }

    /**
     * The JVM options that put the builder on the module path: the Graal compiler jar upgrades
     * the JDK's own {@code jdk.graal.compiler} (JDK 25 ships one, of another version), the rest
     * are plain modules.
     */
    List<String> modulePathOptions() {
        String modulePath = modules.entrySet().stream()
                .filter(e -> !e.getKey().equals(COMPILER_MODULE))
                .map(e -> e.getValue().toString())
                .distinct()
                .collect(Collectors.joining(java.io.File.pathSeparator));
        return List.of("--upgrade-module-path", modules.get(COMPILER_MODULE).toString(), "--module-path", modulePath);
    }

    /**
     * Exports every package of the JDK modules that the builder reads (directly or not) to the
     * builder's modules. GraalVM's driver passes a list of the JDK internals the builder uses,
     * computed when GraalVM is built; no such list comes with the Maven jars, and the builder
     * reaches into JDK internals all over (the class file parser, the module system, the JIT's
     * interfaces), so all of them it is, for these modules only.
     */
    List<String> exportOptions() {
        ModuleFinder finder = ModuleFinder.compose(ModuleFinder.of(modules.values().toArray(Path[]::new)), ModuleFinder.ofSystem());
        Set<String> reachable = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(BUILDER_MODULE, "java.base"));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reachable.add(name)) {
                ModuleDescriptor descriptor = finder.find(name)
                        .orElseThrow(() -> new CheckFailure("module " + name + ", which the builder reads, is not in this JDK"))
                        .descriptor();
                descriptor.requires().forEach(r -> pending.push(r.name()));
            }
        }
        String targets = String.join(",", modules.keySet());
        List<String> options = new ArrayList<>();
        for (String name : reachable) {
            if (modules.containsKey(name)) {
                continue;
            }
            ModuleDescriptor descriptor = ModuleFinder.ofSystem().find(name).orElseThrow().descriptor();
            Set<String> exported = descriptor.exports().stream()
                    .filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
            for (String pkg : new TreeSet<>(descriptor.packages())) {
                if (!exported.contains(pkg)) {
                    options.add("--add-exports=" + name + "/" + pkg + "=" + targets);
                }
            }
        }
        return options;
    }
}
