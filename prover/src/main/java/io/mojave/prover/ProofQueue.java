package io.mojave.prover;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.JsonObject;

/**
 * The bounded queue of proof jobs and the single worker thread that proves them, oldest first, off
 * the event loop. A job is in the {@link JobStore} (synced) before {@link #submit} returns its id,
 * and stays queued until its proof is stored, so no accepted job is lost to a stop, a crash or a
 * SIGKILL: the jobs left pending are resumed by the next start.
 */
final class ProofQueue {

    private static final Logger LOG = Logger.getLogger(ProofQueue.class);

    /** What {@link #submit} refuses with when {@code capacity} jobs are pending. */
    static final class QueueFull extends Exception {
        private static final long serialVersionUID = 1L;

        QueueFull(long pending) {
            super("queue full: " + pending + (pending == 1 ? " job" : " jobs") + " pending, retry later", null, false, false);
        }
    }

    /** What {@link #submit} and {@link #status} refuse with once the prover is stopping. */
    static final class Stopping extends Exception {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super("the prover is stopping, retry later", null, false, false);
        }
    }

    /**
     * What {@link #submit} refuses with when the batch's range was accepted before with other block
     * hashes: a range is proved once, for the hashes first accepted.
     */
    static final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String id) {
            super("blocks " + id + " were accepted before with other block hashes; a range is proved once, "
                    + "for the hashes first accepted (mojave_getProof(\"" + id + "\") shows them)", null, false, false);
        }
    }

    private final JobStore store;
    private final CommitmentProver prover;
    private final int capacity;
    private final Duration proofDelay;
    private static final Duration STORE_RETRY = Duration.ofMillis(500);

    private final CompletableFuture<Void> failure = new CompletableFuture<>();
    private final Thread worker;
    private boolean stopping;

    /**
     * @param capacity how many jobs may be pending (waiting or being proved) at once
     * @param proofDelay how long each proof takes at least (zero but in tests, which need to watch a queue fill)
     */
    ProofQueue(JobStore store, CommitmentProver prover, int capacity, Duration proofDelay) {
        this.store = store;
        this.prover = prover;
        this.capacity = capacity;
        this.proofDelay = proofDelay;
        this.worker = new Thread(this::work, "mojave-prover-worker");
        this.worker.setDaemon(true);
    }

    /** Starts the worker, which first resumes the jobs a previous run left pending. */
    void start() {
        synchronized (this) {
            long resumed = store.pendingCount();
            if (resumed > 0) {
                LOG.infof("Resuming %d pending proof job(s)", resumed);
            }
        }
        worker.start();
    }

    /**
     * Accepts {@code batch}: its job id once the job is stored durably, or the id of the job that
     * already has this batch's range (which is not proved again).
     *
     * @throws QueueFull when {@code capacity} jobs are pending
     * @throws Conflict when the range was accepted before with other block hashes
     * @throws Stopping once {@link #stop()} was called
     */
    synchronized String submit(Batch batch) throws QueueFull, Conflict, Stopping {
        if (stopping) {
            throw new Stopping();
        }
        String id = batch.jobId();
        Optional<Batch> known = store.batch(id);
        if (known.isPresent()) {
            if (!known.get().blockHashes().equals(batch.blockHashes())) {
                throw new Conflict(id);
            }
            return id;
        }
        long pending = store.pendingCount();
        if (pending >= capacity) {
            throw new QueueFull(pending);
        }
        store.accept(batch);
        LOG.infof("Accepted proof job %s (%d block(s))", id, batch.blockHashes().size());
        notifyAll();
        return id;
    }

    /** The state of job {@code id}: {@code pending}, or {@code done} with its proof; empty if unknown. */
    synchronized Optional<JsonObject> status(String id) throws Stopping {
        if (stopping) {
            throw new Stopping();
        }
        Optional<JsonObject> proof = store.proof(id);
        if (proof.isPresent()) {
            return Optional.of(new JsonObject().put("id", id).put("status", "done").put("proof", proof.get()));
        }
        return store.batch(id).map(batch -> new JsonObject().put("id", id).put("status", "pending"));
    }

    /** Completes exceptionally if the worker fails (the store cannot be written, say). */
    CompletableFuture<Void> failure() {
        return failure;
    }

    /**
     * Stops the worker and refuses further calls, after which the store may be closed; a job being proved stays pending, for the next start. The worker is woken,
     * never interrupted: an interrupt during a write would close the store's file channel.
     */
    void stop() throws InterruptedException {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        worker.join(Duration.ofSeconds(10).toMillis());
    }

    private void work() {
        try {
            while (true) {
                Map.Entry<String, Batch> job;
                try {
                    job = nextJob();
                } catch (DurableStore.Unavailable e) {
                    // the store logs its failure once and recovers by itself; the jobs stay queued
                    LOG.debugf("The proof worker waits for the store: %s", e.getMessage());
                    synchronized (this) {
                        if (!pause(STORE_RETRY)) {
                            return;
                        }
                    }
                    continue;
                }
                if (job == null) {
                    return;
                }
                JsonObject proof = prover.prove(job.getValue());
                if (!storeProof(job.getKey(), proof)) {
                    return;
                }
                LOG.infof("Proved job %s: commitment %s", job.getKey(), proof.getString("commitment"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The proof worker failed; pending jobs stay queued for the next start", e);
            failure.completeExceptionally(e);
        }
    }

    /** The oldest pending job once there is one and the proof delay has passed; null if asked to stop first. */
    private synchronized Map.Entry<String, Batch> nextJob() throws InterruptedException {
        while (!stopping && store.pendingCount() == 0) {
            wait();
        }
        if (stopping) {
            return null;
        }
        Map.Entry<String, Batch> job = store.oldestPending().orElseThrow();
        return pause(proofDelay) ? job : null;
    }

    /**
     * Stores {@code proof}, waiting while the store cannot write (it logs that once and recovers by
     * itself); false if asked to stop first, the job then stays pending for the next start.
     */
    private synchronized boolean storeProof(String id, JsonObject proof) throws InterruptedException {
        while (true) {
            try {
                store.complete(id, proof);
                return true;
            } catch (DurableStore.Unavailable e) {
                LOG.debugf("Proof of job %s waits for the store: %s", id, e.getMessage());
                if (!pause(STORE_RETRY)) {
                    return false;
                }
            }
        }
    }

    /** Waits {@code delay} (releasing the lock) unless asked to stop; false if asked to stop. */
    private boolean pause(Duration delay) throws InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
        return !stopping;
    }
}
