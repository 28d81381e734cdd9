package io.mojave.sequencer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.mojave.chain.Block;
import io.mojave.chain.BlockSigner;
import io.mojave.chain.Hex;
import io.mojave.chain.rpc.JsonRpcException;
import io.mojave.chain.store.DurableStore;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.Health;
import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The sequencer's own work, started by the daemon runtime once the PID file is held and
 * {@code /health} listens. Three threads of its own, none on Vert.x's event loop:
 * <ul>
 * <li>the <em>producer</em> makes the next block every {@code --block_time}, signs it and appends
 * it durably to the store under {@code <datadir>/sequencer/} before anything else sees it;</li>
 * <li>the <em>delivery</em> loop submits the undelivered blocks to the node in order with
 * {@code mojave_sendBlock}, retrying with exponential backoff while the node is down, and marks a
 * block delivered only once the node acknowledged it (resubmits are idempotent on the node, so
 * a reply lost to a crash costs nothing);</li>
 * <li>the <em>prover</em> loop asks the prover to prove every {@code --batch.size} delivered
 * blocks ({@code mojave_requestProof}), retrying while the prover is down or full, and records
 * each accepted batch so that none is requested twice.</li>
 * </ul>
 * After a stop, or a SIGKILL, it continues from the stored head and delivery point.
 * <p>
 * {@link #health()} is DEGRADED, with the reason, while the node refuses its blocks (an untrusted
 * key, another chain), while the node has another genesis, after the node has been unreachable for
 * {@value #UNREACHABLE_DEGRADED_MS} ms (shorter is a start-up order or a restart of the node), and
 * while the prover refuses its batches (a full queue is normal back-pressure, not a refusal).
 */
final class SequencerService implements RunningService {

    private static final Logger LOG = Logger.getLogger(SequencerService.class);

    static final long FIRST_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 2000;
    private static final long JOIN_MS = 5000;
    static final long UNREACHABLE_DEGRADED_MS = 30_000;

    private final SequencerConfig config;
    private final BlockSigner signer;
    private final SequencerStore store;
    private final RpcClient node;
    private final RpcClient prover;
    private final Object signal = new Object();
    private final Thread producer;
    private final Thread delivery;
    private final Thread proving;
    private volatile boolean running = true;
    private volatile long delivered;
    /** Why the node does not take our blocks (a refusal, another genesis); null while it does or while it is unreachable. */
    private volatile String deliveryProblem;
    /** When (nanoTime) the node became unreachable; 0 while it is reachable. */
    private volatile long unreachableSince;
    /** Why the prover refuses our batches; null while it takes them (or is full, or unreachable). */
    private volatile String proofProblem;
    private Block head;
    /**
     * The next block, signed but not stored yet because the store could not write it: stored
     * again at the next tick, never signed anew, so no height ever has two signed blocks.
     */
    private Block unstored;
    /** The last production error logged, so that a failure repeated every tick is logged once. */
    private String lastProductionError;

    private SequencerService(Vertx vertx, SequencerConfig config, BlockSigner signer, SequencerStore store) {
        this.config = config;
        this.signer = signer;
        this.store = store;
        this.node = new RpcClient(vertx, config.nodeUrl());
        this.prover = new RpcClient(vertx, config.proverUrl());
        this.head = store.head();
        this.delivered = store.delivered();
        this.producer = new Thread(this::produceLoop, "sequencer-producer");
        this.delivery = new Thread(this::deliveryLoop, "sequencer-delivery");
        this.proving = new Thread(this::proverLoop, "sequencer-prover");
    }

    static RunningService start(ServiceContext context, SequencerConfig config) {
        BlockSigner signer = new BlockSigner(config.key().bytes());
        Path directory = context.stateDirectory("sequencer");
        SequencerStore store;
        try {
            store = SequencerStore.open(directory, config.genesis());
        } catch (IllegalStateException e) {
            throw new DaemonException.StartupFailed(e.getMessage(), e);
        } catch (Exception e) {
            throw new DaemonException.StartupFailed("cannot open the sequencer's store in " + directory + ": " + e.getMessage(), e);
        }
        config.genesis().sequencer().filter(trusted -> !trusted.equals(signer.address())).ifPresent(trusted -> LOG.warnf(
                "The genesis names sequencer %s, but the key's address is %s: a node trusting the genesis will refuse these blocks",
                trusted, signer.address()));
        SequencerService service = new SequencerService(context.vertx(), config, signer, store);
        LOG.infof("Sequencer %s: head block %d, delivered up to %d, proofs requested up to %d; a block every %d ms "
                + "to the node at %s, batches of %d to the prover at %s", signer.address(), service.head.number(),
                service.delivered, store.provedTo(), config.blockTime().toMillis(), config.nodeUrl(), config.batchSize(),
                config.proverUrl());
        service.producer.start();
        service.delivery.start();
        service.proving.start();
        return service;
    }

    // ---- production ----

    private void produceLoop() {
        long period = config.blockTime().toNanos();
        long next = System.nanoTime() + period;
        while (running) {
            if (!pause(next)) {
                break;
            }
            next += period;
            long now = System.nanoTime();
            if (next < now) {
                next = now + period; // fell behind (a slow disk): no burst of blocks to catch up
            }
            try {
                produce();
                lastProductionError = null;
            } catch (DurableStore.Unavailable e) {
                // the store logs its failure once and its recovery; the block is stored at a later tick
                LOG.debugf("Block %d waits for the store: %s", head.number() + 1, e.getMessage());
            } catch (RuntimeException e) {
                String message = DurableStore.rootMessage(e);
                if (!message.equals(lastProductionError)) {
                    LOG.errorf(e, "Cannot make block %d; trying again at every tick", head.number() + 1);
                    lastProductionError = message;
                }
            }
        }
    }

    private void produce() {
        if (unstored == null) {
            long timestamp = Math.max(head.timestamp(), System.currentTimeMillis() / 1000);
            unstored = Block.signed(head.number() + 1, head.hash(), timestamp, signer);
        }
        Block block = unstored;
        synchronized (store) {
            if (!running) {
                return;
            }
            store.append(block);
        }
        unstored = null;
        head = block;
        LOG.debugf("Made block %d (%s)", block.number(), block.hash());
        wake();
    }

    // ---- delivery ----

    private void deliveryLoop() {
        guarded("delivery", this::deliver);
    }

    /**
     * Runs a loop body until stopped; an unexpected error (a failing disk, say) is logged and the
     * body retried after a pause, so that the thread never dies quietly.
     */
    private void guarded(String what, Runnable body) {
        while (running) {
            try {
                body.run();
            } catch (DurableStore.Unavailable e) {
                // the store logs its failure once and its recovery
                LOG.debugf("Sequencer %s waits for the store: %s", what, e.getMessage());
                sleep(FIRST_BACKOFF_MS * 4);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.errorf(e, "Sequencer %s failed; retrying in %d ms", what, MAX_BACKOFF_MS);
                sleep(MAX_BACKOFF_MS);
            }
        }
    }

    private void deliver() {
        Backoff backoff = new Backoff();
        boolean genesisChecked = false;
        String lastProblem = null;
        while (running) {
            long number = delivered + 1;
            Optional<Block> block = store.block(number);
            if (block.isEmpty()) {
                waitForWork(1000);
                continue;
            }
            String problem = null;
            try {
                if (!genesisChecked) {
                    problem = checkGenesis();
                    genesisChecked = problem == null;
                }
                if (genesisChecked) {
                    node.call("mojave_sendBlock", block.get().toJson());
                    markDelivered(number);
                    deliveryProblem = null;
                    unreachableSince = 0;
                    if (lastProblem != null) {
                        LOG.infof("The node at %s takes blocks again (block %d delivered)", node.url(), number);
                        lastProblem = null;
                    }
                    backoff.reset();
                    continue;
                }
                unreachableSince = 0;
            } catch (IOException e) {
                genesisChecked = false;
                problem = "node unreachable";
                if (unreachableSince == 0) {
                    unreachableSince = System.nanoTime();
                }
                if (!problem.equals(lastProblem) && running) {
                    LOG.warnf("The node at %s is unreachable (%s); block %d and later wait, retrying with backoff",
                            node.url(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), number);
                }
            } catch (RpcClient.RpcError e) {
                unreachableSince = 0;
                problem = refused(block.get(), e, lastProblem);
            }
            lastProblem = problem;
            if (!sleep(backoff.next())) {
                break;
            }
        }
    }

    /** Null if the node's block 0 is this sequencer's genesis, else what is wrong (logged). */
    private String checkGenesis() throws IOException, RpcClient.RpcError {
        Object answer = node.call("eth_getBlockByNumber", "0x0", false);
        String expected = config.genesis().block().hash().hex();
        String actual = answer instanceof JsonObject json ? json.getString("hash") : null;
        if (expected.equals(actual)) {
            return null;
        }
        LOG.errorf("The node at %s has genesis %s, this sequencer %s: --network must be the node's; not delivering",
                node.url(), actual, expected);
        deliveryProblem = "the node at " + node.url() + " has genesis " + actual + ", this sequencer " + expected
                + ": --network must be the node's; not delivering";
        return "genesis mismatch";
    }

    /** Handles a refusal of {@code block}: redelivers from the node's head when that is consistent, else logs it. */
    private String refused(Block block, RpcClient.RpcError error, String lastProblem) {
        long nodeHead = -1;
        String nodeHeadHash = null;
        if (error.data() instanceof JsonObject data) {
            try {
                nodeHead = Hex.parseQuantity(data.getString("head"));
                nodeHeadHash = data.getString("headHash");
            } catch (RuntimeException e) {
                nodeHead = -1;
            }
        }
        if (nodeHead >= 0 && nodeHead < block.number() - 1) {
            Optional<Block> ours = store.block(nodeHead);
            if (ours.isPresent() && ours.get().hash().hex().equals(nodeHeadHash)) {
                // The node has fewer of our blocks than acknowledged (its datadir was replaced): redeliver from there.
                LOG.warnf("The node's head is block %d, ours up to %d were acknowledged; redelivering from block %d",
                        nodeHead, block.number() - 1, nodeHead + 1);
                markDelivered(nodeHead);
                return "redelivering";
            }
        }
        String problem = "refused " + block.number() + ": " + error.getMessage();
        deliveryProblem = "the node at " + node.url() + (error.code() == JsonRpcException.RESOURCE_UNAVAILABLE ? " cannot store block "
                : " refuses block ") + block.number() + " (" + error.getMessage() + ")";
        if (problem.equals(lastProblem)) {
            return problem;
        }
        if (error.code() == JsonRpcException.RESOURCE_UNAVAILABLE) {
            LOG.warnf("The node at %s cannot store block %d now (%s); retrying with backoff", node.url(), block.number(),
                    error.getMessage());
            return problem;
        }
        LOG.errorf("The node at %s refuses block %d (%s; its head is %s %s); not forking: retrying with backoff",
                node.url(), block.number(), error.getMessage(), nodeHead < 0 ? "unknown" : Long.toString(nodeHead),
                Objects.toString(nodeHeadHash, ""));
        return problem;
    }

    private void markDelivered(long number) {
        synchronized (store) {
            if (!running) {
                return;
            }
            store.setDelivered(number);
        }
        delivered = number;
        LOG.debugf("Block %d delivered", number);
        wake();
    }

    // ---- proofs ----

    private void proverLoop() {
        guarded("proof requests", this::requestProofs);
    }

    private void requestProofs() {
        Backoff backoff = new Backoff();
        String lastProblem = null;
        long provedTo = store.provedTo();
        while (running) {
            long from = provedTo + 1;
            long to = provedTo + config.batchSize();
            if (delivered < to) {
                waitForWork(1000);
                continue;
            }
            JsonArray hashes = new JsonArray();
            for (long n = from; n <= to; n++) {
                hashes.add(store.block(n).orElseThrow().hash().hex());
            }
            JsonObject batch = new JsonObject().put("fromBlock", Hex.quantity(from)).put("toBlock", Hex.quantity(to))
                    .put("blockHashes", hashes);
            String problem;
            try {
                Object answer = prover.call("mojave_requestProof", batch);
                synchronized (store) {
                    if (!running) {
                        break;
                    }
                    store.batchAccepted(from, to, String.valueOf(answer));
                }
                provedTo = to;
                proofProblem = null;
                LOG.infof("Prover accepted blocks %d to %d (%s)", from, to, answer);
                if (lastProblem != null) {
                    lastProblem = null;
                }
                backoff.reset();
                continue;
            } catch (IOException e) {
                problem = "prover unreachable";
                if (!problem.equals(lastProblem) && running) {
                    LOG.warnf("The prover at %s is unreachable (%s); batch %d-%d waits, retrying with backoff",
                            prover.url(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), from, to);
                }
            } catch (RpcClient.RpcError e) {
                boolean full = e.getMessage().toLowerCase(Locale.ROOT).contains("queue full");
                problem = full ? "prover full" : "prover refused: " + e.getMessage();
                proofProblem = full ? null : "the prover at " + prover.url() + " refuses batch " + from + "-" + to + " ("
                        + e.code() + " " + e.getMessage() + ")";
                if (!problem.equals(lastProblem)) {
                    if (full) {
                        LOG.infof("The prover's queue is full; batch %d-%d waits, retrying with backoff", from, to);
                    } else {
                        LOG.errorf("The prover at %s refuses batch %d-%d (%d %s); retrying with backoff", prover.url(),
                                from, to, e.code(), e.getMessage());
                    }
                }
            }
            lastProblem = problem;
            if (!sleep(backoff.next())) {
                break;
            }
        }
    }

    // ---- waiting ----

    /** Exponential backoff from {@value #FIRST_BACKOFF_MS} ms, capped at {@value #MAX_BACKOFF_MS} ms. */
    private static final class Backoff {
        private long next = FIRST_BACKOFF_MS;

        long next() {
            long current = next;
            next = Math.min(MAX_BACKOFF_MS, next * 2);
            return current;
        }

        void reset() {
            next = FIRST_BACKOFF_MS;
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void waitForWork(long millis) {
        synchronized (signal) {
            if (!running) {
                return;
            }
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Sleeps {@code millis} unless stopped; false once stopping. */
    private boolean sleep(long millis) {
        return pause(System.nanoTime() + Duration.ofMillis(millis).toNanos());
    }

    /** Waits until {@code deadline} (nanoTime) unless stopped; false once stopping. */
    private boolean pause(long deadline) {
        synchronized (signal) {
            while (running) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                try {
                    signal.wait(Math.max(1, remaining / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            return false;
        }
    }

    /**
     * DOWN while the sequencer's own store cannot be written (a full disk, say): it then makes no
     * block and delivers only blocks already stored; it recovers by itself once the store can write.
     * Else DEGRADED while the node or the prover do not take what this sequencer sends them (see
     * the class comment).
     */
    @Override
    public Health health() {
        Optional<String> storeProblem = store.problem();
        if (storeProblem.isPresent()) {
            return Health.down("cannot store blocks: " + storeProblem.get());
        }
        String refused = deliveryProblem;
        if (refused != null) {
            return Health.degraded(refused);
        }
        long since = unreachableSince;
        if (since != 0) {
            long millis = (System.nanoTime() - since) / 1_000_000;
            if (millis >= UNREACHABLE_DEGRADED_MS) {
                return Health.degraded("the node at " + node.url() + " has been unreachable for " + millis / 1000
                        + " s; blocks from " + (delivered + 1) + " wait");
            }
        }
        String proofs = proofProblem;
        return proofs == null ? Health.UP : Health.degraded(proofs);
    }

    @Override
    public void stop() throws Exception {
        running = false;
        wake();
        node.close();
        prover.close();
        for (Thread thread : new Thread[] { producer, delivery, proving }) {
            thread.join(JOIN_MS);
            if (thread.isAlive()) {
                LOG.warnf("%s did not stop within %d ms", thread.getName(), JOIN_MS);
            }
        }
        synchronized (store) {
            store.close();
        }
        LOG.infof("Sequencer stopped at block %d, delivered up to %d", head.number(), delivered);
    }
}
