package io.mojave.sequencer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.ServiceCli;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Issue #14 on the built jars and the real clock: a node that gets no new block from the sequencer
 * for longer than {@code --sequencer.quiet_time} (1 s here, against 30 s by default) reports
 * DEGRADED with the reason in {@code /health} and in {@code status}, and UP again once a sequencer
 * delivers. Here, in the sequencer's module, because it takes a real sequencer.
 */
class NodeWithoutSequencerIT extends SequencerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A quiet time as printed in a reason: whole seconds, or tenths below 10 s. */
    private static final String SECONDS = "\\d+(\\.\\d)? s";
    private static final Pattern NEVER_FED = Pattern.compile(Pattern.quote("no block from the sequencer since the node started ")
            + SECONDS + Pattern.quote(" ago (more than 1.0 s); is the sequencer running, and does it deliver to this node?"));
    // the threshold is the larger of 1 s and 30 block times (~3 s with 100 ms blocks: not asserted, it is measured)
    private static final Pattern NO_NEW_BLOCK = Pattern.compile(Pattern.quote("no new block from the sequencer for ") + SECONDS
            + Pattern.quote(" (more than ") + SECONDS
            + Pattern.quote(": the larger of 1.0 s and 30 block times); is the sequencer running?"));

    @Test
    void aNodeWithoutBlocksForLongerThanItsQuietTimeIsDegradedWithTheReasonAndUpAgainOnceBlocksCome() throws Exception {
        List<String> args = new ArrayList<>(nodeInitArgs(0));
        args.addAll(List.of("--sequencer.quiet_time", "1s"));
        ServiceCli.Result init = nodeCli.run(args.toArray(String[]::new));
        assertThat(init.exitCode()).as("node init; printed: %s", init.output()).isZero();
        String node = find(RPC, init.out());
        String health = find(HEALTH, init.out());

        // no sequencer yet: DEGRADED a second after the start
        assertDegraded(health, NEVER_FED);

        // a sequencer delivers: UP
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        startSequencer(node);
        awaitUp(health);
        long fed = awaitHeight(node, 1, DEADLINE);

        // the sequencer stops: DEGRADED once its blocks have stopped for the threshold
        stopSequencer();
        assertDegraded(health, NO_NEW_BLOCK);

        // a sequencer delivers again: UP
        startSequencer(node);
        awaitUp(health);
        awaitHeight(node, fed + 1, DEADLINE);
        assertThat(status().out()).contains(", health UP, datadir ");
    }

    /** Waits for a DEGRADED /health; then it, status and status --json must all give a reason matching {@code reason}. */
    private void assertDegraded(String health, Pattern reason) throws Exception {
        Response[] last = { null };
        await(DEADLINE, "a DEGRADED /health", () -> {
            last[0] = given().get(health);
            return last[0].asString().contains("\"DEGRADED\"");
        });
        assertThat(last[0].statusCode()).as("/health's code when DEGRADED").isEqualTo(200);
        JsonObject body = new JsonObject(last[0].asString());
        assertThat(body.getString("status")).isEqualTo("DEGRADED");
        assertThat(body.getString("reason")).matches(reason);

        // the node stays DEGRADED while no block comes: status sees the same, with a later quiet time
        ServiceCli.Result status = status();
        assertThat(status.out()).startsWith("mojave-node is running (pid ");
        Matcher line = Pattern.compile(", health DEGRADED: (.*), datadir ").matcher(status.out());
        assertThat(line.find()).as("health in: %s", status.out()).isTrue();
        assertThat(line.group(1)).matches(reason);

        ServiceCli.Result json = nodeCli.run("status", "--json", "--datadir", nodeDatadir.toString());
        assertThat(json.exitCode()).as("status --json: %s", json.output()).isZero();
        JsonObject reported = new JsonObject(json.out()).getJsonObject("health");
        assertThat(reported.getString("status")).isEqualTo("DEGRADED");
        assertThat(reported.getString("reason")).matches(reason);
    }

    private static void awaitUp(String health) throws Exception {
        await(DEADLINE, "/health UP", () -> {
            Response response = given().get(health);
            return response.statusCode() == 200 && new JsonObject(response.asString()).getString("status").equals("UP");
        });
    }

    /** {@code status}, which exits 0 for a running node, UP or DEGRADED. */
    private ServiceCli.Result status() {
        ServiceCli.Result status = nodeCli.run("status", "--datadir", nodeDatadir.toString());
        assertThat(status.exitCode()).as("status: %s", status.output()).isZero();
        return status;
    }
}
