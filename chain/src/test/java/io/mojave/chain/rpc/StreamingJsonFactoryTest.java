package io.mojave.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

class StreamingJsonFactoryTest {

    /**
     * Stands for Quarkus' factory (registered in this module's test resources): a service of the
     * default order, as {@code QuarkusJacksonFactory} is, whose codec would need jackson-databind.
     */
    public static final class DefaultOrderFactory implements JsonFactory {
        @Override
        public JsonCodec codec() {
            throw new AssertionError("the default-order factory was chosen");
        }
    }

    @Test
    void winsOverAFactoryOfTheDefaultOrder() {
        assertThat(JsonFactory.load()).isInstanceOf(StreamingJsonFactory.class);
        assertThat(Json.CODEC).isExactlyInstanceOf(JacksonCodec.class);
    }

    @Test
    void roundTripsWhatJsonRpcCarries() {
        String text = "{\"a\":[1,9007199254740993,123456789012345678901234567890,1.5,\"x\",true,null,{\"b\":{}}]}";
        Object decoded = Json.decodeValue(text);
        assertThat(decoded).isInstanceOf(JsonObject.class);
        JsonArray array = ((JsonObject) decoded).getJsonArray("a");
        assertThat(array.getValue(0)).isEqualTo(1);
        assertThat(array.getValue(1)).isEqualTo(9007199254740993L);
        assertThat(array.getValue(2)).hasToString("123456789012345678901234567890");
        assertThat(array.getJsonObject(7).getJsonObject("b")).isEqualTo(new JsonObject());
        assertThat(((JsonObject) decoded).encode()).isEqualTo(text);
        assertThat(Json.decodeValue("[]")).isEqualTo(new JsonArray());
    }
}
