package io.mojave.chain.rpc;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import com.sun.management.UnixOperatingSystemMXBean;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * JSON-RPC 2.0 over HTTP POST on a Vert.x server: the body goes to a {@link JsonRpcDispatcher}
 * on a worker thread (methods may block), and its answer comes back as {@code application/json}
 * ({@code 204} when a body held notifications only). Other HTTP methods get {@code 405}, bodies
 * over {@link #MAX_BODY_BYTES} {@code 413}.
 * <p>
 * Connections are bounded, so that idle or slow clients cannot take every file descriptor (and with
 * them the health endpoint's): a connection idle for {@link #IDLE_TIMEOUT_SECONDS} s is closed, one
 * that has not sent a whole request head within {@link #HEADER_TIMEOUT_MS} ms of opening is closed,
 * and beyond {@link #maxConnections()} open connections a new one is closed at once (logged once per
 * episode, not per connection).
 */
public final class JsonRpcHttpServer {

    /** The largest request body accepted, as geth's default. */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    /** Seconds without a byte in either direction after which a connection is closed. */
    public static final int IDLE_TIMEOUT_SECONDS = 60;

    /** Milliseconds a new connection has to send its first request head. */
    public static final long HEADER_TIMEOUT_MS = 10_000;

    /**
     * A JVM property that sets the cap on open connections per listener; by default a quarter of
     * the process's descriptor limit ({@code ulimit -n}), between 16 and 4096: 256 under the usual
     * 1024, leaving the rest to the store, the jars, the log and {@code /health}.
     */
    public static final String MAX_CONNECTIONS_PROPERTY = "mojave.rpc.max-connections";

    private static final Logger LOG = Logger.getLogger(JsonRpcHttpServer.class);

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean atCap = new AtomicBoolean();
    private final int maxConnections = maxConnections();
    /** Connections that have not sent a request head yet, with their header timer. */
    private final Map<HttpConnection, Long> pendingHeaders = new ConcurrentHashMap<>();

    private final Vertx vertx;
    private final JsonRpcDispatcher dispatcher;
    private HttpServer server;

    private JsonRpcHttpServer(Vertx vertx, JsonRpcDispatcher dispatcher) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts a server on {@code host}:{@code port} (0: any free port).
     *
     * @return the server once it listens, or the failure to bind
     */
    public static Future<JsonRpcHttpServer> start(Vertx vertx, String host, int port, JsonRpcDispatcher dispatcher) {
        JsonRpcHttpServer rpc = new JsonRpcHttpServer(vertx, dispatcher);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS)
                // No h2c upgrade sniffing: with it Vert.x makes (and reports) the connection only once bytes
                // arrive, so a client that sends nothing would escape the cap and the header timeout.
                .setHttp2ClearTextEnabled(false));
        server.connectionHandler(rpc::connected);
        server.requestHandler(rpc::handle);
        return server.listen().map(listening -> {
            rpc.server = listening;
            return rpc;
        });
    }

    /** The port it listens on (the real one when started with 0). */
    public int port() {
        return server.actualPort();
    }

    /** Stops listening; requests in flight may still be answered. */
    public Future<Void> close() {
        return server.close();
    }

    /**
     * The cap on open connections: {@link #MAX_CONNECTIONS_PROPERTY}, else a quarter of the
     * descriptor limit, between 16 and 4096.
     */
    public static int maxConnections() {
        String configured = System.getProperty(MAX_CONNECTIONS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(configured.strip()));
            } catch (NumberFormatException e) {
                LOG.warnf("-D%s=%s is not a number; using the default", MAX_CONNECTIONS_PROPERTY, configured);
            }
        }
        long limit = 1024;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            limit = unix.getMaxFileDescriptorCount();
        }
        return (int) Math.max(16, Math.min(4096, limit / 4));
    }

    private void connected(HttpConnection connection) {
        int now = open.incrementAndGet();
        connection.closeHandler(closed -> {
            pendingHeaders.remove(connection);
            if (open.decrementAndGet() < maxConnections / 2 && atCap.compareAndSet(true, false)) {
                LOG.infof("JSON-RPC connections below the cap again (%d open)", open.get());
            }
        });
        if (now > maxConnections) {
            if (atCap.compareAndSet(false, true)) {
                LOG.warnf("JSON-RPC has %d connections open, its cap (-D%s): closing new ones until half of them are gone",
                        maxConnections, MAX_CONNECTIONS_PROPERTY);
            }
            connection.close();
            return;
        }
        // Closed unless a request head arrives in time (a slow-headers client holds a descriptor for nothing).
        long timer = vertx.setTimer(HEADER_TIMEOUT_MS, fired -> {
            if (pendingHeaders.remove(connection) != null) {
                connection.close();
            }
        });
        pendingHeaders.put(connection, timer);
    }

    private void handle(HttpServerRequest request) {
        Long timer = pendingHeaders.remove(request.connection());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            request.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                if (!request.response().ended()) {
                    request.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(done -> {
            if (request.response().ended()) {
                return;
            }
            vertx.executeBlocking(() -> dispatcher.handle(body.toString()), false).onComplete(answer -> {
                if (answer.failed()) {
                    LOG.error("JSON-RPC request failed", answer.cause());
                    request.response().setStatusCode(500).end();
                } else if (answer.result() == null) {
                    request.response().setStatusCode(204).end();
                } else {
                    request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(answer.result());
                }
            });
        });
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
