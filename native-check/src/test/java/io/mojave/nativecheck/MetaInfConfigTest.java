package io.mojave.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaInfConfigTest {

    @TempDir
    Path dir;

    @Test
    void anExecutableJarGivesItsClassPathMainClassAndModuleAttributes() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Path a = jar(dir.resolve("lib/a.jar"), null, Map.of());
        Path b = jar(dir.resolve("lib/b.jar"), null, Map.of());
        Path app = jar(dir.resolve("app.jar"), Map.of("Main-Class", "x.Main", "Class-Path", "lib/a.jar lib/b.jar lib/a.jar",
                "Add-Opens", "java.base/java.lang java.base/java.nio", "Enable-Native-Access", "ALL-UNNAMED"), Map.of());
        DriverOptions options = new DriverOptions();

        assertThat(MetaInfConfig.executableJar(app, options)).containsExactly(app, a, b);
        assertThat(options.builderArgs).containsExactly("-H:Class@driver=x.Main",
                "-H:AddOpens@driver=java.base/java.lang=ALL-UNNAMED", "-H:AddOpens@driver=java.base/java.nio=ALL-UNNAMED");
        assertThat(options.jvmArgs).containsExactly("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void aMissingClassPathEntryOrMainClassIsAnError() throws IOException {
        Path app = jar(dir.resolve("app.jar"), Map.of("Main-Class", "x.Main", "Class-Path", "lib/gone.jar"), Map.of());
        assertThatThrownBy(() -> MetaInfConfig.executableJar(app, new DriverOptions()))
                .hasMessage("the Class-Path of " + app + " names lib/gone.jar, which is not there");
        Path library = jar(dir.resolve("lib.jar"), Map.of(), Map.of());
        assertThatThrownBy(() -> MetaInfConfig.executableJar(library, new DriverOptions()))
                .hasMessage("no Main-Class in the manifest of " + library);
    }

    @Test
    void metadataBecomesOptionsWithTheJarAsOrigin() throws IOException {
        Path lib = jar(dir.resolve("lib.jar"), null, Map.of(
                "META-INF/native-image/g/a/native-image.properties", "# why\nArgs = --initialize-at-run-time=p.C \\\n   -H:+Flag\n",
                "META-INF/native-image/g/a/reflect-config.json", "[]",
                "META-INF/native-image/g/a/generated/reflect-config.json", "[]",
                "META-INF/native-image/reachability-metadata.json", "{}"));
        DriverOptions options = new DriverOptions();
        options.exclusions.add(new DriverOptions.Exclusion(Pattern.compile("lib\\.jar"), Pattern.compile("/generated/")));

        MetaInfConfig.apply(List.of(lib), options);

        String root = "jar:" + lib.toUri() + "!/META-INF/native-image/";
        assertThat(options.builderArgs).containsExactly(
                "-H:ClassInitialization@" + root + "g/a/native-image.properties+api=p.C:run_time",
                "-H:+Flag@" + root + "g/a/native-image.properties",
                "-H:ReflectionConfigurationResources@" + root + "g/a/reflect-config.json+api=META-INF/native-image/g/a/reflect-config.json",
                "-H:ReachabilityMetadataResources@" + root + "reachability-metadata.json+api=META-INF/native-image/reachability-metadata.json");
    }

    @Test
    void unknownMetadataIsAnError() throws IOException {
        Path properties = jar(dir.resolve("p.jar"), null, Map.of("META-INF/native-image/native-image.properties", "ImageName = x\n"));
        assertThatThrownBy(() -> MetaInfConfig.apply(List.of(properties), new DriverOptions()))
                .hasMessage("unsupported key ImageName in jar:" + properties.toUri() + "!/META-INF/native-image/native-image.properties");
        Path foreign = jar(dir.resolve("f.jar"), null, Map.of("META-INF/native-image/foreign-config.json", "[]"));
        assertThatThrownBy(() -> MetaInfConfig.apply(List.of(foreign), new DriverOptions()))
                .hasMessage("unsupported native-image metadata jar:" + foreign.toUri() + "!/META-INF/native-image/foreign-config.json: add its option to MetaInfConfig");
    }

    /** A jar with {@code manifest} (none if null) and {@code entries} (name to text). */
    private static Path jar(Path path, Map<String, String> manifest, Map<String, String> entries) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest != null) {
            manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        }
        try (OutputStream file = Files.newOutputStream(path);
                JarOutputStream jar = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, m)) {
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return path;
    }
}
