package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which process holds the POSIX record lock on a file, in the kernel's own words about that very
 * file, without taking any lock ourselves (a probe that locked, even briefly, could make a starting
 * daemon think the file is taken).
 *
 * <p>{@code /proc/locks} only names candidates: it identifies a file by device and inode number,
 * and its device need not be the one {@code stat} reports (overlayfs), while inode numbers repeat
 * across file systems (two tmpfs mounts number their files alike). So a candidate is believed only
 * when one of its open descriptors is this file (same device and inode through
 * {@code /proc/<pid>/fd}) and the kernel lists the lock on that very descriptor
 * ({@code lock:} in {@code /proc/<pid>/fdinfo}). A candidate we may not look into is a doubt, never
 * a holder.
 */
public final class ProcLocks {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private ProcLocks() {
    }

    /** What the kernel says of a file's lock. */
    public sealed interface Holder {
        /** No process holds a POSIX lock on the file. */
        record None() implements Holder {
        }

        /** {@code pid} holds a write lock on this very file. */
        record Proven(long pid) implements Holder {
        }

        /** A lock on a file with this inode number is held by {@code pid}, which we may not inspect. */
        record Unprovable(long pid, String reason) implements Holder {
        }
    }

    /** Who holds a POSIX write lock on {@code file} (not following a link at its path). */
    public static Holder holder(Path file) throws IOException {
        Map<String, Object> identity = Files.readAttributes(file, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
        long device = (Long) identity.get("dev");
        long inode = (Long) identity.get("ino");
        Holder result = new Holder.None();
        for (long candidate : candidates(Files.readAllLines(PROC_LOCKS), inode)) {
            Holder verdict = verify(candidate, device, inode);
            if (verdict instanceof Holder.Proven) {
                return verdict;
            }
            if (verdict instanceof Holder.Unprovable) {
                result = verdict;
            }
        }
        return result;
    }

    /**
     * The PIDs that hold a POSIX write lock on some file with inode number {@code inode}, on any
     * device; waiters ({@code 1: -> POSIX ...}) and read locks are not holders of ours.
     */
    static List<Long> candidates(List<String> procLocks, long inode) {
        List<Long> pids = new ArrayList<>();
        for (String line : procLocks) {
            // "1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8 || !fields[1].equals("POSIX") || !fields[3].equals("WRITE")) {
                continue;
            }
            String[] id = fields[5].split(":");
            if (id.length != 3 || !id[2].equals(Long.toString(inode))) {
                continue;
            }
            long pid = Long.parseLong(fields[4]);
            if (pid > 0 && !pids.contains(pid)) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** Whether {@code pid} holds its lock on the file {@code device}/{@code inode} itself. */
    private static Holder verify(long pid, long device, long inode) {
        Path process = Path.of("/proc", Long.toString(pid));
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                if (isTheFile(descriptor, device, inode)
                        && locksThroughDescriptor(process.resolve("fdinfo").resolve(descriptor.getFileName()), pid)) {
                    return new Holder.Proven(pid);
                }
            }
            return new Holder.None();
        } catch (AccessDeniedException e) {
            return new Holder.Unprovable(pid, "pid " + pid + " holds a lock on a file with the same inode number, and this user "
                    + "may not look at its descriptors (run this command as that process's user or as root)");
        } catch (NoSuchFileException gone) {
            return new Holder.None();
        } catch (IOException e) {
            return new Holder.Unprovable(pid, "cannot read the descriptors of pid " + pid + ": " + e.getMessage());
        }
    }

    private static boolean isTheFile(Path descriptor, long device, long inode) {
        try {
            // /proc/<pid>/fd/<n> leads to the open file itself, as stat() of its path would show it.
            Map<String, Object> identity = Files.readAttributes(descriptor, "unix:dev,ino");
            return Objects.equals(identity.get("dev"), device) && Objects.equals(identity.get("ino"), inode);
        } catch (IOException closedMeanwhile) {
            return false;
        }
    }

    private static boolean locksThroughDescriptor(Path fdinfo, long pid) {
        try {
            // "lock:\t1: POSIX  ADVISORY  WRITE 4242 00:28:2 0 EOF": the locks taken through this descriptor
            for (String line : Files.readAllLines(fdinfo)) {
                if (line.startsWith("lock:")) {
                    String[] fields = line.substring(5).trim().split("\\s+");
                    if (fields.length >= 5 && fields[1].equals("POSIX") && fields[3].equals("WRITE")
                            && fields[4].equals(Long.toString(pid))) {
                        return true;
                    }
                }
            }
        } catch (IOException closedMeanwhile) {
            // the descriptor went away: not a holder
        }
        return false;
    }
}
