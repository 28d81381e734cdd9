package io.mojave.daemon.runtime.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The channel between a daemonizing {@code init} and its child: a Unix domain socket in a private
 * temporary directory, named to the child in {@value #ENV}. No TCP port is bound by the parent and
 * nothing travels on the command line. Two exchanges, each on its own connection:
 * <ol>
 * <li>before it does anything a user could see, the child says it is waiting and reads the
 * parent's go: the parent may have started it before parsing the command line (see
 * {@link EarlyChild}), and answers only once it has; end-of-file means the parent changed its mind
 * (or died), and the child leaves quietly;</li>
 * <li>the child reports ready (PID and endpoints), or why it could not start.</li>
 * </ol>
 */
public final class Handshake implements AutoCloseable {

    /** Environment variable that names the socket to the child; its presence marks the daemon child. */
    public static final String ENV = "MOJAVE_DAEMON_HANDSHAKE";

    private static final String WAITING = "WAITING";
    private static final String GO = "GO";
    private static final String READY = "READY";
    private static final String FAILED = "FAILED";

    /** How long the child retries while the socket is not bound yet (the parent binds it after starting us). */
    private static final Duration BIND_PATIENCE = Duration.ofSeconds(10);

    private final Path directory;
    private final Path socket;
    private ServerSocketChannel server;
    private boolean closed;

    private Handshake(Path directory, Path socket) {
        this.directory = directory;
        this.socket = socket;
    }

    /** What became of the child. */
    public sealed interface Outcome {
        /** The service runs: its PID and endpoints ("health http://127.0.0.1:9595/health"). */
        record Ready(long pid, List<String> endpoints) implements Outcome {
        }

        /** The child could not start, and said why. */
        record Failed(String message) implements Outcome {
        }

        /** The child exited without a word. */
        record Exited() implements Outcome {
        }

        /** The deadline passed. */
        record TimedOut() implements Outcome {
        }

        /** The user gave up (Ctrl-C). */
        record Cancelled() implements Outcome {
        }
    }

    /**
     * Opens the parent's end: a socket only the current user can reach, in a new private directory.
     * The socket is bound by {@link #listen()}, which can wait until the child is started: Java's
     * Unix sockets take some 20 ms to set up (they seed a SecureRandom), and the child, whose JVM
     * takes far longer to boot, retries until it is there.
     */
    public static Handshake open() throws IOException {
        Path directory = privateDirectory();
        return new Handshake(directory, directory.resolve("ready.sock"));
    }

    /** Binds the socket, unless it is bound already. */
    public synchronized void listen() throws IOException {
        if (closed) {
            throw new IOException("the startup channel " + socket + " is closed");
        }
        if (server == null) {
            ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                bound.bind(UnixDomainSocketAddress.of(socket));
                bound.configureBlocking(false);
            } catch (IOException e) {
                bound.close();
                throw e;
            }
            server = bound;
        }
    }

    /**
     * A new directory under {@code java.io.tmpdir} that only we can enter. Not
     * {@link Files#createTempDirectory}: its SecureRandom costs a JVM that lives a second some 15 ms
     * before the child can start. The name needs to be unique, not secret: mkdir fails rather than
     * take over anything already there, and we try another.
     */
    private static Path privateDirectory() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        String prefix = "mojave-init-" + ProcessHandle.current().pid() + "-";
        for (int attempt = 1; ; attempt++) {
            String name = prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createDirectory(temporary.resolve(name), ownerOnly);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    /** The value of {@value #ENV} for the child. */
    public String address() {
        return socket.toString();
    }

    /** Waits for the child's report, its exit, the deadline or cancellation, whichever comes first. */
    public Outcome await(DaemonChild child, Duration timeout, BooleanSupplier cancelled) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        listen();
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return new Outcome.Cancelled();
                }
                if (selector.select(20) > 0) {
                    selector.selectedKeys().clear();
                    SocketChannel connection = server.accept();
                    Optional<Outcome> outcome = connection == null ? Optional.empty() : read(connection);
                    if (outcome.isPresent()) {
                        return outcome.get();
                    }
                }
                if (!child.isRunning()) {
                    // It may have reported just before it exited.
                    SocketChannel late = server.accept();
                    Optional<Outcome> reported = late != null ? read(late) : Optional.empty();
                    return reported.orElseGet(() -> new Outcome.Exited());
                }
                if (System.nanoTime() - deadline >= 0) {
                    return new Outcome.TimedOut();
                }
            }
        }
    }

    /** The child's report on {@code connection}; nothing (after answering go) when it waits for the go. */
    private static Optional<Outcome> read(SocketChannel connection) throws IOException {
        try (connection) {
            connection.configureBlocking(true);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(Channels.newInputStream(connection), StandardCharsets.UTF_8));
            String line = reader.readLine();
            if (line == null) {
                return Optional.of(new Outcome.Failed("the daemon closed the startup channel without a word"));
            }
            if (line.equals(WAITING)) {
                try {
                    write(connection, GO);
                } catch (IOException childGone) {
                    // its exit is noticed next
                }
                return Optional.empty();
            }
            String[] fields = line.split("\t");
            if (fields[0].equals(READY) && fields.length >= 2) {
                return Optional.of(new Outcome.Ready(Long.parseLong(fields[1]), Arrays.asList(fields).subList(2, fields.length)));
            }
            return Optional.of(new Outcome.Failed(fields.length >= 2 ? fields[1] : "the daemon failed to start"));
        }
    }

    private static void write(SocketChannel channel, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** The child's end, if this process is a daemon child. */
    public static Optional<Reporter> reporter() {
        String address = System.getenv(ENV);
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(new Reporter(Path.of(address)));
    }

    /** Sends the one report a daemon child makes to its parent. */
    public static final class Reporter {
        private final Path socket;

        Reporter(Path socket) {
            this.socket = socket;
        }

        /**
         * Says the child is waiting and blocks until the parent says go: true to go on, false when
         * the parent closed the channel instead (it found the command line wrong or different, or
         * died), and the child must leave without a trace.
         */
        public boolean awaitGo() {
            try (SocketChannel channel = connect()) {
                write(channel, WAITING);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
                return GO.equals(reader.readLine());
            } catch (IOException parentGone) {
                return false;
            }
        }

        /** Reports that the service is ready. */
        public void ready(long pid, List<String> endpoints) throws IOException {
            send(READY + "\t" + pid + (endpoints.isEmpty() ? "" : "\t" + String.join("\t", endpoints.stream().map(Reporter::oneField).toList())));
        }

        /** Reports why the service could not start. */
        public void failed(String message) throws IOException {
            send(FAILED + "\t" + oneField(message));
        }

        private void send(String line) throws IOException {
            try (SocketChannel channel = connect()) {
                write(channel, line);
            }
        }

        /**
         * Connects, retrying while the parent has not bound the socket yet; not once its directory
         * is gone (the parent closed the channel, or died and it was cleaned up).
         */
        private SocketChannel connect() throws IOException {
            long deadline = System.nanoTime() + BIND_PATIENCE.toNanos();
            while (true) {
                try {
                    return SocketChannel.open(UnixDomainSocketAddress.of(socket));
                } catch (IOException notBoundYet) {
                    if (!Files.isDirectory(socket.getParent()) || System.nanoTime() - deadline >= 0) {
                        throw notBoundYet;
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while connecting to " + socket, e);
                }
            }
        }

        private static String oneField(String text) {
            return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ");
        }
    }
}
