package io.mojave.prover;

import io.mojave.chain.cli.PrivateKey;

/**
 * The prover's parsed options.
 *
 * @param host address of the prover's API
 * @param port port of the prover's API
 * @param queueCapacity how many proof jobs may wait
 * @param alignedMode recorded in each proof ({@code alignedMode}); nothing is submitted to Aligned yet
 * @param privateKey key that signs proofs, if given (shown as [REDACTED])
 */
record ProverSettings(String host, int port, int queueCapacity, boolean alignedMode, PrivateKey privateKey) {
}
