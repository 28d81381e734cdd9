package io.mojave.prover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.web3j.crypto.Hash;

import io.mojave.chain.Hash32;
import io.mojave.daemon.testing.JsonRpcTestSupport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the prover's end-to-end tests: the API on a free port (never the default 3900, which a
 * devnet on this machine may hold), read from init's ready line, and JSON-RPC calls with
 * rest-assured.
 */
abstract class ProverTestSupport extends JsonRpcTestSupport {

    @Override
    protected String service() {
        return "prover";
    }

    @Override
    protected String[] serviceOptions() {
        return new String[] { "--prover.port", "0" };
    }

    /** Starts the prover and returns the URL of its API, from the ready line. */
    protected String initApi(String... extra) {
        return initEndpoint("api", extra);
    }

    /** A batch of blocks {@code from..to} with made-up hashes (distinct per block and {@code salt}). */
    protected static JsonObject batch(long from, long to, int salt) {
        JsonArray hashes = new JsonArray();
        for (long n = from; n <= to; n++) {
            hashes.add(hash(n, salt).hex());
        }
        return new JsonObject().put("fromBlock", "0x" + Long.toHexString(from)).put("toBlock", "0x" + Long.toHexString(to))
                .put("blockHashes", hashes);
    }

    protected static Hash32 hash(long number, int salt) {
        return Hash32.of(Hash.sha3(("block " + number + " salt " + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** keccak-256 over the batch's block hashes, concatenated: computed here, independently of the prover. */
    protected static String expectedCommitment(JsonObject batch) {
        List<byte[]> parts = new ArrayList<>();
        for (Object hash : batch.getJsonArray("blockHashes")) {
            parts.add(HexFormat.of().parseHex(((String) hash).substring(2)));
        }
        byte[] all = new byte[32 * parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, 32 * i, 32);
        }
        return "0x" + HexFormat.of().formatHex(Hash.sha3(all));
    }


    /** {@code mojave_requestProof(batch)}, which must succeed: the job id. */
    protected static String request(String url, JsonObject batch) {
        return (String) result(url, "mojave_requestProof", batch);
    }

    /** {@code mojave_getProof(id)}, which must succeed. */
    protected static JsonObject proofStatus(String url, String id) {
        return (JsonObject) result(url, "mojave_getProof", id);
    }

    /** Polls {@code mojave_getProof(id)} until it is done and returns the proof. */
    protected static JsonObject awaitProof(String url, String id) throws Exception {
        await(Duration.ofSeconds(20), "proof of " + id, () -> "done".equals(proofStatus(url, id).getString("status")));
        return proofStatus(url, id).getJsonObject("proof");
    }

    /** How many times the log says job {@code id} was proved. */
    protected int timesProved(String id) throws Exception {
        String needle = "Proved job " + id + ":";
        String log = log();
        int count = 0;
        for (int at = log.indexOf(needle); at >= 0; at = log.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
