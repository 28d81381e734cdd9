package io.mojave.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

import io.mojave.chain.BlockSigner;
import io.mojave.chain.Hash32;
import io.mojave.chain.Signatures;
import io.vertx.core.json.JsonObject;

/** The batch's checks, the commitment, and the queue's bound, deduplication and durability, in process. */
class ProofQueueTest {

    private static final BlockSigner SIGNER = new BlockSigner(HexFormat.of().parseHex("46".repeat(32)));

    @TempDir
    Path tmp;

    private static Batch batch(long from, long to) {
        return new Batch(from, to, java.util.stream.LongStream.rangeClosed(from, to)
                .mapToObj(n -> Hash32.of(Hash.sha3(new byte[] { (byte) n }))).toList());
    }

    @Test
    void aBatchIsCheckedAndRoundTripsThroughJson() {
        Batch batch = batch(5, 7);
        assertThat(Batch.fromJson(batch.toJson())).isEqualTo(batch);
        assertThat(batch.jobId()).isEqualTo("0x5-0x7");
        assertThatThrownBy(() -> new Batch(3, 2, List.of())).hasMessageContaining("must not be above");
        assertThatThrownBy(() -> new Batch(1, 2, List.of(Hash32.ZERO))).hasMessageContaining("has 1 hashes, but blocks 1 to 2 are 2");
        assertThatThrownBy(() -> new Batch(0, Long.MAX_VALUE, List.of())).hasMessageContaining("at most 10000 blocks");
    }

    @Test
    void theCommitmentIsKeccakOfTheConcatenatedHashesSignedOverItself() {
        Batch batch = batch(1, 2);
        byte[] both = new byte[64];
        System.arraycopy(batch.blockHashes().get(0).bytes(), 0, both, 0, 32);
        System.arraycopy(batch.blockHashes().get(1).bytes(), 0, both, 32, 32);
        Hash32 expected = Hash32.of(Hash.sha3(both));

        JsonObject signed = new CommitmentProver(Optional.of(SIGNER), true).prove(batch);
        assertThat(signed.getString("commitment")).isEqualTo(expected.hex());
        assertThat(Signatures.recover(expected, signed.getString("signature"))).isEqualTo(SIGNER.address());
        assertThat(signed.getBoolean("alignedMode")).isTrue();

        JsonObject unsigned = new CommitmentProver(Optional.empty(), false).prove(batch);
        assertThat(unsigned.getBoolean("signed")).isFalse();
        assertThat(unsigned.getValue("signature")).isNull();
        assertThat(unsigned.getString("commitment")).isEqualTo(expected.hex());
    }

    @Test
    void theQueueIsBoundedDeduplicatesAndKeepsPendingJobsAcrossAReopen() throws Exception {
        CommitmentProver prover = new CommitmentProver(Optional.empty(), false);
        JobStore store = JobStore.open(tmp);
        ProofQueue queue = new ProofQueue(store, prover, 2, Duration.ofHours(1)); // never proves while open
        queue.start();
        assertThat(queue.submit(batch(1, 2))).isEqualTo("0x1-0x2");
        assertThat(queue.submit(batch(3, 4))).isEqualTo("0x3-0x4");
        assertThat(queue.submit(batch(1, 2))).as("deduplicated, even when full").isEqualTo("0x1-0x2");
        assertThatThrownBy(() -> queue.submit(batch(5, 6))).isInstanceOf(ProofQueue.QueueFull.class)
                .hasMessage("queue full: 2 jobs pending, retry later");
        assertThat(queue.status("0x1-0x2").orElseThrow().getString("status")).isEqualTo("pending");
        assertThat(queue.status("0x5-0x6")).isEmpty();
        queue.stop();
        assertThatThrownBy(() -> queue.submit(batch(7, 8))).isInstanceOf(ProofQueue.Stopping.class);
        store.close();

        JobStore reopened = JobStore.open(tmp);
        ProofQueue again = new ProofQueue(reopened, prover, 2, Duration.ZERO);
        again.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"done".equals(again.status("0x3-0x4").orElseThrow().getString("status"))) {
            assertThat(System.nanoTime()).as("both jobs proved in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(again.status("0x1-0x2").orElseThrow().getString("status")).isEqualTo("done");
        assertThat(reopened.pendingCount()).isZero();
        assertThat(again.submit(batch(5, 6))).isEqualTo("0x5-0x6");
        again.stop();
        reopened.close();
    }
}
