package io.mojave.prover;

import java.util.Optional;

import org.web3j.crypto.Hash;

import io.mojave.chain.BlockSigner;
import io.mojave.chain.Hash32;
import io.mojave.chain.Hex;
import io.vertx.core.json.JsonObject;

/**
 * Makes the "proof" of a batch. <strong>This is not a zero-knowledge proof: it stands in for
 * one</strong> until a real proving system is wired in. What it produces is a commitment to the
 * batch, keccak-256 over the concatenation of its 32-byte block hashes in order, signed with the
 * prover's key (65 bytes r‖s‖v, v 27 or 28, over the 32-byte commitment itself, no message prefix,
 * as blocks are signed) when {@code --prover.private_key} is given, and unsigned otherwise, which
 * the proof says. It attests only that this prover saw these hashes; it proves nothing about the
 * blocks' execution. {@code --prover.aligned-mode} is recorded in the proof; nothing is submitted
 * to Aligned yet.
 */
final class CommitmentProver {

    /** The proof's {@code type}: says what it is, for anyone who reads one. */
    static final String TYPE = "keccak256-commitment (stand-in for a zero-knowledge proof)";

    private final Optional<BlockSigner> signer;
    private final boolean alignedMode;

    /** @param signer signs the commitments, if the prover has a key */
    CommitmentProver(Optional<BlockSigner> signer, boolean alignedMode) {
        this.signer = signer;
        this.alignedMode = alignedMode;
    }

    /** keccak-256 over the concatenated block hashes of {@code batch}. */
    static Hash32 commitment(Batch batch) {
        byte[] concatenated = new byte[32 * batch.blockHashes().size()];
        for (int i = 0; i < batch.blockHashes().size(); i++) {
            System.arraycopy(batch.blockHashes().get(i).bytes(), 0, concatenated, 32 * i, 32);
        }
        return Hash32.of(Hash.sha3(concatenated));
    }

    /**
     * The proof of {@code batch}: {@code type}, {@code fromBlock}, {@code toBlock},
     * {@code commitment}, {@code signed}, {@code signature} and {@code signer} (null when unsigned),
     * {@code alignedMode}.
     */
    JsonObject prove(Batch batch) {
        Hash32 commitment = commitment(batch);
        JsonObject proof = new JsonObject().put("type", TYPE)
                .put("fromBlock", Hex.quantity(batch.fromBlock())).put("toBlock", Hex.quantity(batch.toBlock()))
                .put("commitment", commitment.hex());
        if (signer.isPresent()) {
            proof.put("signed", true).put("signature", signer.get().sign(commitment))
                    .put("signer", signer.get().address().hex());
        } else {
            proof.put("signed", false).put("signature", null).put("signer", null)
                    .put("note", "unsigned: the prover was started without --prover.private_key");
        }
        return proof.put("alignedMode", alignedMode);
    }

    @Override
    public String toString() {
        return "CommitmentProver[" + signer.map(s -> "signer " + s.address()).orElse("unsigned")
                + ", alignedMode " + alignedMode + "]";
    }
}
