package io.mojave.node;

import java.time.Duration;

import io.mojave.chain.Address;
import io.mojave.chain.Genesis;

/**
 * What the node runs with, from {@code init}'s options.
 *
 * @param httpAddress address of the JSON-RPC server
 * @param httpPort its port (0: any free port)
 * @param genesis the chain's genesis
 * @param sequencer the sequencer whose blocks the node accepts
 * @param sequencerQuietTime how long without a new block (at least) makes the node DEGRADED
 */
record NodeConfig(String httpAddress, int httpPort, Genesis genesis, Address sequencer, Duration sequencerQuietTime) {
}
