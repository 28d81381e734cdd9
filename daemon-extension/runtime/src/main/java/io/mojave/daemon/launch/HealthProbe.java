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

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Asks a running daemon's health endpoint how it is, from outside: {@code GET /health} on each
 * address the process listens on, until one answers as a health endpoint does
 * ({@code {"status":...}}). A daemon that holds its PID file's lock but answers on none of them
 * in time is alive but not responding (frozen, or stuck).
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    /** What the probe found. */
    public sealed interface Verdict {
        /** A health endpoint answered: its {@code status} ({@code UP}, {@code DEGRADED}, {@code DOWN}) and the rest of what it said. */
        record Answered(String url, JsonObject body) implements Verdict {
            /** {@code UP}, {@code DEGRADED} or {@code DOWN}. */
            public String status() {
                return body.getString("status");
            }

            /** Why it is not up; empty when it is. */
            public String reason() {
                return body.getString("reason", "");
            }

            /** The running daemon's version, if it said. */
            public String version() {
                return body.getString("version", "");
            }

            /** Its endpoints by label ({@code rpc}, {@code health}), if it said. */
            public JsonObject endpoints() {
                JsonObject endpoints = body.getJsonObject("endpoints");
                return endpoints == null ? new JsonObject() : endpoints;
            }
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
                Optional<JsonObject> body = get(url, timeout);
                if (body.isPresent()) {
                    return new Verdict.Answered(url, body.get());
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

    private static Optional<JsonObject> get(String url, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout((int) timeout.toMillis());
        connection.setReadTimeout((int) timeout.toMillis());
        try {
            int code = connection.getResponseCode();
            if (code != 200 && code != 503) {
                return Optional.empty();
            }
            try (InputStream in = code == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = in == null ? "" : new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                JsonObject body = new JsonObject(text);
                return body.getValue("status") instanceof String ? Optional.of(body) : Optional.empty();
            } catch (DecodeException notJson) {
                return Optional.empty();
            }
        } finally {
            connection.disconnect();
        }
    }
}
