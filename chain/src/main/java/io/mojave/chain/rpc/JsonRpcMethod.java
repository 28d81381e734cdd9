package io.mojave.chain.rpc;

/** One JSON-RPC method. It runs on a worker thread, so it may block (on a disk write, say). */
@FunctionalInterface
public interface JsonRpcMethod {

    /**
     * Answers one call.
     *
     * @return the result: a JSON value (String, Number, Boolean, JsonObject, JsonArray) or null
     * @throws JsonRpcException the error to answer with, such as {@link JsonRpcException#invalidParams}
     */
    Object call(JsonRpcParams params) throws JsonRpcException;
}
