package io.mojave.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class JsonRpcDispatcherTest {

    private final AtomicInteger notified = new AtomicInteger();

    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher()
            .register("echo", params -> params.atMost(1).string(0, "text"))
            .register("flag", params -> params.bool(0, "flag", false))
            .register("count", params -> notified.incrementAndGet())
            .register("refuse", params -> {
                throw new JsonRpcException(JsonRpcException.SERVER_ERROR, "refused", new JsonObject().put("why", "test"));
            })
            .register("boom", params -> {
                throw new IllegalStateException("secret detail");
            });

    private JsonObject one(String body) {
        return new JsonObject(dispatcher.handle(body));
    }

    private static int code(JsonObject response) {
        return response.getJsonObject("error").getInteger("code");
    }

    @Test
    void answersACallWithItsId() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":[\"hi\"]}");
        assertThat(response).isEqualTo(new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("result", "hi"));
        assertThat(one("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"flag\"}").getValue("result")).isEqualTo(false);
        assertThat(one("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"flag\",\"params\":[true]}").getValue("result"))
                .isEqualTo(true);
    }

    @Test
    void invalidJsonIsAParseErrorWithANullId() {
        for (String body : new String[] { "{", "", "{\"jsonrpc\":\"2.0\",}", "[1,", "{} {}" }) {
            JsonObject response = one(body);
            assertThat(code(response)).as(body).isEqualTo(-32700);
            assertThat(response.containsKey("id")).isTrue();
            assertThat(response.getValue("id")).isNull();
        }
    }

    @Test
    void somethingThatIsNotARequestIsAnInvalidRequest() {
        assertThat(code(one("42"))).isEqualTo(-32600);
        assertThat(code(one("\"x\""))).isEqualTo(-32600);
        assertThat(code(one("[]"))).isEqualTo(-32600);
        assertThat(code(one("{\"id\":1,\"method\":\"echo\"}"))).isEqualTo(-32600);
        assertThat(code(one("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"echo\"}"))).isEqualTo(-32600);
        assertThat(code(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"))).isEqualTo(-32600);
        assertThat(code(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":\"x\"}"))).isEqualTo(-32600);
        JsonObject badId = one("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"echo\"}");
        assertThat(code(badId)).isEqualTo(-32600);
        assertThat(badId.getValue("id")).isNull();
        assertThat(one("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":5}").getValue("id")).isEqualTo(3);
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        JsonObject response = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nope\"}");
        assertThat(code(response)).isEqualTo(-32601);
        assertThat(response.getJsonObject("error").getString("message")).contains("nope");
    }

    @Test
    void badParamsAreInvalidParamsNamingTheArgument() {
        JsonObject missing = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[]}");
        assertThat(code(missing)).isEqualTo(-32602);
        assertThat(missing.getJsonObject("error").getString("message")).contains("argument 0 (text)");
        assertThat(code(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}"))).isEqualTo(-32602);
        assertThat(code(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\",\"b\"]}"))).isEqualTo(-32602);
        assertThat(code(one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"text\":\"a\"}}"))).isEqualTo(-32602);
    }

    @Test
    void methodErrorsKeepTheirCodeAndDataAndFailuresHideTheirDetail() {
        JsonObject refused = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"refuse\"}");
        assertThat(refused.getJsonObject("error")).isEqualTo(new JsonObject().put("code", -32000).put("message", "refused")
                .put("data", new JsonObject().put("why", "test")));
        JsonObject boom = one("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"boom\"}");
        assertThat(code(boom)).isEqualTo(-32603);
        assertThat(boom.encode()).doesNotContain("secret detail");
    }

    @Test
    void aBatchGetsOneResponsePerCallButNoneForNotifications() {
        String body = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"a\"]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"count\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
                + "1]";
        JsonArray responses = new JsonArray(dispatcher.handle(body));
        assertThat(responses).hasSize(3);
        assertThat(responses.getJsonObject(0).getString("result")).isEqualTo("a");
        assertThat(code(responses.getJsonObject(1))).isEqualTo(-32601);
        assertThat(code(responses.getJsonObject(2))).isEqualTo(-32600);
        assertThat(notified).hasValue(1);
    }

    @Test
    void notificationsRunButGetNoResponseEvenWhenTheyFail() {
        assertThat(dispatcher.handle("{\"jsonrpc\":\"2.0\",\"method\":\"count\"}")).isNull();
        assertThat(dispatcher.handle("[{\"jsonrpc\":\"2.0\",\"method\":\"count\"},{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]"))
                .isNull();
        assertThat(notified).hasValue(2);
    }
}
