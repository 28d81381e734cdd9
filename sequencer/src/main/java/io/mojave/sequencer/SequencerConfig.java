package io.mojave.sequencer;

import java.net.URI;
import java.time.Duration;

import io.mojave.chain.Genesis;
import io.mojave.chain.cli.PrivateKey;

/**
 * What the sequencer runs with, from {@code init}'s options. Its {@link #toString()} shows the
 * key as {@code [REDACTED]} ({@link PrivateKey} does).
 *
 * @param key the key that signs the blocks
 * @param genesis the chain's genesis (the node's must be the same)
 * @param blockTime time between blocks
 * @param batchSize delivered blocks per proof request
 * @param nodeUrl JSON-RPC URL of the node
 * @param proverUrl JSON-RPC URL of the prover
 */
record SequencerConfig(PrivateKey key, Genesis genesis, Duration blockTime, int batchSize, URI nodeUrl, URI proverUrl) {
}
