package io.mojave.daemon.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A stand-in daemon for tests: takes the lifetime lock on a PID file the way the daemon runtime
 * does, writes its PID, prints {@code locked}, and sleeps until killed. Start it with SIGINT
 * ignored ({@code env --ignore-signal=INT}) to play a daemon that does not stop on SIGINT.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.lock();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
        // --listen: also take connections on a loopback port and never answer, as a frozen daemon would
        ServerSocket silent = args.length > 1 && args[1].equals("--listen")
                ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress()) : null;
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        if (silent != null) {
            silent.close(); // kept open until here: the port must stay bound
        }
    }

    /** The command line that runs this class on the test's JVM and class path, with {@code options} ({@code --listen}). */
    public static List<String> command(Path pidFile, String... options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), pidFile.toString()));
        command.addAll(List.of(options));
        return command;
    }
}
