package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.Health;

/** The node's health while the sequencer is quiet: UP within the threshold, DEGRADED with the reason after it. */
class SequencerWatchTest {

    private long now = 5_000_000_000L;
    private final SequencerWatch watch = new SequencerWatch(() -> now, Duration.ofSeconds(30));

    private void advance(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void aNodeThatNeverGetsABlockIsDegradedThirtySecondsAfterItsStart() {
        advance(29);
        assertThat(watch.health()).isEqualTo(Health.UP);
        advance(2);
        assertThat(watch.health()).isEqualTo(Health.degraded("no block from the sequencer since the node started 31 s ago "
                + "(more than 30 s); is the sequencer running, and does it deliver to this node?"));
    }

    @Test
    void withFastBlocksTheThresholdIsThirtySecondsAndANewBlockMakesItUpAgain() {
        for (long t = 100; t < 110; t++) {
            watch.blockStored(t);
            advance(1);
        }
        assertThat(watch.thresholdMillis()).isEqualTo(30_000);
        advance(28); // 29 s since the last block
        assertThat(watch.health()).isEqualTo(Health.UP);
        advance(2);
        assertThat(watch.health()).isEqualTo(Health.degraded("no new block from the sequencer for 31 s (more than 30 s: the "
                + "larger of 30 s and 30 block times); is the sequencer running?"));
        watch.blockStored(150);
        assertThat(watch.health()).isEqualTo(Health.UP);
    }

    @Test
    void withSlowBlocksTheThresholdIsThirtyBlockTimes() {
        for (long t = 0; t <= 40; t += 10) {
            watch.blockStored(1000 + t);
            advance(10);
        }
        assertThat(watch.thresholdMillis()).isEqualTo(300_000);
        advance(280); // 290 s since the last block
        assertThat(watch.health()).isEqualTo(Health.UP);
        advance(20);
        assertThat(watch.health().status()).isEqualTo("DEGRADED");
        assertThat(watch.health().reason()).startsWith("no new block from the sequencer for 310 s (more than 300 s");
    }

    @Test
    void aBacklogDeliveredInABurstDoesNotShortenTheBlockTime() {
        // 10 blocks made 10 s apart while the node was down, delivered within a second
        for (long t = 0; t < 100; t += 10) {
            watch.blockStored(t);
        }
        assertThat(watch.thresholdMillis()).isEqualTo(300_000);
    }

    @Test
    void aShortQuietTimeIsSaidInTenthsOfASecond() {
        SequencerWatch quick = new SequencerWatch(() -> now, Duration.ofMillis(500));
        now += TimeUnit.MILLISECONDS.toNanos(499);
        assertThat(quick.health()).isEqualTo(Health.UP);
        now += TimeUnit.MILLISECONDS.toNanos(150);
        assertThat(quick.health()).isEqualTo(Health.degraded("no block from the sequencer since the node started 0.6 s ago "
                + "(more than 0.5 s); is the sequencer running, and does it deliver to this node?"));
    }
}
