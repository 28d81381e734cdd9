package io.mojave.daemon.os;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A daemon's stdout, which is its log file. {@link System#out}'s own stream drops what it cannot
 * write (a full disk, a quota) without a word; this one counts the lines it loses and, once a line
 * can be written again, tells {@code onResumed} how many, so that the log itself says what is
 * missing. A record cut short by the failure is removed, so that every line stays whole JSON.
 */
public final class LogFileOutput extends OutputStream {

    /**
     * What a run of failed writes lost.
     *
     * @param lines how many lines could not be written
     * @param since when the first of them failed
     * @param until when writing worked again
     * @param cause why the last of them failed
     */
    public record Loss(long lines, Instant since, Instant until, String cause) {
    }

    /** The file descriptor 1 leads to, opened anew: the log, whatever SIGHUP's reopening made of it. */
    private static final Path STDOUT_FILE = Path.of("/proc/self/fd/1");

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final Consumer<Loss> onResumed;
    private long lostLines;
    private Instant since;
    private String cause;
    /** A failed write left a line without its end in the file: end it before the next one. */
    private boolean lineOpen;

    private LogFileOutput(Consumer<Loss> onResumed) {
        this.onResumed = onResumed;
    }

    /**
     * Makes {@link System#out} this stream, before any log handler takes it.
     *
     * @param onResumed told of each loss once writing works again, on a thread of its own (it may log)
     */
    public static void install(Consumer<Loss> onResumed) {
        System.setOut(new PrintStream(new LogFileOutput(onResumed), true));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            if (lineOpen) {
                out.write('\n');
                lineOpen = false;
            }
            out.write(bytes, offset, length);
        } catch (IOException e) {
            lostLines += newlines(bytes, offset, length);
            if (since == null) {
                since = Instant.now();
            }
            cause = e.getMessage();
            lineOpen = !removeCutLine(length);
            throw e; // the PrintStream above marks itself in trouble, as it would have anyway
        }
        if (lostLines > 0) {
            Loss loss = new Loss(lostLines, since, Instant.now(), cause);
            lostLines = 0;
            since = null;
            try {
                // not here: whoever logs it would write through this very stream, inside this write
                CompletableFuture.runAsync(() -> onResumed.accept(loss));
            } catch (RuntimeException | OutOfMemoryError noThread) {
                // no thread to be had now (a process limit): keep the count for the next line written
                lostLines = loss.lines();
                since = loss.since();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Removes what a failed write of {@code attempted} bytes left of its line at the log's end, if
     * that is all there is after the last line end: at most {@code attempted} bytes, nothing older.
     *
     * @return whether the log ends with a whole line now
     */
    private static boolean removeCutLine(int attempted) {
        try (FileChannel log = FileChannel.open(STDOUT_FILE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = log.size();
            int tailLength = (int) Math.min(size, attempted);
            ByteBuffer tail = ByteBuffer.allocate(tailLength);
            while (tail.hasRemaining() && log.read(tail, size - tailLength + tail.position()) > 0) {
                // reads the tail whole
            }
            if (tail.hasRemaining()) {
                return false;
            }
            int lastNewline = tailLength - 1;
            while (lastNewline >= 0 && tail.get(lastNewline) != '\n') {
                lastNewline--;
            }
            if (lastNewline == tailLength - 1) {
                return true;
            }
            if (lastNewline < 0 && tailLength < size) {
                return false; // the line began before this write: not ours alone to cut
            }
            log.truncate(size - tailLength + lastNewline + 1);
            return true;
        } catch (IOException e) {
            return false; // no descriptor left, say: end the cut line with the next write instead
        }
    }

    private static long newlines(byte[] bytes, int offset, int length) {
        long count = 0;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
