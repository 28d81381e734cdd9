package io.mojave.daemon.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.mojave.daemon.CommonOptions;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.LogLines;
import io.mojave.daemon.os.ProcessTable;
import io.mojave.daemon.os.SafeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code logs}: the daemon's JSON log, as readable lines (coloured on a terminal) or as it is; and followed. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Shows the daemon's log (<datadir>/<name>.log) as readable lines, coloured on a terminal; "
                + "-f follows it, across a logrotate rotation.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:shown", "1:the log cannot be read", "2:usage error" })
public final class LogsCommand implements Callable<Integer> {

    /** How often {@code -f} looks for new lines and for a rotation. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Mixin
    CommonOptions common;

    @Option(names = { "-f", "--follow" }, description = "Keep printing lines as they are written, until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = { "-n", "--lines" }, paramLabel = "N", defaultValue = "20",
            description = "How many of the last lines to show first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only records of this level or more severe: trace, debug, info, "
            + "warn or error.")
    String level;

    @Option(names = "--json", description = "Print the records as they are (JSON), not as readable lines.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (lines < 0) {
            throw new ParameterException(spec.commandLine(), "--lines must be 0 or more, not " + lines);
        }
        if (level != null && !level.toLowerCase(Locale.ROOT).matches("trace|debug|info|warn|error")) {
            throw new ParameterException(spec.commandLine(), "--level must be trace, debug, info, warn or error, not '" + level + "'");
        }
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        Path log = service.logFile(common.datadir(service));
        PrintWriter out = spec.commandLine().getOut();
        // The same rules as the daemon's own: a link or someone else's file in its place is not read.
        SafeFiles.file(log, "log file");
        boolean colour = !json && ProcessTable.isTerminal(1);
        try {
            for (String line : LogLines.tail(log, 0, lines)) {
                print(line, out, colour);
            }
            out.flush();
            if (follow) {
                follow(log, out, colour);
            }
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("read log", log, e);
        }
        return 0;
    }

    private void print(String line, PrintWriter out, boolean colour) {
        if (level == null || LogLines.atLeast(LogLines.record(line), level)) {
            out.println(json ? line : LogLines.readable(line, colour));
        }
    }

    /**
     * Prints what is appended to {@code log}; when logrotate moves it away and the daemon (on
     * SIGHUP) opens a new one, goes on with the new file from its start, after the rest of the old;
     * when it is truncated, from its new start.
     */
    private void follow(Path log, PrintWriter out, boolean colour) throws IOException, InterruptedException {
        Object file = Files.readAttributes(log, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
        InputStream in = Files.newInputStream(log);
        long position = in.skip(Files.size(log));
        StringBuilder partial = new StringBuilder();
        try {
            while (true) {
                byte[] chunk = in.readAllBytes();
                if (chunk.length > 0) {
                    position += chunk.length;
                    partial.append(new String(chunk, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        print(partial.substring(0, newline), out, colour);
                        partial.delete(0, newline + 1);
                    }
                    out.flush();
                    continue;
                }
                Object now = inode(log);
                // Moved away and replaced (logrotate's create), or cut short where we stand (copytruncate).
                if (now != null && (!now.equals(file) || Files.size(log) < position)) {
                    position = 0;
                    in.close();
                    in = Files.newInputStream(log);
                    file = now;
                    continue;
                }
                Thread.sleep(POLL.toMillis());
            }
        } finally {
            in.close();
        }
    }

    private static Object inode(Path log) {
        try {
            return Files.readAttributes(log, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
        } catch (IOException rotatedAway) {
            return null;
        }
    }
}
