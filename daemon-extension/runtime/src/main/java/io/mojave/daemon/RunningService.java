package io.mojave.daemon;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A started service, as the daemon runtime sees it. */
public interface RunningService {

    /** What it serves, for the ready line and the log, such as {@code "rpc http://127.0.0.1:8545"}. */
    default List<String> endpoints() {
        return List.of();
    }

    /**
     * Completes when the service ends on its own (a long-running service normally never does);
     * completes exceptionally when it fails, which ends the process with a non-zero status.
     */
    default CompletionStage<Void> termination() {
        return new CompletableFuture<>();
    }

    /**
     * How the service is right now, asked on every {@code GET /health}: keep it cheap (a field read)
     * and never blocking. {@link Health#UP} by default.
     */
    default Health health() {
        return Health.UP;
    }

    /** Stops the service gracefully; called once, on shutdown. */
    void stop() throws Exception;
}
