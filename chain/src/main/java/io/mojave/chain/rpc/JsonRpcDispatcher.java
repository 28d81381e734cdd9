package io.mojave.chain.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * JSON-RPC 2.0 without the transport: turns a request body (one request or a batch) into the
 * response body, calling the registered methods. Errors follow the specification: -32700 for
 * invalid JSON, -32600 for something that is not a request, -32601 for an unknown method,
 * -32602 for bad parameters, -32603 when a method fails unexpectedly (logged, not shown).
 * Notifications (requests without {@code id}) are run but get no response.
 */
public final class JsonRpcDispatcher {

    private static final Logger LOG = Logger.getLogger(JsonRpcDispatcher.class);

    private final Map<String, JsonRpcMethod> methods = new ConcurrentHashMap<>();

    /** Registers {@code method} under {@code name}; returns this. */
    public JsonRpcDispatcher register(String name, JsonRpcMethod method) {
        if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalArgumentException("method " + name + " is registered already");
        }
        return this;
    }

    /**
     * Answers a request body.
     *
     * @return the response body, or null when there is nothing to answer (notifications only)
     */
    public String handle(String body) {
        Object request;
        try {
            request = Json.decodeValue(body);
        } catch (DecodeException e) {
            return error(null, JsonRpcException.PARSE_ERROR, "parse error: " + firstLine(e.getMessage())).encode();
        }
        if (request instanceof JsonArray batch) {
            if (batch.isEmpty()) {
                return error(null, JsonRpcException.INVALID_REQUEST, "invalid request: empty batch").encode();
            }
            JsonArray responses = new JsonArray();
            for (Object element : batch) {
                JsonObject response = handleOne(element);
                if (response != null) {
                    responses.add(response);
                }
            }
            return responses.isEmpty() ? null : responses.encode();
        }
        JsonObject response = handleOne(request);
        return response == null ? null : response.encode();
    }

    /** The response to one element of a request body, or null for a notification. */
    private JsonObject handleOne(Object element) {
        if (!(element instanceof JsonObject request)) {
            return error(null, JsonRpcException.INVALID_REQUEST, "invalid request: not a JSON object");
        }
        boolean notification = !request.containsKey("id");
        Object id = request.getValue("id");
        if (!(id == null || id instanceof String || id instanceof Number)) {
            return error(null, JsonRpcException.INVALID_REQUEST, "invalid request: id must be a string, number or null");
        }
        if (!"2.0".equals(request.getValue("jsonrpc"))) {
            return error(id, JsonRpcException.INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\"");
        }
        if (!(request.getValue("method") instanceof String name)) {
            return error(id, JsonRpcException.INVALID_REQUEST, "invalid request: method must be a string");
        }
        Object params = request.getValue("params");
        if (!(params == null || params instanceof JsonArray || params instanceof JsonObject)) {
            return error(id, JsonRpcException.INVALID_REQUEST, "invalid request: params must be an array or an object");
        }
        JsonObject response = call(id, name, params);
        return notification ? null : response;
    }

    private JsonObject call(Object id, String name, Object params) {
        JsonRpcMethod method = methods.get(name);
        if (method == null) {
            return error(id, JsonRpcException.METHOD_NOT_FOUND, "the method " + shown(name) + " does not exist/is not available");
        }
        try {
            Object result = method.call(JsonRpcParams.of(params));
            LOG.debugf("JSON-RPC %s (id %s): ok", name, id);
            return new JsonObject().put("jsonrpc", "2.0").put("id", id).put("result", result);
        } catch (JsonRpcException e) {
            LOG.debugf("JSON-RPC %s (id %s): error %d %s", name, id, e.code(), e.getMessage());
            JsonObject response = error(id, e.code(), e.getMessage());
            if (e.data() != null) {
                response.getJsonObject("error").put("data", e.data());
            }
            return response;
        } catch (DurableStore.Unavailable e) {
            // The store logs the failure once; the caller gets the reason and retries.
            return error(id, JsonRpcException.RESOURCE_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "JSON-RPC method %s failed", name);
            return error(id, JsonRpcException.INTERNAL_ERROR, "internal error");
        }
    }

    private static JsonObject error(Object id, int code, String message) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }

    private static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 61) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
