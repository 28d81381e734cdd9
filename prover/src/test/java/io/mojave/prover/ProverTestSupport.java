package io.mojave.prover;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.web3j.crypto.Hash;

import io.mojave.chain.Hash32;
import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the prover's end-to-end tests: the API on a free port (never the default 3900, which a
 * devnet on this machine may hold), read from init's ready line, and JSON-RPC calls with
 * rest-assured.
 */
abstract class ProverTestSupport extends DaemonTestSupport {

    private static final Pattern API = Pattern.compile("api (http://[^,)\\s]+)");

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
        ServiceCli.Result result = cli.run(initArgs(extra));
        assertThat(result.exitCode()).as("init exit code; printed: %s", result.output()).isZero();
        parseStarted(result.out());
        Matcher matcher = API.matcher(result.out());
        assertThat(matcher.find()).as("api endpoint in: %s", result.out()).isTrue();
        return matcher.group(1);
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

    /** POSTs {@code body} as JSON and returns the response body (asserting 200 and JSON). */
    protected static String post(String url, String body) {
        return given().contentType("application/json").body(body).post(url)
                .then().statusCode(200).contentType("application/json").extract().asString();
    }

    /** Calls {@code method} with {@code params} (id 1) and returns the whole response object. */
    protected static JsonObject call(String url, String method, Object... params) {
        JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method)
                .put("params", new JsonArray(java.util.Arrays.asList(params)));
        JsonObject response = new JsonObject(post(url, request.encode()));
        assertThat(response.getString("jsonrpc")).isEqualTo("2.0");
        assertThat(response.getValue("id")).isEqualTo(1);
        return response;
    }

    /** The result of a call that must succeed. */
    protected static Object result(String url, String method, Object... params) {
        JsonObject response = call(url, method, params);
        assertThat(response.containsKey("error")).as("error in %s", response).isFalse();
        assertThat(response.containsKey("result")).as("result in %s", response).isTrue();
        return response.getValue("result");
    }

    /** The error of a call that must fail. */
    protected static JsonObject error(String url, String method, Object... params) {
        JsonObject response = call(url, method, params);
        assertThat(response.containsKey("result")).as("result in %s", response).isFalse();
        return response.getJsonObject("error");
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
