package io.mojave.sequencer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mojave.chain.BlockSigner;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonObject;

/** A sequencer alive but not doing its job says so: DEGRADED, with the node's reason, and the node logs the refusal at WARN. */
class SequencerHealthIT extends SequencerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A key the node's genesis does not trust. */
    private static final String UNTRUSTED_KEY = "6b".repeat(32);

    @Test
    void aSequencerWhoseBlocksTheNodeRefusesIsDegradedWithTheReason() throws Exception {
        String node = startNode(0);
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", UNTRUSTED_KEY);
        Started sequencer = startSequencer(node);
        String untrusted = new BlockSigner(HexFormat.of().parseHex(UNTRUSTED_KEY)).address().hex();
        String reason = "the node at " + node + " refuses block 1 (block rejected: miner " + untrusted
                + " is not the trusted sequencer " + SIGNER.address().hex() + ")";

        String[] body = { "" };
        await(DEADLINE, "a DEGRADED /health (last: " + body[0] + ")", () -> {
            body[0] = given().get(sequencer.healthUrl()).then().statusCode(200).extract().asString();
            return body[0].contains("DEGRADED");
        });
        JsonObject health = new JsonObject(body[0]);
        assertThat(health.getString("status")).isEqualTo("DEGRADED");
        assertThat(health.getString("reason")).isEqualTo(reason);

        ServiceCli.Result status = cli.run("status", "--datadir", datadir.toString());
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.out()).startsWith("mojave-sequencer is running (pid " + sequencer.pid() + ", version ")
                .contains(", health DEGRADED: " + reason + ", datadir ");

        // the node says why, at WARN, and stores nothing
        List<JsonObject> warnings = Files.readAllLines(nodeDatadir.resolve("node.log")).stream().filter(line -> line.startsWith("{"))
                .map(JsonObject::new).filter(record -> "WARN".equals(record.getString("level"))).toList();
        assertThat(warnings).as("WARN records of the node").isNotEmpty();
        assertThat(warnings.get(0).getString("message")).matches("Refused block 1 \\(0x[0-9a-f]{64}\\): miner " + untrusted
                + " is not the trusted sequencer " + SIGNER.address().hex() + "; the head is block 0");
        assertThat(height(node)).isZero();
    }
}
