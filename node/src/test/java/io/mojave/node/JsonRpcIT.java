package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mojave.chain.DevKeys;
import io.mojave.chain.Genesis;
import io.mojave.chain.Hash32;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON-RPC 2.0 conformance of the node on the built artifact: every method and every error code. */
class JsonRpcIT extends NodeTestSupport {

    private static final String GENESIS_HASH = Genesis.dev().block().hash().hex();

    @Test
    void everyMethodAnswersInEthereumsFormats() {
        String rpc = initRpc();

        assertThat((String) result(rpc, "web3_clientVersion")).startsWith("mojave-node/v");
        assertThat(result(rpc, "net_version")).isEqualTo("1337");
        assertThat(result(rpc, "eth_chainId")).isEqualTo("0x539");
        assertThat(result(rpc, "eth_blockNumber")).isEqualTo("0x0");

        JsonObject genesis = (JsonObject) result(rpc, "eth_getBlockByNumber", "latest", false);
        assertThat(genesis).isEqualTo(new JsonObject().put("number", "0x0").put("hash", GENESIS_HASH)
                .put("parentHash", Hash32.ZERO.hex()).put("timestamp", "0x0")
                .put("miner", "0x0000000000000000000000000000000000000000").put("transactions", new JsonArray())
                .put("signature", "0x"));
        assertThat(result(rpc, "eth_getBlockByNumber", "earliest", true)).isEqualTo(genesis);
        assertThat(result(rpc, "eth_getBlockByNumber", "0x0", false)).isEqualTo(genesis);
        assertThat(result(rpc, "eth_getBlockByNumber", "0x0")).as("fullTx may be left out").isEqualTo(genesis);
        assertThat(result(rpc, "eth_getBlockByNumber", "0x1", false)).as("no such block").isNull();
        assertThat(result(rpc, "eth_getBlockByHash", GENESIS_HASH, false)).isEqualTo(genesis);
        assertThat(result(rpc, "eth_getBlockByHash", GENESIS_HASH.toUpperCase().replace("0X", "0x"), false)).isEqualTo(genesis);
        assertThat(result(rpc, "eth_getBlockByHash", "0x" + "12".repeat(32), false)).isNull();

        // the block that mojave_sendBlock accepts is what the getters return
        var block = io.mojave.chain.Block.signed(1, Hash32.parse(GENESIS_HASH), 5,
                new io.mojave.chain.BlockSigner(java.util.HexFormat.of().parseHex(DevKeys.DEV_SEQUENCER_KEY)));
        assertThat(result(rpc, "mojave_sendBlock", block.toJson())).isEqualTo(block.hash().hex());
        assertThat(result(rpc, "eth_blockNumber")).isEqualTo("0x1");
        assertThat(result(rpc, "eth_getBlockByNumber", "latest", false)).isEqualTo(block.toJson());
        assertThat(result(rpc, "eth_getBlockByHash", block.hash().hex(), false)).isEqualTo(block.toJson());
    }

    @Test
    void everyErrorCodeOfTheSpecification() {
        String rpc = initRpc();

        // -32700: not JSON, with a null id
        for (String bad : new String[] { "{", "", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"", "nonsense" }) {
            JsonObject response = new JsonObject(post(rpc, bad));
            assertThat(response.getJsonObject("error").getInteger("code")).as(bad).isEqualTo(-32700);
            assertThat(response.containsKey("id")).isTrue();
            assertThat(response.getValue("id")).isNull();
        }
        // -32600: JSON, but not a request
        for (String bad : new String[] { "42", "[]", "{\"id\":1,\"method\":\"eth_chainId\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":7}",
                "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"eth_chainId\"}" }) {
            assertThat(code(new JsonObject(post(rpc, bad)))).as(bad).isEqualTo(-32600);
        }
        // -32601
        JsonObject unknown = error(rpc, "eth_sendRawTransaction", "0x00");
        assertThat(unknown.getInteger("code")).isEqualTo(-32601);
        assertThat(unknown.getString("message")).contains("eth_sendRawTransaction");
        // -32602, for every method that takes parameters and for those that take none
        assertThat(error(rpc, "eth_chainId", 1).getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "web3_clientVersion", "x").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "net_version", "x").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_blockNumber", "x").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByNumber").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByNumber", "0x01", false).getString("message")).contains("leading zeros");
        assertThat(error(rpc, "eth_getBlockByNumber", "newest", false).getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByNumber", 1, false).getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByNumber", "latest", "yes").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByNumber", "latest", false, 3).getString("message")).contains("too many");
        assertThat(error(rpc, "eth_getBlockByHash", "0x1234", false).getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "eth_getBlockByHash").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "mojave_sendBlock").getInteger("code")).isEqualTo(-32602);
        assertThat(error(rpc, "mojave_sendBlock", "0x00").getInteger("code")).isEqualTo(-32602);
        JsonObject noHash = error(rpc, "mojave_sendBlock", new JsonObject().put("number", "0x1"));
        assertThat(noHash.getInteger("code")).isEqualTo(-32602);
        assertThat(noHash.getString("message")).contains("'hash'");
        JsonObject named = new JsonObject(post(rpc,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":{\"block\":\"latest\"}}"));
        assertThat(code(named)).isEqualTo(-32602);
        assertThat(result(rpc, "eth_blockNumber")).as("nothing was stored").isEqualTo("0x0");
    }

    @Test
    void batchesNotificationsAndHttp() {
        String rpc = initRpc();

        JsonArray batch = new JsonArray(post(rpc, "["
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"net_version\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"nope\"},"
                + "{\"foo\":\"boo\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"eth_getBlockByHash\",\"params\":[\"0x\"]}]"));
        assertThat(batch).hasSize(5);
        assertThat(batch.getJsonObject(0)).isEqualTo(new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("result", "0x539"));
        assertThat(batch.getJsonObject(1)).isEqualTo(new JsonObject().put("jsonrpc", "2.0").put("id", "two").put("result", "1337"));
        assertThat(code(batch.getJsonObject(2))).isEqualTo(-32601);
        assertThat(batch.getJsonObject(2).getValue("id")).isEqualTo(3);
        assertThat(code(batch.getJsonObject(3))).isEqualTo(-32600);
        assertThat(code(batch.getJsonObject(4))).isEqualTo(-32602);

        JsonArray invalids = new JsonArray(post(rpc, "[1, 2]"));
        assertThat(invalids).hasSize(2).allSatisfy(each -> assertThat(code((JsonObject) each)).isEqualTo(-32600));

        // notifications, alone or in a batch, get no response at all
        given().contentType("application/json").body("{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}").post(rpc)
                .then().statusCode(204);
        given().contentType("application/json")
                .body("[{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"},{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}]").post(rpc)
                .then().statusCode(204);

        given().get(rpc).then().statusCode(405).header("Allow", "POST");
    }

    private static int code(JsonObject response) {
        return response.getJsonObject("error").getInteger("code");
    }
}
