package io.mojave.node;

import org.jboss.logging.Logger;

import io.mojave.chain.Block;
import io.mojave.chain.Hash32;
import io.mojave.chain.Hex;
import io.mojave.chain.rpc.JsonRpcDispatcher;
import io.mojave.chain.rpc.JsonRpcException;
import io.mojave.chain.rpc.JsonRpcParams;
import io.mojave.daemon.ServiceDescriptor;
import io.vertx.core.json.JsonObject;

/**
 * The node's JSON-RPC methods: the Ethereum ones a client needs to follow the chain, and
 * {@code mojave_sendBlock}, by which the sequencer submits blocks.
 */
final class NodeRpcMethods {

    private static final Logger LOG = Logger.getLogger(NodeRpcMethods.class);

    private final NodeChain chain;
    private final long chainId;
    private final SequencerWatch watch;

    private NodeRpcMethods(NodeChain chain, long chainId, SequencerWatch watch) {
        this.chain = chain;
        this.chainId = chainId;
        this.watch = watch;
    }

    /** A dispatcher with the node's methods on {@code chain}; {@code watch} hears of every new block. */
    static JsonRpcDispatcher dispatcher(NodeChain chain, long chainId, SequencerWatch watch) {
        NodeRpcMethods methods = new NodeRpcMethods(chain, chainId, watch);
        String clientVersion = "mojave-node/v" + ServiceDescriptor.ofThisApp().version() + "/java" + Runtime.version().feature();
        return new JsonRpcDispatcher()
                .register("web3_clientVersion", params -> {
                    params.atMost(0);
                    return clientVersion;
                })
                .register("net_version", params -> {
                    params.atMost(0);
                    return Long.toString(chainId);
                })
                .register("eth_chainId", params -> {
                    params.atMost(0);
                    return Hex.quantity(chainId);
                })
                .register("eth_blockNumber", params -> {
                    params.atMost(0);
                    return Hex.quantity(chain.head().number());
                })
                .register("eth_getBlockByNumber", methods::getBlockByNumber)
                .register("eth_getBlockByHash", methods::getBlockByHash)
                .register("mojave_sendBlock", methods::sendBlock);
    }

    /**
     * {@code eth_getBlockByNumber(block, fullTx)}: {@code block} is a quantity or a tag
     * ({@code earliest}; {@code latest}, and {@code pending}, {@code safe}, {@code finalized},
     * which are the head here: every stored block is final). Null when there is no such block.
     */
    private Object getBlockByNumber(JsonRpcParams params) throws JsonRpcException {
        params.atMost(2);
        String block = params.string(0, "block");
        params.bool(1, "fullTx", false);
        long number = switch (block) {
            case "earliest" -> 0;
            case "latest", "pending", "safe", "finalized" -> chain.head().number();
            default -> {
                try {
                    yield Hex.parseQuantity(block);
                } catch (IllegalArgumentException e) {
                    throw JsonRpcException.invalidParams("argument 0 (block) is a block number or a tag "
                            + "(latest, earliest, pending, safe, finalized): " + e.getMessage());
                }
            }
        };
        return chain.byNumber(number).map(Block::toJson).orElse(null);
    }

    /** {@code eth_getBlockByHash(hash, fullTx)}: null when there is no such block. */
    private Object getBlockByHash(JsonRpcParams params) throws JsonRpcException {
        params.atMost(2);
        Hash32 hash;
        try {
            hash = Hash32.parse(params.string(0, "hash"));
        } catch (IllegalArgumentException e) {
            throw JsonRpcException.invalidParams("argument 0 (hash): " + e.getMessage());
        }
        params.bool(1, "fullTx", false);
        return chain.byHash(hash).map(Block::toJson).orElse(null);
    }

    /**
     * {@code mojave_sendBlock(block)}: the block's hash once it is stored (or was already);
     * -32602 for a malformed block, -32000 with the reason and the head for a refused one.
     */
    private Object sendBlock(JsonRpcParams params) throws JsonRpcException {
        params.atMost(1);
        Block block;
        try {
            block = Block.fromJson(params.object(0, "block"));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Refused a malformed block: %s", e.getMessage());
            throw JsonRpcException.invalidParams("argument 0 (block): " + e.getMessage());
        }
        try {
            if (chain.submit(block)) {
                watch.blockStored(block.timestamp());
            }
            return block.hash().hex();
        } catch (BlockRejected e) {
            Block head = chain.head();
            LOG.warnf("Refused block %d (%s): %s; the head is block %d", block.number(), block.hash(), e.getMessage(),
                    head.number());
            throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "block rejected: " + e.getMessage(),
                    new JsonObject().put("head", Hex.quantity(head.number())).put("headHash", head.hash().hex()));
        }
    }
}
