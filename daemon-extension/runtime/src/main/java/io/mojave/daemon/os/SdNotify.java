package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The systemd notification protocol ({@code sd_notify}): datagrams of {@code KEY=VALUE} lines to
 * the {@code AF_UNIX} socket named by {@code NOTIFY_SOCKET}, sent directly rather than by forking
 * {@code systemd-notify}.
 */
public final class SdNotify {

    /** The environment variable systemd sets for {@code Type=notify} services. */
    public static final String ENV = "NOTIFY_SOCKET";

    private final String socket;
    private final Posix posix;

    private SdNotify(String socket, Posix posix) {
        this.socket = socket;
        this.posix = posix;
    }

    /** The notifier, if this process was started with {@value #ENV} set. */
    public static Optional<SdNotify> fromEnvironment() {
        String socket = System.getenv(ENV);
        return socket == null || socket.isBlank() ? Optional.empty() : Optional.of(new SdNotify(socket, Posix.get()));
    }

    /** {@code READY=1}, with this process as the main PID and a status line. */
    public void ready(String status) throws IOException {
        send("READY=1\nSTATUS=" + oneLine(status) + "\nMAINPID=" + ProcessHandle.current().pid() + "\n");
    }

    /** {@code STOPPING=1}, with a status line. */
    public void stopping(String status) throws IOException {
        send("STOPPING=1\nSTATUS=" + oneLine(status) + "\n");
    }

    private void send(String message) throws IOException {
        posix.sendDatagram(socket, message.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
