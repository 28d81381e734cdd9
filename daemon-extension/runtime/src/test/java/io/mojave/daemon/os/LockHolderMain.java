package io.mojave.daemon.os;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a separate JVM by the tests: takes an exclusive POSIX record lock on a file, as a daemon
 * holds its PID file, prints {@code locked <pid>} and holds it until it is killed or until the test
 * JVM goes away (its stdin reaches EOF), so that a crashed test run leaves no holder behind.
 *
 * <p>Arguments: {@code <file> [--write-pid] [--hold-millis N]}. With {@code --write-pid} it writes
 * its PID into the locked file, like a daemon; with {@code --hold-millis} it releases the lock and
 * exits after that long, like a stale-file cleanup holding the lock for an instant.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean writePid = false;
        long holdMillis = -1;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--write-pid")) {
                writePid = true;
            } else if (args[i].equals("--hold-millis")) {
                holdMillis = Long.parseLong(args[++i]);
            }
        }
        long pid = ProcessHandle.current().pid();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.lock();
            if (writePid) {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(true);
            }
            System.out.println("locked " + pid);
            System.out.flush();
            if (holdMillis >= 0) {
                Thread.sleep(holdMillis);
                return;
            }
            while (System.in.read() != -1) {
                // hold the lock until killed or until our parent's end of the pipe closes
            }
        }
    }
}
