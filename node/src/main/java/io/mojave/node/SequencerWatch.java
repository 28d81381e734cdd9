package io.mojave.node;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.mojave.daemon.Health;

/**
 * Whether the sequencer still feeds the node: DEGRADED once no new block has come for
 * max({@code --sequencer.quiet_time}, {@value #QUIET_BLOCKS} block times), the block time measured
 * from the timestamps of the last blocks stored (the sequencer's clock, so a backlog delivered in
 * a burst does not shorten it). Before the first block, the time counts from the node's start.
 */
final class SequencerWatch {

    /** {@code --sequencer.quiet_time}'s default. */
    static final String DEFAULT_QUIET_TIME = "30s";
    static final int QUIET_BLOCKS = 30;
    private static final int WINDOW = 32;

    private final LongSupplier nanoClock;
    private final long minQuietMillis;
    private final long startedAt;
    private final long[] timestamps = new long[WINDOW];
    private int count;
    private volatile boolean anyBlock;
    private volatile long lastArrival;
    private volatile long blockTimeMillis;

    /** @param minQuiet the shortest quiet time that makes the node DEGRADED ({@code --sequencer.quiet_time}) */
    SequencerWatch(LongSupplier nanoClock, Duration minQuiet) {
        this.nanoClock = nanoClock;
        this.minQuietMillis = minQuiet.toMillis();
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

    /** How long the node waits for a new block before it reports DEGRADED, in milliseconds. */
    long thresholdMillis() {
        return Math.max(minQuietMillis, QUIET_BLOCKS * blockTimeMillis);
    }

    Health health() {
        long now = nanoClock.getAsLong();
        long last = lastArrival;
        long threshold = thresholdMillis();
        if (!anyBlock) {
            long waited = (now - startedAt) / 1_000_000L;
            return waited < threshold ? Health.UP
                    : Health.degraded("no block from the sequencer since the node started " + seconds(waited) + " ago (more than "
                            + seconds(threshold) + "); is the sequencer running, and does it deliver to this node?");
        }
        long quiet = (now - last) / 1_000_000L;
        return quiet < threshold ? Health.UP
                : Health.degraded("no new block from the sequencer for " + seconds(quiet) + " (more than " + seconds(threshold)
                        + ": the larger of " + seconds(minQuietMillis) + " and " + QUIET_BLOCKS + " block times); is the sequencer running?");
    }

    /** Whole seconds from 10 s on (as the default 30 s reads); one decimal below, where whole seconds would say 0 or 1 s. */
    private static String seconds(long millis) {
        return millis >= 10_000 ? millis / 1000 + " s" : millis / 100 / 10.0 + " s";
    }
}
