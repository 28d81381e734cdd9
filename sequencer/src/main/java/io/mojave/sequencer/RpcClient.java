package io.mojave.sequencer;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A JSON-RPC 2.0 client over HTTP POST with Vert.x's HttpClient, on the application's event loop:
 * no threads, selector or buffers of its own, and no TLS set up unless the URL is
 * {@code https://} (the JDK's HttpClient loads the default SSLContext, with every CA certificate
 * of the JDK, even for plain HTTP). Calls block the calling thread (the sequencer's own threads,
 * never the event loop); {@link #close()} fails the calls in flight, so a stop never waits for a
 * slow server.
 */
final class RpcClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long a call waits for the server's answer (no byte of it for this long fails the call). */
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
    private volatile boolean closed;

    RpcClient(Vertx vertx, URI url) {
        this.url = url;
        // One connection, kept alive: the sequencer's calls to one server are sequential.
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()),
                new PoolOptions().setHttp1MaxSize(1));
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
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .setIdleTimeout(REQUEST_TIMEOUT.toMillis()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        Future<Response> answer = http.request(request)
                .compose(outgoing -> outgoing.send(body))
                .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), bytes)));
        Response response = await(answer);
        if (response.status() != 200) {
            throw new IOException("HTTP " + response.status() + " from " + url);
        }
        return result(response.body());
    }

    private record Response(int status, Buffer body) {
    }

    /** Waits for {@code answer}; a failure becomes an IOException, saying so when we are stopping. */
    private Response await(Future<Response> answer) throws IOException {
        try {
            return answer.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (closed) {
                throw new IOException("cancelled: the sequencer is stopping");
            }
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (CancellationException e) {
            throw new IOException("cancelled: the sequencer is stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private Object result(Buffer body) throws IOException, RpcError {
        JsonObject answer;
        try {
            answer = new JsonObject(body);
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

    /** Fails the calls in flight (closing the connection); later calls fail. */
    @Override
    public void close() {
        closed = true;
        http.close();
    }
}
