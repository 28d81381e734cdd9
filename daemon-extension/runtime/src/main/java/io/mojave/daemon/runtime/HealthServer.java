package io.mojave.daemon.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.Health;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /health}: {@code 503 {"status":"DOWN"}} while the service starts or stops; once it
 * runs, what the service says of itself ({@link Health}): {@code 200 {"status":"UP"}}, {@code 200
 * {"status":"DEGRADED","reason":...}} or {@code 503 {"status":"DOWN","reason":...}}, with its
 * {@code version} and labelled {@code endpoints} ({@code {"rpc":"http://..."}}), which
 * {@code status} shows. A Vert.x server opened from the parsed options,
 * not Quarkus' HTTP server (which would bind at boot, in every process).
 */
public final class HealthServer {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final String host;
    private static final Supplier<Health> STARTING_OR_STOPPING = () -> Health.down("starting or stopping");

    private volatile Supplier<Health> health = STARTING_OR_STOPPING;
    private volatile JsonObject identity = new JsonObject();

    private HealthServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Listens on {@code host:port} (port 0: any free port), answering DOWN until {@link #markUp}. */
    public static HealthServer start(Vertx vertx, String host, int port) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        HealthServer health = new HealthServer(server, host);
        // Loads the JSON classes now: under a flood of connections the descriptor table may be full
        // when /health must answer, and a jar not opened yet could not be opened then.
        new JsonObject().put("status", "DOWN").put("reason", "-").mergeIn(new JsonObject().put("endpoints", new JsonObject())).encode();
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
        Health now = current();
        JsonObject body = new JsonObject().put("status", now.status());
        if (!(now instanceof Health.Up)) {
            body.put("reason", now.reason());
        }
        body.mergeIn(identity);
        request.response()
                .setStatusCode(now instanceof Health.Down ? 503 : 200)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    private Health current() {
        try {
            Health now = health.get();
            return now == null ? Health.UP : now;
        } catch (RuntimeException e) {
            return Health.down("the health check failed: " + e);
        }
    }

    /**
     * From now on, {@code /health} answers what {@code service} says of itself, with its
     * {@code version} and {@code endpoints} ({@code "rpc http://..."}: label, then address).
     */
    public void markUp(Supplier<Health> service, String version, List<String> endpoints) {
        JsonObject labelled = new JsonObject();
        for (String endpoint : endpoints) {
            int space = endpoint.indexOf(' ');
            labelled.put(space < 0 ? endpoint : endpoint.substring(0, space), space < 0 ? "" : endpoint.substring(space + 1));
        }
        identity = new JsonObject().put("version", version).put("endpoints", labelled);
        health = service;
    }

    /** From now on, {@code /health} answers DOWN. */
    public void markDown() {
        health = STARTING_OR_STOPPING;
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
