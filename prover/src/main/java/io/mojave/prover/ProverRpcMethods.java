package io.mojave.prover;

import io.mojave.chain.rpc.JsonRpcDispatcher;
import io.mojave.chain.rpc.JsonRpcException;
import io.mojave.chain.rpc.JsonRpcParams;

/**
 * The prover's JSON-RPC methods: {@code mojave_requestProof(batch)}, by which the sequencer hands
 * over a batch, and {@code mojave_getProof(id)}.
 */
final class ProverRpcMethods {

    /** "Limit exceeded" (EIP-1474): the queue is full, retry later. */
    static final int QUEUE_FULL = -32005;
    /** "Resource not found" (EIP-1474): no job has this id. */
    static final int NOT_FOUND = -32001;
    /** The range was accepted before with other block hashes (ours: EIP-1474 has no such code). */
    static final int CONFLICTING_BATCH = -32006;

    private final ProofQueue queue;

    private ProverRpcMethods(ProofQueue queue) {
        this.queue = queue;
    }

    /** A dispatcher with the prover's methods on {@code queue}. */
    static JsonRpcDispatcher dispatcher(ProofQueue queue) {
        ProverRpcMethods methods = new ProverRpcMethods(queue);
        return new JsonRpcDispatcher()
                .register("mojave_requestProof", methods::requestProof)
                .register("mojave_getProof", methods::getProof);
    }

    /**
     * {@code mojave_requestProof(batch)}: the job id once the job is stored durably (the same id,
     * and no second proof, for a batch whose range was accepted before); -32602 for a malformed
     * batch; -32005 "queue full" when {@code --prover.queue-capacity} jobs are pending; -32006 when
     * the range was accepted before with other block hashes; -32002 while the store cannot write.
     */
    private Object requestProof(JsonRpcParams params) throws JsonRpcException {
        params.atMost(1);
        Batch batch;
        try {
            batch = Batch.fromJson(params.object(0, "batch"));
        } catch (IllegalArgumentException e) {
            throw JsonRpcException.invalidParams("argument 0 (batch): " + e.getMessage());
        }
        try {
            return queue.submit(batch);
        } catch (ProofQueue.QueueFull e) {
            throw new JsonRpcException(QUEUE_FULL, e.getMessage());
        } catch (ProofQueue.Conflict e) {
            throw new JsonRpcException(CONFLICTING_BATCH, e.getMessage());
        } catch (ProofQueue.Stopping e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        }
    }

    /** {@code mojave_getProof(id)}: {@code {status: "pending"}} or {@code {status: "done", proof}}; -32001 for an unknown id. */
    private Object getProof(JsonRpcParams params) throws JsonRpcException {
        params.atMost(1);
        String id = params.string(0, "id");
        try {
            return status(id);
        } catch (ProofQueue.Stopping e) {
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, e.getMessage());
        }
    }

    private Object status(String id) throws JsonRpcException, ProofQueue.Stopping {
        return queue.status(id).orElseThrow(() -> new JsonRpcException(NOT_FOUND,
                "no proof job " + (id.length() <= 80 ? id : id.substring(0, 77) + "...")
                        + " (ids are returned by mojave_requestProof)"));
    }
}
