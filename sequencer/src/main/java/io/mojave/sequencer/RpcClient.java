package io.mojave.sequencer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A JSON-RPC 2.0 client over HTTP POST with the JDK's HttpClient. Calls block the calling thread
 * (the sequencer's own threads, never Vert.x's event loop); {@link #close()} cancels the calls in
 * flight, so a stop never waits for a slow server.
 */
final class RpcClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** The server answered with a JSON-RPC error. */
    static final class RpcError extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;
        private final transient Object data;

        RpcError(int code, String message, Object data) {
            super(message, null, false, false);
            this.code = code;
            this.data = data;
        }

        int code() {
            return code;
        }

        Object data() {
            return data;
        }
    }

    private final URI url;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RpcClient(URI url) {
        this.url = url;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    URI url() {
        return url;
    }

    /**
     * Calls {@code method} with positional {@code params}.
     *
     * @return the result (a JSON value, or null)
     * @throws RpcError the server's JSON-RPC error
     * @throws IOException the server cannot be reached, or answered something that is not JSON-RPC
     */
    Object call(String method, Object... params) throws IOException, RpcError {
        if (closed) {
            throw new IOException("client closed");
        }
        JsonArray array = new JsonArray();
        for (Object param : params) {
            array.add(param);
        }
        long id = ids.incrementAndGet();
        String body = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("method", method).put("params", array).encode();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        inFlight.add(future);
        HttpResponse<String> response;
        try {
            if (closed) {
                future.cancel(true);
            }
            response = future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (CancellationException e) {
            throw new IOException("cancelled: the sequencer is stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            inFlight.remove(future);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        JsonObject answer;
        try {
            answer = new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw new IOException("not a JSON-RPC response from " + url);
        }
        if (answer.getValue("error") instanceof JsonObject error) {
            Object code = error.getValue("code");
            throw new RpcError(code instanceof Number number ? number.intValue() : 0,
                    String.valueOf(error.getValue("message")), error.getValue("data"));
        }
        if (!answer.containsKey("result")) {
            throw new IOException("a JSON-RPC response without result or error from " + url);
        }
        return answer.getValue("result");
    }

    /** Cancels the calls in flight; later calls fail. */
    @Override
    public void close() {
        closed = true;
        inFlight.forEach(future -> future.cancel(true));
    }
}
