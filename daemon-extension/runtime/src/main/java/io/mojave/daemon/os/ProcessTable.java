package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code /proc} tells about another process: whether it still runs, since when, and where it listens. */
public final class ProcessTable {

    private static final String IPV4_MAPPED = "0000000000000000FFFF0000";

    private ProcessTable() {
    }

    /**
     * Whether {@code pid} is a live process. A zombie counts as exited: it holds no lock and serves
     * nothing, and here orphans can stay zombies for a while before they are reaped.
     */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int endOfName = stat.lastIndexOf(')');
            char state = stat.charAt(endOfName + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The scheduler's state letter of {@code pid} ({@code R}, {@code S}, {@code T} for stopped,
     * {@code t} for traced, ...); {@code '?'} if it cannot be read.
     */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    /** Whether {@code pid} ignores {@code signal} ({@code SigIgn} in {@code /proc/<pid>/status}); false if unknown. */
    public static boolean ignores(long pid, int signal) {
        return signalMask(Path.of("/proc", Long.toString(pid), "status"), "SigIgn:", signal);
    }

    static boolean signalMask(Path status, String field, int signal) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    long mask = Long.parseUnsignedLong(line.substring(field.length()).strip(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: not ignored as far as we can tell
        }
        return false;
    }

    /**
     * Waits until {@code process} has exited (a zombie has; a process that reused its PID is not
     * it), polling; returns false if it still runs at the deadline.
     */
    public static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (process.isAlive() && isRunning(process.pid())) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 25);
        }
        return true;
    }

    /** Whether this process leads its own session (as a daemon child started through {@code setsid} does). */
    public static boolean isSessionLeader() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]) == ProcessHandle.current().pid();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** This process's umask, from {@code /proc/self/status}; -1 if the kernel does not say. */
    public static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** Whether this process's descriptor {@code fd} (1: stdout) is a terminal, as {@code isatty} would say. */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** When {@code pid} started, if it is visible. */
    public static Optional<Instant> startTime(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant());
    }

    /** The TCP addresses {@code pid} listens on, such as {@code 127.0.0.1:9595}; empty if it cannot be read. */
    public static List<String> listeningAddresses(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> socketInodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        socketInodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we looked: not a listener of interest
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        addListeners(proc.resolve("net/tcp"), false, socketInodes, addresses);
        addListeners(proc.resolve("net/tcp6"), true, socketInodes, addresses);
        return addresses;
    }

    private static void addListeners(Path table, boolean ipv6, Set<String> inodes, List<String> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            return;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            // "  0: 0100007F:2573 00000000:0000 0A ... uid timeout inode"
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10 || !fields[3].equals("0A") || !inodes.contains(fields[9])) {
                continue;
            }
            String[] local = fields[1].split(":");
            int port = Integer.parseInt(local[1], 16);
            out.add(address(local[0], ipv6) + ":" + port);
        }
    }

    private static String address(String hex, boolean ipv6) {
        if (!ipv6) {
            return ipv4Address(hex);
        }
        // A dual-stack socket bound to an IPv4 address shows it as ::ffff:a.b.c.d.
        return hex.startsWith(IPV4_MAPPED) ? ipv4Address(hex.substring(IPV4_MAPPED.length())) : "[" + ipv6Address(hex) + "]";
    }

    private static String ipv4Address(String hex) {
        long value = Long.parseLong(hex, 16);
        // /proc prints the address in host byte order (little endian here)
        return (value & 0xff) + "." + ((value >> 8) & 0xff) + "." + ((value >> 16) & 0xff) + "." + ((value >> 24) & 0xff);
    }

    private static String ipv6Address(String hex) {
        StringBuilder address = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String group = hex.substring(word * 8, word * 8 + 8);
            // each 32-bit word is in host byte order
            String bigEndian = group.substring(6, 8) + group.substring(4, 6) + group.substring(2, 4) + group.substring(0, 2);
            address.append(bigEndian, 0, 4).append(':').append(bigEndian, 4, 8);
            if (word < 3) {
                address.append(':');
            }
        }
        return address.toString().replaceAll("(^|:)0{1,3}(?=[0-9a-f])", "$1").toLowerCase();
    }
}
