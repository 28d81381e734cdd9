package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * picocli's class files, upgraded as the build does it, are Java 8 class files that the JVM
 * verifies and runs: every class of the jar, loaded apart from the original ones.
 */
class PicocliClassFilesTest {

    private static final Map<String, byte[]> ORIGINAL = new HashMap<>();
    private static final Map<String, byte[]> UPGRADED = new HashMap<>();

    @BeforeAll
    static void upgradeTheWholeJar() throws Exception {
        Path jar = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (entry.getName().startsWith(PicocliClassFiles.PACKAGE) && entry.getName().endsWith(".class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        String name = entry.getName().replace('/', '.').substring(0, entry.getName().length() - 6);
                        byte[] original = in.readAllBytes();
                        ORIGINAL.put(name, original);
                        UPGRADED.put(name, PicocliClassFiles.upgrade(original));
                    }
                }
            }
        }
    }

    @Test
    void everyClassBecomesAJava8ClassFile() {
        assertThat(ORIGINAL).hasSizeGreaterThan(100);
        assertThat(ORIGINAL.values()).allSatisfy(original -> assertThat(PicocliClassFiles.majorVersion(original)).isEqualTo(49));
        assertThat(UPGRADED.values()).allSatisfy(upgraded -> assertThat(PicocliClassFiles.majorVersion(upgraded)).isEqualTo(52));
    }

    @Test
    void aClassFileThatIsNoJava5OneStaysAsItIs() {
        byte[] upgraded = UPGRADED.get("picocli.CommandLine");
        assertThat(PicocliClassFiles.upgrade(upgraded)).isSameAs(upgraded);
    }

    @Test
    void everyUpgradedClassPassesVerification() throws Exception {
        ClassLoader upgraded = new UpgradedPicocli();
        for (String name : UPGRADED.keySet()) {
            // Initializing links the class, and linking verifies every method of it.
            assertThat(Class.forName(name, true, upgraded).getClassLoader()).as(name).isSameAs(upgraded);
        }
    }

    @Test
    void theUpgradedClassesParseACommandLine() throws Exception {
        ClassLoader upgraded = new UpgradedPicocli();
        // The whole model and parser: option specs, the interpreter, the built-in converters, the usage help.
        Class<?> specs = Class.forName("picocli.CommandLine$Model$CommandSpec", true, upgraded);
        Object spec = specs.getMethod("create").invoke(null);
        Class<?> optionSpecs = Class.forName("picocli.CommandLine$Model$OptionSpec", true, upgraded);
        Object builder = optionSpecs.getMethod("builder", String.class, String[].class).invoke(null, "--port", new String[0]);
        Method type = builder.getClass().getMethod("type", Class.class);
        type.setAccessible(true); // declared by a package-private superclass
        type.invoke(builder, int.class);
        specs.getMethod("addOption", optionSpecs).invoke(spec, builder.getClass().getMethod("build").invoke(builder));
        Class<?> commandLines = Class.forName("picocli.CommandLine", true, upgraded);
        Object commandLine = commandLines.getConstructor(Object.class).newInstance(spec);
        Object parsed = commandLines.getMethod("parseArgs", String[].class)
                .invoke(commandLine, (Object) new String[] { "--port", "8545" });
        Method matchedOptionValue = parsed.getClass().getMethod("matchedOptionValue", String.class, Object.class);

        assertThat(matchedOptionValue.invoke(parsed, "--port", 0)).isEqualTo(8545);
        assertThat((String) commandLines.getMethod("getUsageMessage").invoke(commandLine)).contains("--port=PARAM");
    }

    /** Defines picocli's classes from their upgraded class files; everything else comes from the parent. */
    private static final class UpgradedPicocli extends ClassLoader {
        UpgradedPicocli() {
            super(PicocliClassFilesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            byte[] upgraded = UPGRADED.get(name);
            if (upgraded == null) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, upgraded, 0, upgraded.length);
            }
        }
    }
}
