package io.mojave.chain.rpc;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON codec for the Mojave services: Jackson's streaming parser and generator
 * ({@link JacksonCodec}), without jackson-databind. Registered as a {@link JsonFactory} service
 * ordered ahead of Quarkus' factory, which would build an {@code ObjectMapper}: some 500 classes
 * and their heap, metaspace and JIT work in every daemon, for JSON that here is only ever
 * {@code JsonObject}, {@code JsonArray}, strings, numbers, booleans and null. The price is that
 * {@code JsonObject.mapTo}/{@code mapFrom} (POJO binding) is not available.
 */
public final class StreamingJsonFactory implements JsonFactory {

    /** Ahead of every factory that keeps the default order ({@link Integer#MAX_VALUE}), Quarkus' among them. */
    static final int ORDER = 0;

    private static final JsonCodec CODEC = new JacksonCodec();

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public JsonCodec codec() {
        return CODEC;
    }
}
