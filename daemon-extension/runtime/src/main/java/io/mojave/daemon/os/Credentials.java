package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Who this process is to the kernel when it opens files: its effective user and every group it
 * belongs to, read from {@code /proc/self/status} (no native call, the same in a native image).
 *
 * @param uid the effective user id
 * @param groups the effective group id and the supplementary groups
 */
public record Credentials(long uid, Set<Long> groups) {

    /** The credentials of this process. */
    public static Credentials ofThisProcess() {
        long uid = -1;
        Set<Long> groups = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                // "Uid:\treal\teffective\tsaved\tfilesystem"; "Groups:\t0 4 27 "
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
                } else if (line.startsWith("Gid:")) {
                    groups.add(Long.parseLong(line.substring(4).strip().split("\\s+")[1]));
                } else if (line.startsWith("Groups:") && !line.substring(7).isBlank()) {
                    for (String group : line.substring(7).strip().split("\\s+")) {
                        groups.add(Long.parseLong(group));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's credentials from /proc/self/status: " + e, e);
        }
        if (uid < 0) {
            throw new IllegalStateException("/proc/self/status names no Uid");
        }
        return new Credentials(uid, Set.copyOf(groups));
    }

    /** Whether this process belongs to group {@code gid}. */
    public boolean inGroup(long gid) {
        return groups.contains(gid);
    }
}
