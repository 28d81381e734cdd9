package io.mojave.daemon.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running daemon's health endpoint how it is, from outside: {@code GET /health} on each
 * address the process listens on, until one answers as a health endpoint does
 * ({@code {"status":...}}). A daemon that holds its PID file's lock but answers on none of them
 * in time is alive but not responding (frozen, or stuck).
 */
public final class HealthProbe {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private HealthProbe() {
    }

    /** What the probe found. */
    public sealed interface Verdict {
        /** A health endpoint answered with {@code status} ({@code UP}, {@code DOWN}, ...). */
        record Answered(String url, String status) implements Verdict {
        }

        /** At least one address took the connection but said nothing within the time allowed. */
        record Silent(String address) implements Verdict {
        }

        /** No address is a health endpoint (or the process listens on none). */
        record NoEndpoint() implements Verdict {
        }
    }

    /** Probes {@code listening} ({@code 127.0.0.1:9595}, {@code [::1]:8545}), each within {@code timeout}. */
    public static Verdict probe(List<String> listening, Duration timeout) {
        Optional<String> silent = Optional.empty();
        for (String address : listening) {
            String url = "http://" + reachable(address) + "/health";
            try {
                Optional<String> status = get(url, timeout);
                if (status.isPresent()) {
                    return new Verdict.Answered(url, status.get());
                }
            } catch (SocketTimeoutException e) {
                silent = Optional.of(url);
            } catch (IOException | IllegalArgumentException notHealth) {
                // refused, reset, not HTTP: not the health endpoint
            }
        }
        return silent.<Verdict>map(Verdict.Silent::new).orElseGet(Verdict.NoEndpoint::new);
    }

    /** A wildcard address is reached through loopback. */
    private static String reachable(String address) {
        if (address.startsWith("0.0.0.0:")) {
            return "127.0.0.1" + address.substring(7);
        }
        if (address.startsWith("[::]:")) {
            return "[::1]" + address.substring(4);
        }
        return address;
    }

    private static Optional<String> get(String url, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        try {
            int code = connection.getResponseCode();
            if (code != 200 && code != 503) {
                return Optional.empty();
            }
            try (InputStream body = code == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readNBytes(4096), StandardCharsets.UTF_8);
                Matcher matcher = STATUS.matcher(text);
                return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
            }
        } finally {
            connection.disconnect();
        }
    }
}
