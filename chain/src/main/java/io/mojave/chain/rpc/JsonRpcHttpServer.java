package io.mojave.chain.rpc;

import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
 */
public final class JsonRpcHttpServer {

    /** The largest request body accepted, as geth's default. */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(JsonRpcHttpServer.class);

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
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
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

    private void handle(HttpServerRequest request) {
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
