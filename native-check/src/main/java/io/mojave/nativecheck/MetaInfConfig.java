package io.mojave.nativecheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The native-image metadata that the jars of an image's class path carry under
 * {@code META-INF/native-image/}, and their manifests, turned into builder options as the driver
 * does: {@code native-image.properties} give options, each {@code *-config.json} (and
 * {@code reachability-metadata.json}) is named to the builder as a resource to read.
 */
final class MetaInfConfig {

    private static final String META_INF = "META-INF/native-image/";
    private static final String PROPERTIES = "native-image.properties";

    /** File names of the metadata the builder reads, and the option that names each to it. */
    private static final Map<String, String> CONFIG_FILES = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "serialization-deny-config.json", "SerializationDenyConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    private MetaInfConfig() {
    }

    /**
     * The image class path of an executable jar: the jar, then its manifest's {@code Class-Path}
     * (resolved against the jar's directory, as the JVM does), each entry once; a missing entry
     * stops the check, since the image would then be built from another class path than the jar's.
     * Also gives {@code options} the jar's main class and its {@code Add-Opens},
     * {@code Add-Exports} and {@code Enable-Native-Access} attributes.
     */
    static List<Path> executableJar(Path jar, DriverOptions options) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new CheckFailure("cannot read the jar " + jar + ": " + e.getMessage(), e);
        }
        if (manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS) == null) {
            throw new CheckFailure("no Main-Class in the manifest of " + jar);
        }
        Attributes main = manifest.getMainAttributes();
        options.addBuilderOption("-H:Class=" + main.getValue(Attributes.Name.MAIN_CLASS), DriverOptions.DRIVER);
        moduleAttribute(main, "Add-Opens", "AddOpens", options);
        moduleAttribute(main, "Add-Exports", "AddExports", options);
        String nativeAccess = main.getValue("Enable-Native-Access");
        if (nativeAccess != null) {
            if (!nativeAccess.equals("ALL-UNNAMED")) {
                throw new CheckFailure("Enable-Native-Access: " + nativeAccess + " in the manifest of " + jar + ": only ALL-UNNAMED is allowed");
            }
            options.jvmArgs.add("--enable-native-access=ALL-UNNAMED");
        }
        Set<Path> classPath = new LinkedHashSet<>();
        classPath.add(jar);
        String manifestClassPath = main.getValue(Attributes.Name.CLASS_PATH);
        if (manifestClassPath != null) {
            for (String entry : manifestClassPath.trim().split(" +")) {
                Path path = jar.getParent().resolve(entry).normalize();
                if (!Files.exists(path)) {
                    throw new CheckFailure("the Class-Path of " + jar + " names " + entry + ", which is not there");
                }
                classPath.add(path);
            }
        }
        return List.copyOf(classPath);
    }

    private static void moduleAttribute(Attributes main, String attribute, String option, DriverOptions options) {
        String value = main.getValue(attribute);
        if (value != null) {
            for (String modulePackage : value.trim().split(" +")) {
                options.addBuilderOption("-H:" + option + "=" + modulePackage + "=ALL-UNNAMED", DriverOptions.DRIVER);
            }
        }
    }

    /** Adds the options of every jar's {@code META-INF/native-image/} that no exclusion removes. */
    static void apply(List<Path> classPath, DriverOptions options) {
        for (Path entry : classPath) {
            if (!Files.isRegularFile(entry)) {
                throw new CheckFailure("image class path entry " + entry + " is no jar (directories are not supported here)");
            }
            try (JarFile jar = new JarFile(entry.toFile())) {
                for (String name : metadataEntries(jar)) {
                    String fileName = name.substring(name.lastIndexOf('/') + 1);
                    if (options.exclusions.stream().anyMatch(e -> e.matches(entry, "/" + name))) {
                        continue;
                    }
                    String origin = URI.create("jar:" + entry.toUri() + "!/" + name).toString();
                    if (fileName.equals(PROPERTIES)) {
                        properties(jar, name, origin, options);
                    } else if (CONFIG_FILES.containsKey(fileName)) {
                        // "+api": the driver marks options lowered from metadata files as stable ones.
                        options.addBuilderOption("-H:" + CONFIG_FILES.get(fileName) + "=" + name, origin + "+api");
                    } else if (fileName.endsWith("-config.json")) {
                        throw new CheckFailure("unsupported native-image metadata " + origin + ": add its option to " + MetaInfConfig.class.getSimpleName());
                    }
                }
            } catch (IOException e) {
                throw new CheckFailure("cannot read the jar " + entry + ": " + e.getMessage(), e);
            }
        }
    }

    /** The metadata files of a jar in a stable order (the builder is given them in this order). */
    private static Set<String> metadataEntries(JarFile jar) {
        Set<String> names = new TreeSet<>();
        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().startsWith(META_INF)) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static void properties(JarFile jar, String name, String origin, DriverOptions options) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value.contains("${")) {
                // The driver substitutes ${.} and friends; no jar of ours uses them.
                throw new CheckFailure("unsupported ${...} in " + key + " of " + origin);
            }
            List<String> args = split(value);
            switch (key) {
                case "Args" -> options.acceptProperties(args, origin);
                case "JavaArgs" -> options.jvmArgs.addAll(args);
                default -> throw new CheckFailure("unsupported key " + key + " in " + origin);
            }
        }
    }

    private static List<String> split(String value) {
        String trimmed = value.strip();
        return trimmed.isEmpty() ? Collections.emptyList() : new ArrayList<>(List.of(trimmed.split("\\s+")));
    }
}
