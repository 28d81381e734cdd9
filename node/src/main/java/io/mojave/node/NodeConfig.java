package io.mojave.node;

import io.mojave.chain.Address;
import io.mojave.chain.Genesis;

/**
 * What the node runs with, from {@code init}'s options.
 *
 * @param httpAddress address of the JSON-RPC server
 * @param httpPort its port (0: any free port)
 * @param genesis the chain's genesis
 * @param sequencer the sequencer whose blocks the node accepts
 */
record NodeConfig(String httpAddress, int httpPort, Genesis genesis, Address sequencer) {
}
