package io.mojave.daemon.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds and kills every process a test run started, daemons included (they are not our children
 * any more): each carries this run's token in its environment, which daemons inherit.
 */
public final class DaemonSweeper {

    /** The environment variable that tags a test run's processes. */
    public static final String ENV = "MOJAVE_TEST_RUN";

    private final String token = UUID.randomUUID().toString();

    /** This run's token. */
    public String token() {
        return token;
    }

    /** PIDs of the live processes tagged with this run's token whose command line contains {@code marker}. */
    public List<Long> processes(String marker) {
        List<Long> found = new ArrayList<>();
        String tag = ENV + "=" + token;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    long pid = Long.parseLong(proc.getFileName().toString());
                    if (List.of(environ.split("\0")).contains(tag) && cmdline.contains(marker)
                            && Proc.isRunning(pid)) {
                        found.add(pid);
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** SIGKILLs every live process of this run. */
    public void sweep() {
        for (long pid : processes("")) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
