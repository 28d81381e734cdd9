package io.mojave.daemon.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of the parent's JVM options a daemon child gets: an allow-list. Memory, GC, JIT and class
 * data sharing settings, {@code -Xlog} options that only turn logging off (the launcher's
 * {@code -Xlog:cds*=off} beside its start-up cache), and the {@code -D} properties of Quarkus and
 * of the app's own prefixes ({@code quarkus.daemon.inherited-properties}) pass; a debugger agent, an AOT or CDS <em>recording</em>, a log output, a test launcher's own
 * properties and anything unknown do not.
 */
public final class JvmOptions {

    private static final List<String> ALLOWED_PREFIXES = List.of(
            "-Xmx", "-Xms", "-Xss", "-Xmn", "-Xshare:",
            "--enable-native-access=",
            "-Dfile.encoding=", "-Djava.io.tmpdir=", "-Duser.timezone=",
            "-Djava.net.preferIPv4Stack=", "-Djava.net.preferIPv6Addresses=");

    private static final List<String> ALLOWED_XX = List.of(
            "+Use", "-Use", "MaxRAM", "InitialRAM", "MinRAM", "MaxMetaspaceSize=", "MetaspaceSize=",
            "ReservedCodeCacheSize=", "TieredStopAtLevel=", "+TieredCompilation", "-TieredCompilation",
            "ActiveProcessorCount=", "CICompilerCount=", "MaxDirectMemorySize=", "SharedArchiveFile=",
            "AOTCache=", "AOTMode=auto", "AOTMode=on", "AOTMode=off",
            "+HeapDumpOnOutOfMemoryError", "+ExitOnOutOfMemoryError", "+CrashOnOutOfMemoryError",
            "MaxHeapFreeRatio=", "MinHeapFreeRatio=", "SoftMaxHeapSize=", "ThreadStackSize=", "TrimNativeHeapInterval=",
            // Keeping a method from the JIT (the launcher's defaults do, for the JDK's lambda generator),
            // silently; not CompileCommand's printing or logging commands.
            "CompileCommand=quiet", "CompileCommand=exclude,");

    /** {@code -Xlog} that only switches tag sets off (no output, no level but off), or all logging. */
    private static final Pattern XLOG_OFF = Pattern.compile("-Xlog:(disable|[a-z0-9]+(\\+[a-z0-9]+)*\\*?=off(,[a-z0-9]+(\\+[a-z0-9]+)*\\*?=off)*)");

    /** Options that start with an allowed -XX: prefix but record or dump instead of tuning. */
    private static final Set<String> DENIED_XX = Set.of("+UseJVMCICompiler", "+UsePerfData");

    private JvmOptions() {
    }

    /**
     * This JVM's own options, read from {@code /proc/self/cmdline} (the words before {@code -jar}
     * or the main class) and {@code JAVA_TOOL_OPTIONS}: cheaper than the management API, which
     * costs a noticeable part of a fast command's time. A word that is the value of an option
     * ({@code -cp X}) is no allowed option, so the allow-list drops it anyway.
     */
    public static List<String> ofThisJvm() {
        List<String> options = new ArrayList<>();
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        if (toolOptions != null && !toolOptions.isBlank()) {
            options.addAll(List.of(toolOptions.strip().split("\\s+")));
        }
        try {
            String[] words = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0");
            String mainClass = System.getProperty("sun.java.command", "").split(" ")[0];
            for (int i = 1; i < words.length && !words[i].equals("-jar") && !words[i].equals(mainClass); i++) {
                options.add(words[i]);
            }
        } catch (IOException e) {
            // no /proc: the child starts with the JVM's defaults
        }
        return options;
    }

    /** Quarkus' own configuration passes whatever the app adds. */
    private static final String QUARKUS_PROPERTIES = "quarkus.";

    /**
     * The options of {@code parent} that the daemon child inherits, in order.
     *
     * @param propertyPrefixes prefixes of the system properties it inherits besides {@code quarkus.*}
     */
    public static List<String> inheritable(List<String> parent, List<String> propertyPrefixes) {
        return parent.stream().filter(option -> isInheritable(option, propertyPrefixes)).toList();
    }

    static boolean isInheritable(String option, List<String> propertyPrefixes) {
        if (option.startsWith("-D")) {
            String property = option.substring(2);
            return property.startsWith(QUARKUS_PROPERTIES) || propertyPrefixes.stream().anyMatch(property::startsWith)
                    || ALLOWED_PREFIXES.stream().anyMatch(option::startsWith);
        }
        if (option.startsWith("-XX:")) {
            String flag = option.substring(4);
            return ALLOWED_XX.stream().anyMatch(flag::startsWith) && !DENIED_XX.contains(flag);
        }
        if (option.startsWith("-Xlog")) {
            return XLOG_OFF.matcher(option).matches();
        }
        return ALLOWED_PREFIXES.stream().anyMatch(option::startsWith);
    }
}
