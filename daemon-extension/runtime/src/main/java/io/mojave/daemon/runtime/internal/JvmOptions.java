package io.mojave.daemon.runtime.internal;

import java.util.List;
import java.util.Set;

/**
 * Which of the parent's JVM options a daemon child gets: an allow-list. Memory, GC, JIT and class
 * data sharing settings and the {@code -D} properties the app reads pass; a debugger agent, an AOT
 * or CDS <em>recording</em>, a test launcher's own properties and anything unknown do not.
 */
public final class JvmOptions {

    private static final List<String> ALLOWED_PREFIXES = List.of(
            "-Xmx", "-Xms", "-Xss", "-Xmn", "-Xshare:",
            "--enable-native-access=",
            "-Dmojave.", "-Dfile.encoding=", "-Djava.io.tmpdir=", "-Duser.timezone=",
            "-Djava.net.preferIPv4Stack=", "-Djava.net.preferIPv6Addresses=");

    private static final List<String> ALLOWED_XX = List.of(
            "+Use", "-Use", "MaxRAM", "InitialRAM", "MinRAM", "MaxMetaspaceSize=", "MetaspaceSize=",
            "ReservedCodeCacheSize=", "TieredStopAtLevel=", "+TieredCompilation", "-TieredCompilation",
            "ActiveProcessorCount=", "CICompilerCount=", "MaxDirectMemorySize=", "SharedArchiveFile=",
            "AOTCache=", "AOTMode=auto", "AOTMode=on", "AOTMode=off",
            "+HeapDumpOnOutOfMemoryError", "+ExitOnOutOfMemoryError", "+CrashOnOutOfMemoryError",
            "MaxHeapFreeRatio=", "MinHeapFreeRatio=", "SoftMaxHeapSize=", "ThreadStackSize=");

    /** Options that start with an allowed -XX: prefix but record or dump instead of tuning. */
    private static final Set<String> DENIED_XX = Set.of("+UseJVMCICompiler", "+UsePerfData");

    private JvmOptions() {
    }

    /** The options of {@code parent} that the daemon child inherits, in order. */
    public static List<String> inheritable(List<String> parent) {
        return parent.stream().filter(JvmOptions::isInheritable).toList();
    }

    static boolean isInheritable(String option) {
        if (option.startsWith("-XX:")) {
            String flag = option.substring(4);
            return ALLOWED_XX.stream().anyMatch(flag::startsWith) && !DENIED_XX.contains(flag);
        }
        return ALLOWED_PREFIXES.stream().anyMatch(option::startsWith);
    }
}
