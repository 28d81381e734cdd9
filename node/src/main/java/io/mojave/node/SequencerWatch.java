package io.mojave.node;

import java.util.function.LongSupplier;

import io.mojave.daemon.Health;

/**
 * Whether the sequencer still feeds the node: DEGRADED once no new block has come for
 * max({@value #MIN_QUIET_SECONDS} s, {@value #QUIET_BLOCKS} block times), the block time measured
 * from the timestamps of the last blocks stored (the sequencer's clock, so a backlog delivered in
 * a burst does not shorten it). Before the first block, the time counts from the node's start.
 */
final class SequencerWatch {

    static final long MIN_QUIET_SECONDS = 30;
    static final int QUIET_BLOCKS = 30;
    private static final int WINDOW = 32;

    private final LongSupplier nanoClock;
    private final long startedAt;
    private final long[] timestamps = new long[WINDOW];
    private int count;
    private volatile boolean anyBlock;
    private volatile long lastArrival;
    private volatile long blockTimeMillis;

    SequencerWatch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
    }

    /** A new block, with the sequencer's timestamp (seconds), was stored now. */
    synchronized void blockStored(long timestampSeconds) {
        lastArrival = nanoClock.getAsLong();
        anyBlock = true;
        timestamps[count % WINDOW] = timestampSeconds;
        count++;
        int n = Math.min(count, WINDOW);
        if (n >= 2) {
            long newest = timestamps[(count - 1) % WINDOW];
            long oldest = timestamps[(count - n) % WINDOW];
            blockTimeMillis = Math.max(0, newest - oldest) * 1000 / (n - 1);
        }
    }

    /** How long the node waits for a new block before it reports DEGRADED, in seconds. */
    long thresholdSeconds() {
        return Math.max(MIN_QUIET_SECONDS, QUIET_BLOCKS * blockTimeMillis / 1000);
    }

    Health health() {
        long now = nanoClock.getAsLong();
        long last = lastArrival;
        long threshold = thresholdSeconds();
        if (!anyBlock) {
            long waited = (now - startedAt) / 1_000_000_000L;
            return waited < threshold ? Health.UP
                    : Health.degraded("no block from the sequencer since the node started " + waited + " s ago (more than "
                            + threshold + " s); is the sequencer running, and does it deliver to this node?");
        }
        long quiet = (now - last) / 1_000_000_000L;
        return quiet < threshold ? Health.UP
                : Health.degraded("no new block from the sequencer for " + quiet + " s (more than " + threshold
                        + " s: the larger of " + MIN_QUIET_SECONDS + " s and " + QUIET_BLOCKS + " block times); is the sequencer running?");
    }
}
