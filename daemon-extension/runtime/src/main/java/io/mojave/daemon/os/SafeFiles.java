package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import io.mojave.daemon.DaemonException;

/**
 * The rules for what the daemon runtime opens in a datadir, so that a daemon (often root) never
 * writes through a link or into a file that another user planted. The anchors are start-stop-daemon
 * (refuses PID files others can write) and OpenSSH's StrictModes (refuses files and folders others
 * can write, or that belong to someone else):
 * <ul>
 * <li>the datadir may be a symbolic link (operators do that); the directory it names must not be
 * writable by others, nor by a group this process is not in, and must belong to this process's
 * user or to root, or be writable by it through its group (an arbitrary UID in a container's
 * group 0);</li>
 * <li>inside it, the PID file, the log and the services' state folders are never links: each must be
 * a regular file with no other hard link (a folder for folders), not writable by others, owned by
 * this process's user or writable by it through its group.</li>
 * </ul>
 * Anything else is refused with {@link DaemonException.UnsafePath}, before anything is written.
 */
public final class SafeFiles {

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMLINK = 0120000;
    private static final int FIFO = 0010000;
    private static final int SOCKET = 0140000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int GROUP_WRITE = 0020;
    private static final int OTHERS_WRITE = 0002;

    private SafeFiles() {
    }

    /**
     * Folders are created 0770 less the umask: 0750 under the daemon's 027, 0770 under a container's
     * 007, so that an arbitrary UID of the datadir's group can use what another UID created.
     */
    private static final String FOLDER_MODE = "rwxrwx---";

    /** The umask of a daemon whose datadir only its user writes: files 0640, folders 0750. */
    private static final int PRIVATE_UMASK = 0027;
    /** The umask of a daemon whose datadir its group shares (a volume of a container's group 0): 0660, 0770. */
    private static final int GROUP_UMASK = 0007;
    /** The mode of the files the runtime writes (PID file, log) before the umask takes its part. */
    private static final int FILE_MODE = 0660;

    /**
     * The daemon's umask for {@code datadir}: the seed's 027, or 007 where the datadir is writable by
     * its group, so that whatever the daemon creates there (its PID file, log, stores) can be used by
     * another UID of that group after it, as an arbitrary UID in a container's group 0 must.
     */
    public static int daemonUmask(Path datadir) {
        return sharedWithGroup(datadir) ? GROUP_UMASK : PRIVATE_UMASK;
    }

    /**
     * Gives a service in the foreground the umask 007 where its datadir is writable by its group, as
     * {@link #daemonUmask} gives a daemon (a container's arbitrary UID in group 0, whatever umask the
     * container runtime set); elsewhere the foreground keeps its caller's umask.
     *
     * @return whether the umask changed
     */
    public static boolean shareWithGroupIfTheDatadirIs(Path datadir) {
        if (sharedWithGroup(datadir) && ProcessTable.umask() != GROUP_UMASK) {
            Posix.get().umask(GROUP_UMASK);
            return true;
        }
        return false;
    }

