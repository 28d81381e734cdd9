package io.mojave.prover;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.mojave.chain.BlockSigner;
import io.mojave.chain.rpc.JsonRpcHttpServer;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.Health;
import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/**
 * The prover's own work, started by the daemon runtime once the PID file is held and
 * {@code /health} listens: the job store in {@code <datadir>/prover/}, the worker that proves the
 * queued jobs (resuming those a previous run left pending), and the JSON-RPC API on
 * {@code --prover.host}:{@code --prover.port}. The proofs are commitments that stand in for
 * zero-knowledge proofs; see {@link CommitmentProver}.
 */
final class ProverService implements RunningService {

    private static final Logger LOG = Logger.getLogger(ProverService.class);
    private static final long TIMEOUT_SECONDS = 30;

    /**
     * A JVM property (hidden, for tests) that makes each proof take at least this long, such as
     * {@code -Dmojave.prover.proof-delay=500ms}, so that a test can watch the queue fill. It passes
     * the daemon child's JVM option allow-list, like every {@code -Dmojave.*}.
     */
    static final String PROOF_DELAY_PROPERTY = "mojave.prover.proof-delay";

    private final JobStore store;
    private final ProofQueue queue;
    private final JsonRpcHttpServer rpc;
    private final String apiUrl;

    private ProverService(JobStore store, ProofQueue queue, JsonRpcHttpServer rpc, String apiUrl) {
        this.store = store;
        this.queue = queue;
        this.rpc = rpc;
        this.apiUrl = apiUrl;
    }

    static RunningService start(ServiceContext context, ProverSettings settings) throws Exception {
        Duration proofDelay = proofDelay();
        Path directory = context.stateDirectory("prover");
        JobStore store;
        try {
            store = JobStore.open(directory);
        } catch (Exception e) {
            throw new DaemonException.StartupFailed("cannot open the job store in " + directory + ": " + e.getMessage(), e);
        }
        Optional<BlockSigner> signer = Optional.ofNullable(settings.privateKey()).map(key -> new BlockSigner(key.bytes()));
        CommitmentProver prover = new CommitmentProver(signer, settings.alignedMode());
        ProofQueue queue = new ProofQueue(store, prover, settings.queueCapacity(), proofDelay);
        queue.start();
        JsonRpcHttpServer rpc;
        try {
            rpc = JsonRpcHttpServer.start(context.vertx(), settings.host(), settings.port(), ProverRpcMethods.dispatcher(queue))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            queue.stop();
            store.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new DaemonException.StartupFailed("cannot listen on " + settings.host() + ":" + settings.port()
                    + " for the prover's API: " + cause.getMessage(), cause);
        }
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        String url = "http://" + host + ":" + rpc.port();
        LOG.infof("Prover API (JSON-RPC) on %s, queue capacity %d, %s%s", url, settings.queueCapacity(), prover,
                proofDelay.isZero() ? "" : ", proof delay " + proofDelay.toMillis() + " ms");
        return new ProverService(store, queue, rpc, url);
    }

    /** The hidden test delay of {@link #PROOF_DELAY_PROPERTY}, zero when unset. */
    private static Duration proofDelay() {
        String value = System.getProperty(PROOF_DELAY_PROPERTY);
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return new DurationConverter().convert(value);
        } catch (RuntimeException e) {
            throw new DaemonException.StartupFailed("-D" + PROOF_DELAY_PROPERTY + "=" + value + " is not a duration: "
                    + e.getMessage());
        }
    }

    @Override
    public List<String> endpoints() {
        return List.of("api " + apiUrl);
    }

    /**
     * DOWN while jobs cannot be stored (a full disk, say): requests are refused with -32002 and
     * nothing unsynced is acknowledged; it recovers by itself once the store can write.
     */
    @Override
    public Health health() {
        return store.problem().map(reason -> Health.down("cannot store jobs: " + reason)).orElse(Health.UP);
    }

    @Override
    public CompletionStage<Void> termination() {
        return queue.failure();
    }

    @Override
    public void stop() throws Exception {
        try {
            rpc.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            try {
                queue.stop();
            } finally {
                store.close();
                LOG.debug("Prover service stopped");
            }
        }
    }
}
