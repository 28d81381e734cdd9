package io.mojave.node;

/** Why {@code mojave_sendBlock} refused a block; its message is the reason, for the JSON-RPC error. */
final class BlockRejected extends Exception {

    private static final long serialVersionUID = 1L;

    BlockRejected(String reason) {
        super(reason, null, false, false);
    }
}
