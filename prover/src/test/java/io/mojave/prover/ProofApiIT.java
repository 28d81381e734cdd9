package io.mojave.prover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mojave.chain.BlockSigner;
import io.mojave.chain.Hash32;
import io.mojave.chain.Signatures;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The prover's API on the built jar, through bin/mojave-prover: proofs requested and fetched,
 * deduplication, bad parameters, the bounded queue, and accepted jobs surviving stop/start and
 * SIGKILL. Proving is made observable by the hidden JVM property
 * {@code -Dmojave.prover.proof-delay}, given through {@code JAVA_OPTS} (it passes the daemon
 * child's JVM option allow-list).
 */
class ProofApiIT extends ProverTestSupport {

    private static final String KEY = "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    private static final BlockSigner SIGNER = new BlockSigner(HexFormat.of().parseHex(KEY));

    @Test
    void aRequestedProofIsASignedCommitmentToTheBlockHashesAndABatchIsProvedOnce() throws Exception {
        Path keyFile = privateFile("prover.key", "  0x" + KEY + "\n");
        String api = initApi("--prover.private_key.file", keyFile.toString(), "--prover.aligned-mode");
        JsonObject batch = batch(1, 3, 0);

        String id = request(api, batch);
        assertThat(id).isEqualTo("0x1-0x3");
        JsonObject proof = awaitProof(api, id);
        String commitment = expectedCommitment(batch);
        assertThat(proof.getString("commitment")).isEqualTo(commitment);
        assertThat(proof.getString("type")).contains("stand-in for a zero-knowledge proof");
        assertThat(proof.getString("fromBlock")).isEqualTo("0x1");
        assertThat(proof.getString("toBlock")).isEqualTo("0x3");
        assertThat(proof.getBoolean("alignedMode")).isTrue();
        assertThat(proof.getBoolean("signed")).isTrue();
        assertThat(proof.getString("signer")).isEqualTo(SIGNER.address().hex());
        assertThat(Signatures.recover(Hash32.parse(commitment), proof.getString("signature")))
                .as("the signature over the commitment recovers the prover key's address").isEqualTo(SIGNER.address());
        assertThat(proofStatus(api, id)).isEqualTo(new JsonObject().put("id", id).put("status", "done").put("proof", proof));

        // the same range again: the same id, the same proof, not proved a second time
        assertThat(request(api, batch)).isEqualTo(id);
        assertThat(request(api, batch(1, 3, 0))).isEqualTo(id);
        assertThat(proofStatus(api, id).getJsonObject("proof")).isEqualTo(proof);
        // the same range with other block hashes: refused with -32006, the first batch's proof kept
        JsonObject conflicting = error(api, "mojave_requestProof", batch(1, 3, 1));
        assertThat(conflicting.getInteger("code")).as("%s", conflicting).isEqualTo(-32006);
        assertThat(conflicting.getString("message")).contains("blocks 0x1-0x3 were accepted before with other block hashes");
        assertThat(proofStatus(api, id).getJsonObject("proof")).isEqualTo(proof);
        // a single-block batch
        String single = request(api, batch(4, 4, 0));
        assertThat(single).isEqualTo("0x4-0x4");
        assertThat(awaitProof(api, single).getString("commitment")).isEqualTo(expectedCommitment(batch(4, 4, 0)));
        assertThat(timesProved(id)).isEqualTo(1);
        assertThat(log()).doesNotContain(KEY).contains("--prover.private_key.file=" + keyFile);
        assertThat(Proc.commandLine(Long.parseLong(Files.readString(pidFile()).strip()))).doesNotContain(KEY);

        // bad params: -32602, saying why, and nothing accepted
        assertInvalid(api, "argument 0 (batch): fromBlock (5) must not be above toBlock (4)",
                new JsonObject().put("fromBlock", "0x5").put("toBlock", "0x4").put("blockHashes", new JsonArray()));
        JsonObject twoForThree = batch(10, 12, 0);
        twoForThree.getJsonArray("blockHashes").remove(2);
        assertInvalid(api, "blockHashes has 2 hashes, but blocks 10 to 12 are 3", twoForThree);
        JsonObject badHash = batch(10, 11, 0);
        badHash.getJsonArray("blockHashes").set(1, "0x1234");
        assertInvalid(api, "blockHashes[1]: expected 32 bytes", badHash);
        assertInvalid(api, "fromBlock: a quantity has no leading zeros", batch(10, 11, 0).put("fromBlock", "0x0a"));
        assertInvalid(api, "toBlock must be a hex quantity string", batch(10, 11, 0).put("toBlock", 11));
        assertInvalid(api, "blockHashes must be an array", batch(10, 11, 0).put("blockHashes", "0x00"));
        assertInvalid(api, "missing value for required argument 0 (batch)");
        assertInvalid(api, "argument 0 (batch) must be an object", "0x1-0x3");
        assertInvalid(api, "too many arguments, want at most 1", batch(10, 11, 0), batch(12, 13, 0));
        assertThat(error(api, "mojave_getProof", "0xa-0xb").getInteger("code")).as("nothing of them was accepted").isEqualTo(-32001);

        JsonObject unknown = error(api, "mojave_getProof", "0x7-0x9");
        assertThat(unknown.getInteger("code")).isEqualTo(-32001);
        assertThat(unknown.getString("message")).contains("no proof job 0x7-0x9");
        assertThat(error(api, "mojave_getProof").getInteger("code")).isEqualTo(-32602);
        assertThat(error(api, "mojave_getProof", 7).getString("message")).contains("argument 0 (id) must be a string");
        assertThat(error(api, "mojave_proveEverything").getInteger("code")).isEqualTo(-32601);
        assertThat(new JsonObject(post(api, "{not json")).getJsonObject("error").getInteger("code")).isEqualTo(-32700);
    }

    @Test
    void aFullQueueRefusesWithQueueFullAndLosesNoAcceptedJobAcrossStopAndStart() throws Exception {
        cli.withEnv("JAVA_OPTS", "-Dmojave.prover.proof-delay=1500ms");
        String api = initApi("--prover.queue-capacity", "1");
        JsonObject first = batch(1, 2, 0);
        JsonObject second = batch(3, 4, 0);

        String firstId = request(api, first);
        JsonObject full = error(api, "mojave_requestProof", second);
        assertThat(full.getInteger("code")).isEqualTo(-32005);
        assertThat(full.getString("message")).isEqualTo("queue full: 1 job pending, retry later");
        assertThat(request(api, first)).as("an accepted batch again, even when full").isEqualTo(firstId);
        assertThat(proofStatus(api, firstId)).isEqualTo(new JsonObject().put("id", firstId).put("status", "pending"));
        assertThat(error(api, "mojave_getProof", "0x3-0x4").getInteger("code")).as("the refused one was not kept").isEqualTo(-32001);

        // stopped while the job is pending: it is resumed by the next start
        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        cli.withEnv("JAVA_OPTS", "-Dmojave.prover.proof-delay=300ms");
        api = initApi("--prover.queue-capacity", "1");
        JsonObject proof = awaitProof(api, firstId);
        assertThat(proof.getString("commitment")).isEqualTo(expectedCommitment(first));
        assertThat(proof.getBoolean("signed")).isFalse();
        assertThat(proof.getValue("signature")).isNull();
        assertThat(proof.getString("note")).contains("unsigned");
        assertThat(proof.getBoolean("alignedMode")).isFalse();
        assertThat(log()).contains("Resuming 1 pending proof job(s)");

        // room again: the retried batch is accepted and proved
        String secondId = request(api, second);
        assertThat(awaitProof(api, secondId).getString("commitment")).isEqualTo(expectedCommitment(second));

        // finished proofs survive a stop and start too
        assertThat(cli.run("stop", "--datadir", datadir.toString()).exitCode()).isZero();
        cli.withEnv("JAVA_OPTS", "");
        api = initApi("--prover.queue-capacity", "1");
        assertThat(proofStatus(api, firstId).getJsonObject("proof")).isEqualTo(proof);
        assertThat(proofStatus(api, secondId).getString("status")).isEqualTo("done");
        assertThat(timesProved(firstId)).isEqualTo(1);
        assertThat(timesProved(secondId)).isEqualTo(1);
    }

    @Test
    void jobsAcceptedBeforeASigkillAreAllProvedAfterTheNextStart() throws Exception {
        cli.withEnv("JAVA_OPTS", "-Dmojave.prover.proof-delay=2s");
        String api = initApi("--prover.queue-capacity", "4", "--prover.private_key", KEY);
        Map<String, JsonObject> accepted = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            JsonObject batch = batch(10L * i + 1, 10L * i + 10, i);
            accepted.put(request(api, batch), batch);
        }
        assertThat(error(api, "mojave_requestProof", batch(41, 50, 0)).getInteger("code")).isEqualTo(-32005);
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        Proc.kill("KILL", pid);
        assertThat(Proc.awaitExit(pid, Duration.ofSeconds(10))).isTrue();

        cli.withEnv("JAVA_OPTS", "");
        String again = initApi("--prover.queue-capacity", "4", "--prover.private_key", KEY);
        for (Map.Entry<String, JsonObject> job : accepted.entrySet()) {
            JsonObject proof = awaitProof(again, job.getKey());
            assertThat(proof.getString("commitment")).isEqualTo(expectedCommitment(job.getValue()));
            assertThat(Signatures.recover(Hash32.parse(proof.getString("commitment")), proof.getString("signature")))
                    .isEqualTo(SIGNER.address());
            assertThat(timesProved(job.getKey())).as("times %s was proved", job.getKey()).isLessThanOrEqualTo(1);
        }
        assertThat(request(again, batch(41, 50, 0))).isEqualTo("0x29-0x32");
    }

    @Test
    void aBadKeyFileFailsInTheTerminalNamingTheFileNotItsContent() throws Exception {
        String secretLooking = "0x" + "zz".repeat(32);
        Path bad = privateFile("bad.key", secretLooking + "\n");
        ServiceCli.Result result = cli.run(initArgs("--prover.private_key.file", bad.toString()));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("--prover.private_key.file " + bad)
                .contains("other characters").doesNotContain("zz");
        assertThat(result.err().lines()).hasSize(1);

        ServiceCli.Result missing = cli.run(initArgs("--prover.private_key.file", tmp.resolve("none.key").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--prover.private_key.file " + tmp.resolve("none.key") + ": no such file");

        Path open = privateFile("open.key", KEY);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
        ServiceCli.Result readable = cli.run(initArgs("--prover.private_key.file", open.toString()));
        assertThat(readable.exitCode()).isEqualTo(2);
        assertThat(readable.err()).contains("--prover.private_key.file " + open
                + ": every user may read or write it (mode 0666); a private key must be private: chmod 600 " + open);

        Path good = privateFile("good.key", KEY);
        ServiceCli.Result both = cli.run(initArgs("--prover.private_key.file", good.toString(), "--prover.private_key", KEY));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("not both").doesNotContain(KEY);
        assertThat(pidFile()).doesNotExist();
    }

    private static void assertInvalid(String api, String message, Object... params) {
        JsonObject error = error(api, "mojave_requestProof", params);
        assertThat(error.getInteger("code")).as("%s", error).isEqualTo(-32602);
        assertThat(error.getString("message")).contains(message);
    }
}
