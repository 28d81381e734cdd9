package io.mojave.prover;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.h2.mvstore.MVMap;

import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.JsonObject;

/**
 * The prover's jobs, in H2's MVStore under {@code <datadir>/prover/}: every accepted batch by job
 * id, the queue of jobs not yet proved (by acceptance order), and the finished proofs(). Each write
 * is committed and synced to disk before it returns, so an accepted job survives a SIGKILL or a
 * power cut; a failed write is rolled back. Not thread-safe: {@link ProofQueue} serializes access.
 */
final class JobStore implements AutoCloseable {

    /** The store's file name inside its directory. */
    static final String FILE_NAME = "jobs().mv.db";

    private final DurableStore store;

    private JobStore(DurableStore store) {
        this.store = store;
    }

    private MVMap<String, String> jobs() {
        return store.map("jobs");
    }

    private MVMap<Long, String> pending() {
        return store.map("pending");
    }

    private MVMap<String, String> proofs() {
        return store.map("proofs");
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    static JobStore open(Path directory) throws IOException {
        return new JobStore(DurableStore.open(directory, FILE_NAME));
    }

    /** The batch of job {@code id}, if it was ever accepted. */
    Optional<Batch> batch(String id) {
        return Optional.ofNullable(jobs().get(id)).map(json -> Batch.fromJson(new JsonObject(json).getJsonObject("batch")));
    }

    /** The proof of job {@code id}, if it is done. */
    Optional<JsonObject> proof(String id) {
        return Optional.ofNullable(proofs().get(id)).map(JsonObject::new);
    }

    /** How many accepted jobs are not proved yet. */
    long pendingCount() {
        return pending().sizeAsLong();
    }

    /** The oldest job not proved yet: its id and batch. */
    Optional<Map.Entry<String, Batch>> oldestPending() {
        Long first = pending().firstKey();
        if (first == null) {
            return Optional.empty();
        }
        String id = pending().get(first);
        return Optional.of(Map.entry(id, batch(id).orElseThrow(
                () -> new IllegalStateException("pending job " + id + " has no batch in the store"))));
    }

    /** Stores {@code batch} as a new job at the end of the queue; durable on return. */
    void accept(Batch batch) {
        String id = batch.jobId();
        long seq = jobs().sizeAsLong();
        store.write(() -> {
            jobs().put(id, new JsonObject().put("seq", seq).put("batch", batch.toJson()).encode());
            pending().put(seq, id);
        });
    }

    /** Stores the proof of job {@code id} and takes the job off the queue; durable on return. */
    void complete(String id, JsonObject proof) {
        long seq = new JsonObject(jobs().get(id)).getLong("seq");
        store.write(() -> {
            proofs().put(id, proof.encode());
            pending().remove(seq);
        });
    }

    /** Why the store cannot be written now, if it cannot. */
    Optional<String> problem() {
        return store.problem();
    }

    @Override
    public void close() {
        store.close();
    }
}
