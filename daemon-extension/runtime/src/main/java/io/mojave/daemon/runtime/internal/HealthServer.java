package io.mojave.daemon.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mojave.daemon.DaemonException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /health}: {@code 200 {"status":"UP"}} while the service runs, {@code 503
 * {"status":"DOWN"}} while it starts or stops. A Vert.x server opened from the parsed options,
 * not Quarkus' HTTP server (which would bind at boot, in every process).
 */
public final class HealthServer {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final String host;
    private volatile boolean up;

    private HealthServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Listens on {@code host:port} (port 0: any free port), answering DOWN until {@link #markUp()}. */
    public static HealthServer start(Vertx vertx, String host, int port) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        HealthServer health = new HealthServer(server, host);
        server.requestHandler(health::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            String reason = e.getCause() == null ? e.toString() : e.getCause().getMessage();
            throw new DaemonException.StartupFailed("cannot listen on " + host + ":" + port + " for /health: " + reason
                    + " (choose another port with --health.port)", e.getCause());
        } catch (TimeoutException e) {
            throw new DaemonException.StartupFailed("binding " + host + ":" + port + " for /health took longer than " + BIND_TIMEOUT.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException.StartupFailed("interrupted while binding " + host + ":" + port);
        }
        return health;
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/health")) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        request.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    /** From now on, {@code /health} answers UP. */
    public void markUp() {
        up = true;
    }

    /** From now on, {@code /health} answers DOWN. */
    public void markDown() {
        up = false;
    }

    /** The URL of the endpoint, with the port actually bound. */
    public String url() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + server.actualPort() + "/health";
    }

    /** Stops listening, waiting at most {@code timeout}. */
    public void close(Duration timeout) throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
