package io.mojave.daemon.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The daemon's JSON log as people read it: one line per record ({@code 01:54:31.434 WARN
 * io.mojave.node  Block 7 refused: ...}), coloured on a terminal, and the last lines of a log.
 */
public final class LogLines {

    private static final String RESET = "\u001b[0m";

    /** Levels in order, with the names JBoss Log Manager and java.util.logging use. */
    private static final List<String> ORDER = List.of("TRACE", "FINEST", "FINER", "DEBUG", "FINE", "CONFIG", "INFO", "WARN",
            "WARNING", "ERROR", "SEVERE", "FATAL");

    private LogLines() {
    }

    /** The record in {@code line}, if it is one of ours (a JSON object with a level and a message). */
    public static Optional<JsonObject> record(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonObject record = new JsonObject(line);
            return record.getValue("level") instanceof String ? Optional.of(record) : Optional.empty();
        } catch (DecodeException | ClassCastException notOurs) {
            return Optional.empty();
        }
    }

    /** Whether {@code record}'s level is {@code minimum} or more severe (a line that is not a record always is). */
    public static boolean atLeast(Optional<JsonObject> record, String minimum) {
        return record.isEmpty() || rank(record.get().getString("level")) >= rank(minimum);
    }

    /** {@code line} for people: time, level, logger, message and, if any, the exception; colours for a terminal. */
    public static String readable(String line, boolean colour) {
        try {
            return readableRecord(line, colour);
        } catch (ClassCastException notOurs) {
            return line; // a field of an unexpected type: someone else's JSON, shown as it is
        }
    }

    private static String readableRecord(String line, boolean colour) {
        Optional<JsonObject> parsed = record(line);
        if (parsed.isEmpty()) {
            return line;
        }
        JsonObject record = parsed.get();
        String level = record.getString("level");
        String timestamp = record.getString("timestamp", "");
        String time = timestamp.length() >= 23 && timestamp.charAt(10) == 'T' ? timestamp.substring(11, 23) : timestamp;
        StringBuilder text = new StringBuilder(time).append(' ').append(String.format(Locale.ROOT, "%-5s", level)).append(' ')
                .append(record.getString("loggerName", "")).append("  ").append(record.getString("message", "").strip());
        JsonObject exception = record.getJsonObject("exception");
        if (exception != null) {
            text.append(" (").append(exception.getString("exceptionType", "")).append(": ")
                    .append(exception.getString("message", "")).append(')');
        }
        if (!colour) {
            return text.toString();
        }
        int rank = rank(level);
        String colourCode = rank >= rank("ERROR") ? "\u001b[31m" : rank >= rank("WARN") ? "\u001b[33m" : rank < rank("INFO") ? "\u001b[2m" : "";
        return colourCode.isEmpty() ? text.toString() : colourCode + text + RESET;
    }

    /** The last {@code count} lines of {@code file} from byte {@code from} on. */
    public static List<String> tail(Path file, long from, int count) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            // Enough for the last lines of any log of ours, and never more than a few MB read.
            long start = Math.max(from, size - Math.min(4L * 1024 * 1024, 64L * 1024 * Math.max(1, count)));
            ByteBuffer bytes = ByteBuffer.allocate((int) (size - start));
            while (bytes.hasRemaining() && in.read(bytes, start + bytes.position()) > 0) {
                // read on
            }
            bytes.flip();
            String[] lines = StandardCharsets.UTF_8.decode(bytes).toString().split("\n");
            Deque<String> last = new ArrayDeque<>();
            // A partial first line (we started mid-file) is dropped.
            for (int i = start > from ? 1 : 0; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    last.addLast(lines[i]);
                    if (last.size() > count) {
                        last.removeFirst();
                    }
                }
            }
            return List.copyOf(last);
        }
    }

    private static int rank(String level) {
        int index = ORDER.indexOf(level.toUpperCase(Locale.ROOT));
        return index < 0 ? ORDER.indexOf("INFO") : index;
    }
}
