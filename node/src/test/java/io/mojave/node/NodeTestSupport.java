package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mojave.chain.BlockSigner;
import io.mojave.daemon.testing.DaemonTestSupport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the node's end-to-end tests: the JSON-RPC server on a free port (never the default
 * 8545, which a devnet on this machine may hold), and JSON-RPC calls with rest-assured.
 */
abstract class NodeTestSupport extends DaemonTestSupport {

    private static final Pattern RPC = Pattern.compile("rpc (http://[^,)\\s]+)");

    /** The key of this test's sequencer (not the dev key: a node must be told to trust it). */
    static final BlockSigner TEST_SEQUENCER = new BlockSigner(HexFormat.of().parseHex("46".repeat(32)));

    /** Another key, whose blocks the node must refuse. */
    static final BlockSigner STRANGER = new BlockSigner(HexFormat.of().parseHex("47".repeat(32)));

    @Override
    protected String service() {
        return "node";
    }

    @Override
    protected String[] serviceOptions() {
        return new String[] { "--http.port", "0" };
    }

    /** Starts the node and returns the URL of its JSON-RPC server, from the ready line. */
    protected String initRpc(String... extra) {
        var result = cli.run(initArgs(extra));
        assertThat(result.exitCode()).as("init exit code; printed: %s", result.output()).isZero();
        parseStarted(result.out());
        Matcher matcher = RPC.matcher(result.out());
        assertThat(matcher.find()).as("rpc endpoint in: %s", result.out()).isTrue();
        return matcher.group(1);
    }

    /** POSTs {@code body} as JSON and returns the response body (asserting 200 and JSON). */
    protected static String post(String url, String body) {
        return given().contentType("application/json").body(body).post(url)
                .then().statusCode(200).contentType("application/json").extract().asString();
    }

    /** Calls {@code method} with {@code params} (id 1) and returns the whole response object. */
    protected static JsonObject call(String url, String method, Object... params) {
        JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method)
                .put("params", new JsonArray(java.util.List.of(params)));
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
}
