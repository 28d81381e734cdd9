package io.mojave.daemon.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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

import io.mojave.daemon.ServiceDescriptor;

/**
 * The channel between a daemonizing {@code init} and its child: a Unix domain socket in a private
 * temporary directory, named to the child in the environment variable {@code <PREFIX>_<NAME>_}{@value #ENV_SUFFIX}. No TCP port is bound by the parent and
 * nothing travels on the command line. The child reports once: why it could not start, or that it
 * is ready (PID and endpoints). A ready child then waits for the parent's acknowledgement, sent
 * once the parent has printed that the daemon started, or for the end of the connection, which the
 * kernel closes when the parent dies: a child whose {@code init} is gone before it said so (killed
 * by any signal, SIGKILL included) stops itself, so a daemon keeps running only if its
 * {@code init} printed that it started. A parent that is merely stopped (Ctrl-Z) is waited for.
 */
public final class Handshake implements AutoCloseable {

    /** The environment variable that names the socket to the child (after the app's prefix); its presence marks the daemon child. */
    public static final String ENV_SUFFIX = "DAEMON_HANDSHAKE";

    private static final String READY = "READY";
    private static final String FAILED = "FAILED";
    private static final String ACKNOWLEDGED = "OK";

    /** How long the child retries while the socket is not bound yet (the parent binds it after starting us). */
    private static final Duration BIND_PATIENCE = Duration.ofSeconds(10);
    /** How long the child retries a bound socket that refuses: a parent binding it now accepts within this. */
    private static final Duration REFUSED_PATIENCE = Duration.ofSeconds(1);

    private final Path directory;
    private final Path socket;
    private ServerSocketChannel server;
    private SocketChannel readyConnection;
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

    /** The value of the environment variable {@code <PREFIX>_<NAME>_}{@value #ENV_SUFFIX} for the child. */
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
                    if (connection != null) {
                        return read(connection);
                    }
                }
                if (!child.isRunning()) {
                    // It may have reported just before it exited.
                    SocketChannel late = server.accept();
                    return late != null ? read(late) : new Outcome.Exited();
                }
                if (System.nanoTime() - deadline >= 0) {
                    return new Outcome.TimedOut();
                }
            }
        }
    }

    /** The child's report on {@code connection}; a ready child's connection stays open for {@link #acknowledge()}. */
    private Outcome read(SocketChannel connection) throws IOException {
        connection.configureBlocking(true);
        // One byte at a time: a buffered reader could take more than the line, and there is no more.
        String line = readLine(connection);
        String[] fields = line == null ? new String[0] : line.split("\t");
        if (fields.length >= 2 && fields[0].equals(READY)) {
            synchronized (this) {
                readyConnection = connection;
            }
            return new Outcome.Ready(Long.parseLong(fields[1]), Arrays.asList(fields).subList(2, fields.length));
        }
        connection.close();
        if (line == null) {
            return new Outcome.Failed("the daemon closed the startup channel without a word");
        }
        return new Outcome.Failed(fields.length >= 2 ? fields[1] : "the daemon failed to start");
    }

    /**
     * Tells a ready child that its start has been reported: from now on it runs on its own. Until
     * then, a child whose parent is gone stops itself.
     */
    public synchronized void acknowledge() throws IOException {
        if (readyConnection != null) {
            try (SocketChannel connection = readyConnection) {
                write(connection, ACKNOWLEDGED);
            } finally {
                readyConnection = null;
            }
        }
    }

    private static String readLine(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
            }
            if (one.get(0) == '\n') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(one.get(0));
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
            if (readyConnection != null) {
                readyConnection.close(); // not acknowledged: the child stops itself
            }
            if (server != null) {
                server.close();
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    /** The child's end, if this process is a daemon child of {@code service}'s. */
    public static Optional<Reporter> reporter(ServiceDescriptor service) {
        String address = System.getenv(service.internalVariable(ENV_SUFFIX));
        return address == null || address.isBlank() ? Optional.empty() : Optional.of(new Reporter(Path.of(address)));
    }

    /** Sends the one report a daemon child makes to its parent. */
    public static final class Reporter {
        private final Path socket;

        Reporter(Path socket) {
            this.socket = socket;
        }

        /**
         * Reports that the service is ready and waits for the parent's acknowledgement that it told
         * the user so.
         *
         * @throws IOException if the parent is gone before it acknowledged: the daemon must stop
         */
        public void ready(long pid, List<String> endpoints) throws IOException {
            try (SocketChannel channel = connect()) {
                write(channel, READY + "\t" + pid
                        + (endpoints.isEmpty() ? "" : "\t" + String.join("\t", endpoints.stream().map(Reporter::oneField).toList())));
                if (!ACKNOWLEDGED.equals(readLine(channel))) {
                    throw new IOException("the init that started this daemon is gone before it reported the start");
                }
            } catch (IOException e) {
                removeChannel();
                throw e;
            }
        }

        /** Removes the socket and its directory that a parent killed outright left behind. */
        private void removeChannel() {
            try {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(socket.getParent());
            } catch (IOException | RuntimeException ignored) {
                // another user's, or not empty: leave it
            }
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
         * Connects, retrying while the parent has not bound the socket yet; only briefly once the
         * socket exists but refuses (its parent is gone, or binds it this very moment), and not at
         * all once its directory is gone (the parent closed it).
         */
        private SocketChannel connect() throws IOException {
            long deadline = System.nanoTime() + BIND_PATIENCE.toNanos();
            long refusedSince = 0;
            while (true) {
                try {
                    return SocketChannel.open(UnixDomainSocketAddress.of(socket));
                } catch (IOException notBoundYet) {
                    if (Files.exists(socket) && refusedSince == 0) {
                        refusedSince = System.nanoTime();
                    }
                    boolean refusedTooLong = refusedSince != 0 && System.nanoTime() - refusedSince > REFUSED_PATIENCE.toNanos();
                    if (refusedTooLong || !Files.isDirectory(socket.getParent()) || System.nanoTime() - deadline >= 0) {
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