    private static boolean sharedWithGroup(Path datadir) {
        try {
            return ((Integer) Files.getAttribute(datadir, "unix:mode") & GROUP_WRITE) != 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The mode the runtime's files get under this process's umask: 0640 under 027, 0660 under 007. */
    public static int fileMode() {
        int umask = ProcessTable.umask();
        return FILE_MODE & ~(umask < 0 ? PRIVATE_UMASK : umask);
    }

    /**
     * Gives the file this process holds open as {@code descriptor} the runtime's {@link #fileMode()},
     * if it is this process's user's file (another UID of the group cannot, and need not: the checks
     * let it use only what is group-writable already). Through {@code /proc/self/fd}, the open file
     * itself, never whatever its path names by then.
     */
    public static void applyFileMode(Path descriptor) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(descriptor, "unix:mode,uid");
        int wanted = fileMode();
        if (((Integer) attributes.get("mode") & 07777) != wanted
                && ((Number) attributes.get("uid")).longValue() == Credentials.ofThisProcess().uid()) {
            Files.setAttribute(descriptor, "unix:mode", wanted);
        }
    }

    /** Creates {@code datadir} (with its parents) if missing, then checks the directory it names. */
    public static void datadir(Path datadir) {
        try {
            if (!Files.exists(datadir)) {
                Files.createDirectories(datadir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FOLDER_MODE)));
            }
            Map<String, Object> attributes = Files.readAttributes(datadir, "unix:mode,uid,gid,nlink");
            check("datadir", datadir, attributes, true, "make it private with 'chmod 750 " + datadir
                    + "' and give it to the daemon's user with chown");
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("create datadir", datadir, e);
        }
    }

    /** A folder for a service's state inside the datadir: created if missing, never a link. */
    public static Path stateDirectory(Path directory) {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FOLDER_MODE)));
        } catch (FileAlreadyExistsException existing) {
            // checked below, whatever it is
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("create state folder", directory, e);
        }
        Map<String, Object> attributes = attributesOfLink(directory, "state folder")
                .orElseThrow(() -> new DaemonException.IoWithPath("create state folder", directory,
                        new NoSuchFileException(directory.toString())));
        check("state folder", directory, attributes, false, "remove it, or make it a private folder of the daemon's user");
        return directory;
    }

    /**
     * Checks a file the runtime writes in the datadir ({@code what}: "PID file", "log file"):
     * absent, or a regular file of ours that others cannot write, and never a link.
     *
     * @return whether it exists
     */
    public static boolean file(Path file, String what) {
        Optional<Map<String, Object>> attributes = attributesOfLink(file, what);
        attributes.ifPresent(found -> check(what, file, found, false, "remove it; the daemon creates its own"));
        return attributes.isPresent();
    }

    /** A file's own attributes (not its target's); empty if there is none. */
    private static Optional<Map<String, Object>> attributesOfLink(Path path, String what) {
        try {
            return Optional.of(Files.readAttributes(path, "unix:mode,uid,gid,nlink", LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("inspect " + what, path, e);
        }
    }

    private static void check(String what, Path path, Map<String, Object> attributes, boolean datadir, String remedy) {
        int mode = (Integer) attributes.get("mode");
        long uid = ((Number) attributes.get("uid")).longValue();
        long gid = ((Number) attributes.get("gid")).longValue();
        boolean directoryWanted = datadir || what.equals("state folder");
        String problem = typeProblem(path, mode, directoryWanted);
        if (problem == null && !directoryWanted && ((Number) attributes.get("nlink")).intValue() > 1) {
            // a hard link to a file elsewhere (/etc/shadow, say) has that file's owner: ours, for a root daemon
            problem = "it has " + attributes.get("nlink") + " hard links, so it is also another file elsewhere";
        }
        if (problem == null) {
            problem = accessProblem(mode, uid, gid, datadir, Credentials.ofThisProcess());
        }
        if (problem != null) {
            throw new DaemonException.UnsafePath(what, path, problem, remedy);
        }
    }

    private static String typeProblem(Path path, int mode, boolean directoryWanted) {
        int type = mode & TYPE_MASK;
        if (type == SYMLINK) {
            String target;
            try {
                target = " to " + Files.readSymbolicLink(path);
            } catch (IOException e) {
                target = "";
            }
            return "it is a symbolic link" + target + ", which the daemon never follows inside its datadir";
        }
        int wanted = directoryWanted ? DIRECTORY : REGULAR;
        if (type == wanted) {
            return null;
        }
        return "it is " + describe(type) + ", not " + describe(wanted);
    }

    private static String accessProblem(int mode, long uid, long gid, boolean datadir, Credentials self) {
        if ((mode & OTHERS_WRITE) != 0) {
            return String.format("it is writable by every user (mode %04o)", mode & 07777);
        }
        boolean groupWritable = (mode & GROUP_WRITE) != 0;
        if (groupWritable && !self.inGroup(gid)) {
            return String.format("it is writable by group %d (mode %04o), which this daemon's user (uid %d) is not in",
                    gid, mode & 07777, self.uid());
        }
        boolean ours = uid == self.uid() || (datadir && uid == 0) || groupWritable;
        if (!ours) {
            return "it belongs to uid " + uid + ", not to this daemon's user (uid " + self.uid() + ")"
                    + (datadir ? " or root" : "");
        }
        return null;
    }

    /**
     * Checks the file this process opened as descriptor {@code fd} for writing (what it is, not what
     * its path names now): a regular file of ours that others cannot write.
     *
     * @throws IOException saying what is wrong with it
     */
    public static void checkOpenFile(int fd) throws IOException {
        // /proc/self/fd/<n> leads to the open file itself: fstat() without a native struct
        Map<String, Object> attributes = Files.readAttributes(Path.of("/proc/self/fd", Integer.toString(fd)), "unix:mode,uid,gid,nlink");
        int mode = (Integer) attributes.get("mode");
        int type = mode & TYPE_MASK;
        String problem = type != REGULAR ? "it is " + describe(type) + ", not a regular file"
                : ((Number) attributes.get("nlink")).intValue() > 1 ? "it has " + attributes.get("nlink") + " hard links"
                : accessProblem(mode, ((Number) attributes.get("uid")).longValue(), ((Number) attributes.get("gid")).longValue(),
                        false, Credentials.ofThisProcess());
        if (problem != null) {
            throw new IOException(problem);
        }
    }

    private static String describe(int type) {
        return switch (type) {
            case REGULAR -> "a regular file";
            case DIRECTORY -> "a directory";
            case FIFO -> "a FIFO (named pipe)";
            case SOCKET -> "a socket";
            case CHARACTER_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            default -> String.format("a file of type %06o", type);
        };
    }
}
