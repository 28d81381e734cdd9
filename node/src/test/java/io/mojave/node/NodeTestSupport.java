package io.mojave.node;

import java.util.HexFormat;

import io.mojave.chain.BlockSigner;
import io.mojave.daemon.testing.JsonRpcTestSupport;

/**
 * Base of the node's end-to-end tests: the JSON-RPC server on a free port (never the default
 * 8545, which a devnet on this machine may hold), and JSON-RPC calls with rest-assured.
 */
abstract class NodeTestSupport extends JsonRpcTestSupport {

    /** The key of this test's sequencer (not the dev key: a node must be told to trust it). */
    static final BlockSigner TEST_SEQUENCER = new BlockSigner(HexFormat.of().parseHex("46".repeat(32)));

    /** Another key, whose blocks the node must refuse. */
    static final BlockSigner STRANGER = new BlockSigner(HexFormat.of().parseHex("47".repeat(32)));

    @Override
    protected String service() {
        return "node";
    }

    @Override
    protected String[] serviceOptions() {
        return new String[] { "--http.port", "0" };
    }

    /** Starts the node and returns the URL of its JSON-RPC server, from the ready line. */
    protected String initRpc(String... extra) {
        return initEndpoint("rpc", extra);
    }
}
