package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.mojave.chain.Block;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonObject;

/**
 * Faults end to end, on the built jars: a full disk under the sequencer's and under the node's
 * datadir (small tmpfs mounts, as root; skipped with the reason otherwise), and SIGKILLs of both
 * at random moments. In every case the node's chain has no gap and no fork, and every block the
 * sequencer stored arrives.
 */
class FaultsIT extends SequencerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    /** SIGKILLs of the node, and as many of the sequencer (issue #13: 20 of each). */
    private static final int KILLS = Integer.getInteger("faults.kills", 20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        SWEEPER.sweep();
        for (Path mount : mounts) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullDiskUnderTheSequencerStopsProductionWithHealthDownAndItRecoversWithoutGapOrFork() throws Exception {
        Path disk = tmpfs("seqdisk");
        datadir = disk.resolve("sequencer");
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        String node = startNode(0);
        Started sequencer = startSequencer(node);
        awaitHeight(node, 5, DEADLINE);

        Path filler = fill(disk);
        await(DEADLINE, "the sequencer's health DOWN naming the full disk",
                () -> health(sequencer.healthUrl()).contains("\"DOWN\"") && health(sequencer.healthUrl()).contains("No space left"));
        assertThat(healthCode(sequencer.healthUrl())).isEqualTo(503);
        long stalled = height(node);

        Files.delete(filler);
        await(DEADLINE, "the sequencer's health UP again", () -> healthCode(sequencer.healthUrl()) == 200);
        awaitHeight(node, stalled + 5, DEADLINE);

        assertEveryStoredBlockArrives(node);
        assertThat(log()).doesNotContain("does not follow the stored head");
    }

    @Test
    void aFullDiskUnderTheNodeAnswersHealth503AcknowledgesNothingUnstoredAndRecovers() throws Exception {
        Path disk = tmpfs("nodedisk");
        nodeDatadir = disk.resolve("node");
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        ServiceCli.Result init = nodeCli.run("init", "--datadir", nodeDatadir.toString(), "--health.port", "0",
                "--http.port", "0", "--network", genesisFile.toString());
        assertThat(init.exitCode()).as("node init; printed: %s", init.output()).isZero();
        String node = find(RPC, init.out());
        String nodeHealth = find(HEALTH, init.out());
        startSequencer(node);
        awaitHeight(node, 5, DEADLINE);
        List<Block> before = wholeChain(node);

        Path filler = fill(disk);
        await(DEADLINE, "the node's health 503 naming the full disk",
                () -> healthCode(nodeHealth) == 503 && health(nodeHealth).contains("No space left"));
        List<Block> during = wholeChain(node);
        assertThat(during.subList(0, before.size())).as("what was acknowledged before stays").isEqualTo(before);

        Files.delete(filler);
        await(DEADLINE, "the node's health 200 again", () -> healthCode(nodeHealth) == 200);
        awaitHeight(node, during.size() + 5, DEADLINE);
        List<Block> after = assertEveryStoredBlockArrives(node);
        assertThat(after.subList(0, during.size())).as("what was acknowledged during the outage stays").isEqualTo(during);
    }

    /**
     * Issue #13: {@code faults.kills} SIGKILLs of the node and as many of the sequencer, at random
     * moments, blocks every 100 ms. Both run in the foreground, as a {@code Type=notify} unit or a
     * container runs them, each in its own loop, the two loops at once: a killed service is
     * started again as soon as it is dead (as a supervisor does), so that the test spends its time
     * on kills and recoveries rather than on waiting. Then no gap, no fork (the node's chain is
     * checked block by block), every block the sequencer stored is at the node, every block the
     * node served during the kills is still there unchanged, and the sequencer never saw the node
     * lose what it had acknowledged nor refuse a block.
     */
    @Test
    void sigkillsOfNodeAndSequencerAtRandomMomentsLoseNothingAndForkNothing() throws Exception {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        int nodePort = closedPort();
        String node = "http://127.0.0.1:" + nodePort;
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("FaultsIT: -Dfaults.seed=" + seed + " replays these kill moments");
        List<Block> served = new CopyOnWriteArrayList<>();
        KillLoop nodeKills = new KillLoop("node", nodeCli, nodeInitArgs(nodePort), node, new Random(seed), served);
        KillLoop sequencerKills = new KillLoop("sequencer", cli, List.of(initArgs(sequencerOptions(node))), node,
                new Random(seed + 1), served);
        long killsStarted = System.nanoTime();
        ExecutorService loops = Executors.newFixedThreadPool(2);
        try {
            // the first to end first, so that a failing loop fails the test at once, not the other's deadline
            CompletionService<Void> done = new ExecutorCompletionService<>(loops);
            done.submit(nodeKills);
            done.submit(sequencerKills);
            done.take().get();
            done.take().get();
        } finally {
            loops.shutdownNow();
        }

        System.out.printf("FaultsIT: %d kills of the node and %d of the sequencer took %d ms%n", KILLS, KILLS,
                (System.nanoTime() - killsStarted) / 1_000_000);
        // what the last killed sequencer stored, read from its store, must all reach the node
        assertThat(startNode(nodePort)).isEqualTo(node);
        List<Block> chain = assertStoredBlocksArrive(node);
        for (Block block : served) {
            assertThat(chain.get((int) block.number())).as("block %d, served by the node during the kills", block.number())
                    .isEqualTo(block);
        }
        for (Path output : sequencerKills.outputs) {
            assertThat(Files.readString(output)).as("what the sequencer printed in %s", output)
                    .doesNotContain("were acknowledged; redelivering").doesNotContain("refuses block");
        }
    }

    /**
     * Starts one service in the foreground again and again, each time as soon as the last one is
     * dead, and SIGKILLs it at a random moment: every other time during its start-up (a random
     * moment within the time its last start took to be ready), the others once it runs and a new
     * block has reached the node since it became ready (so blocks flow between the kills), 0-400
     * ms after that. Each start prints to its own file.
     */
    private final class KillLoop implements Callable<Void> {

        private final String name;
        private final ServiceCli service;
        private final List<String> args;
        private final String node;
        private final Random random;
        private final List<Block> served;
        final List<Path> outputs = new ArrayList<>();

        KillLoop(String name, ServiceCli service, List<String> initArgs, String node, Random random, List<Block> served) {
            this.name = name;
            this.service = service;
            this.args = new ArrayList<>(initArgs);
            this.args.add("--no-daemon");
            this.node = node;
            this.random = random;
            this.served = served;
        }

        @Override
        public Void call() throws Exception {
            long startupMillis = 0;
            for (int round = 0; round < KILLS; round++) {
                Path output = tmp.resolve(name + "-" + round + ".out");
                outputs.add(output);
                long spawned = System.nanoTime();
                Process process = service.start(output, args);
                if (round % 2 == 0) {
                    await(DEADLINE, "mojave-" + name + " ready, start " + round + " (see " + output + ")",
                            () -> Files.readString(output).contains("mojave-" + name + " started"));
                    startupMillis = (System.nanoTime() - spawned) / 1_000_000;
                    awaitNewBlock("after start " + round + " of the " + name);
                    Thread.sleep(random.nextInt(400)); // a random moment, not a wait for a condition
                } else {
                    Thread.sleep(random.nextLong(startupMillis)); // a random moment of the start-up
                }
                process.destroyForcibly(); // SIGKILL on Linux (the exit status below says so), unless it is already dead
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the %s killed at start %d exits", name, round).isTrue();
                assertThat(process.exitValue()).as("the %s ran until SIGKILL, start %d; it printed: %s", name, round,
                        Files.readString(output)).isEqualTo(128 + 9);
            }
            return null;
        }

        /** Waits until the node's head is above the first head read now; records that block's hash. */
        private void awaitNewBlock(String what) throws Exception {
            Block[] first = { null };
            await(DEADLINE, "a new block at the node " + what, () -> {
                Block head = headOrNull();
                if (first[0] == null || head == null) {
                    first[0] = first[0] == null ? head : first[0];
                    return false;
                }
                if (head.number() <= first[0].number()) {
                    return false;
                }
                served.add(head);
                return true;
            });
        }

        /** The node's head block, or null while the node is down (the other loop kills it). */
        private Block headOrNull() {
            try {
                return Block.fromJson((JsonObject) rpc(node, "eth_getBlockByNumber", "latest", false));
            } catch (Exception e) {
                return null;
            }
        }
    }

    // ---- helpers ----

    /**
     * Stops the sequencer, reads what its store holds, starts it again, and checks that the node's
     * chain (gap- and fork-free by {@link #wholeChain}) has every one of those blocks, unchanged.
     */
    private List<Block> assertEveryStoredBlockArrives(String node) throws Exception {
        stopSequencer();
        return assertStoredBlocksArrive(node);
    }

    /** {@link #assertEveryStoredBlockArrives} once the sequencer is stopped or dead. */
    private List<Block> assertStoredBlocksArrive(String node) throws Exception {
        List<Block> stored = storedBlocks(datadir.resolve("sequencer").resolve("sequencer.mv.db"));
        startSequencer(node);
        awaitHeight(node, stored.size() - 1, DEADLINE);
        List<Block> chain = wholeChain(node);
        assertThat(chain.subList(0, stored.size())).as("the node has every block the sequencer stored").isEqualTo(stored);
        return chain;
    }

    private static List<Block> storedBlocks(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Long, String> blocks = store.openMap("blocks");
            List<Block> all = new ArrayList<>();
            for (long n = 0; n <= blocks.lastKey(); n++) {
                String json = blocks.get(n);
                assertThat(json).as("stored block %d", n).isNotNull();
                all.add(Block.fromJson(new JsonObject(json)));
            }
            return all;
        } finally {
            store.close();
        }
    }

    /** A fresh 2 MB tmpfs under the test's folder; skips the test (saying why) where mounting is refused. */
    private Path tmpfs(String name) throws Exception {
        Path mount = Files.createDirectories(tmp.resolve(name));
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assumeTrue(process.waitFor() == 0, "cannot mount a tmpfs here (root needed): " + output);
        mounts.add(mount);
        return mount;
    }

    /** Fills {@code disk} up to the last byte with one file; returns it. */
    private static Path fill(Path disk) throws IOException {
        Path filler = disk.resolve("filler");
        byte[] chunk = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String health(String url) throws Exception {
        return get(url).body();
    }

    private static int healthCode(String url) throws Exception {
        return get(url).statusCode();
    }
}
