package io.mojave.daemon.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the end-to-end tests of a service that serves JSON-RPC 2.0: finds its endpoint in
 * {@code init}'s ready line and calls it with rest-assured.
 */
public abstract class JsonRpcTestSupport extends DaemonTestSupport {

    /**
     * Starts the daemon and returns the URL of its endpoint named {@code name} in the ready line
     * ({@code "rpc http://127.0.0.1:P"} for the node, {@code "api ..."} for the prover).
     */
    protected String initEndpoint(String name, String... extra) {
        ServiceCli.Result result = cli.run(initArgs(extra));
        assertThat(result.exitCode()).as("init exit code; printed: %s", result.output()).isZero();
        parseStarted(result.out());
        Matcher matcher = Pattern.compile(Pattern.quote(name) + " (http://[^,)\\s]+)").matcher(result.out());
        assertThat(matcher.find()).as("%s endpoint in: %s", name, result.out()).isTrue();
        return matcher.group(1);
    }

    /** A server that accepts and never answers fails the call after this, rather than hanging the test. */
    private static final RestAssuredConfig WITH_TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 30_000));

    /** POSTs {@code body} as JSON and returns the response body (asserting 200 and JSON). */
    protected static String post(String url, String body) {
        return given().config(WITH_TIMEOUTS).contentType("application/json").body(body).post(url)
                .then().statusCode(200).contentType("application/json").extract().asString();
    }

    /** Calls {@code method} with {@code params} (id 1) and returns the whole response object. */
    protected static JsonObject call(String url, String method, Object... params) {
        JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method)
                .put("params", new JsonArray(Arrays.asList(params)));
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
