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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** SIGKILLs, alternately of the node and of the sequencer: each costs a start (~1-9 s on a busy 2-core machine). */
    private static final int KILLS = Integer.getInteger("faults.kills", 10);
    private static final Pattern HEALTH = Pattern.compile("health (http://[^,)\\s]+)");
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
        String node = find(Pattern.compile("rpc (http://[^,)\\s]+)"), init.out());
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

    @Test
    void sigkillsOfNodeAndSequencerAtRandomMomentsLoseNothingAndForkNothing() throws Exception {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        String node = startNode(0);
        int nodePort = URI.create(node).getPort();
        startSequencer(node);
        awaitHeight(node, 3, DEADLINE);
        Random random = new Random(Long.getLong("faults.seed", System.nanoTime()));
        List<Block> acknowledged = wholeChain(node);
        for (int round = 0; round < KILLS; round++) {
            Thread.sleep(random.nextInt(400)); // a random moment, not a wait for a condition
            boolean killNode = round % 2 == 0;
            long headBefore = height(node);
            if (killNode) {
                killNode();
                assertThat(startNode(nodePort)).isEqualTo(node);
            } else {
                long pid = Long.parseLong(Files.readString(pidFile()).strip());
                Proc.kill("KILL", pid);
                assertThat(Proc.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
                startSequencer(node);
            }
            awaitHeight(node, headBefore + 1, DEADLINE);
        }
        List<Block> chain = assertEveryStoredBlockArrives(node);
        assertThat(chain.subList(0, acknowledged.size())).isEqualTo(acknowledged);
    }

    // ---- helpers ----

    /**
     * Stops the sequencer, reads what its store holds, starts it again, and checks that the node's
     * chain (gap- and fork-free by {@link #wholeChain}) has every one of those blocks, unchanged.
     */
    private List<Block> assertEveryStoredBlockArrives(String node) throws Exception {
        stopSequencer();
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

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in: %s", pattern, text).isTrue();
        return matcher.group(1);
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
