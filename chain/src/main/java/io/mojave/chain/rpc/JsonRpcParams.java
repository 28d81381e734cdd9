package io.mojave.chain.rpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The positional parameters of a call, with accessors that answer "invalid params" (-32602),
 * naming the parameter, when one is missing or of the wrong type. Named parameters (an object)
 * are not supported by the methods here and are refused the same way.
 */
public final class JsonRpcParams {

    private final JsonArray values;

    private JsonRpcParams(JsonArray values) {
        this.values = values;
    }

    /** The parameters of a request's {@code params} member: an array, or absent (none). */
    static JsonRpcParams of(Object params) throws JsonRpcException {
        if (params == null) {
            return new JsonRpcParams(new JsonArray());
        }
        if (params instanceof JsonArray array) {
            return new JsonRpcParams(array);
        }
        if (params instanceof JsonObject) {
            throw JsonRpcException.invalidParams("named parameters are not supported: pass params as an array");
        }
        throw new IllegalStateException("params are checked to be an array or an object before this");
    }

    /** The number of parameters given. */
    public int size() {
        return values.size();
    }

    /** Refuses more than {@code max} parameters. */
    public JsonRpcParams atMost(int max) throws JsonRpcException {
        if (values.size() > max) {
            throw JsonRpcException.invalidParams("too many arguments, want at most " + max);
        }
        return this;
    }

    /** The parameter at {@code index}, a string. */
    public String string(int index, String name) throws JsonRpcException {
        return typed(index, name, String.class, "a string");
    }

    /** The parameter at {@code index}, an object. */
    public JsonObject object(int index, String name) throws JsonRpcException {
        return typed(index, name, JsonObject.class, "an object");
    }

    /** The parameter at {@code index}, a boolean, or {@code fallback} if there are fewer parameters. */
    public boolean bool(int index, String name, boolean fallback) throws JsonRpcException {
        if (index >= values.size()) {
            return fallback;
        }
        return typed(index, name, Boolean.class, "a boolean");
    }

    private <T> T typed(int index, String name, Class<T> type, String described) throws JsonRpcException {
        if (index >= values.size()) {
            throw JsonRpcException.invalidParams("missing value for required argument " + index + " (" + name + ")");
        }
        Object value = values.getValue(index);
        if (!type.isInstance(value)) {
            throw JsonRpcException.invalidParams("argument " + index + " (" + name + ") must be " + described);
        }
        return type.cast(value);
    }
}
