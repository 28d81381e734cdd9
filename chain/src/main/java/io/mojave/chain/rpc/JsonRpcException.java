package io.mojave.chain.rpc;

/**
 * A JSON-RPC error a method answers with: its code, message and optional data go into the
 * response's {@code error} member.
 */
public final class JsonRpcException extends Exception {

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** An error inside the server. */
    public static final int INTERNAL_ERROR = -32603;
    /** The generic server error of Ethereum clients: the request was understood and refused. */
    public static final int SERVER_ERROR = -32000;
    /**
     * "Resource unavailable" (EIP-1474): the service's store cannot be written or read now (a full
     * disk, say); nothing of the request was stored; retry later.
     */
    public static final int RESOURCE_UNAVAILABLE = -32002;

    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient Object data;

    /** An error without data. */
    public JsonRpcException(int code, String message) {
        this(code, message, null);
    }

    /** An error with {@code data} (a JSON value: string, number, JsonObject, JsonArray), or null. */
    public JsonRpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    /** {@link #INVALID_PARAMS} with {@code message}. */
    public static JsonRpcException invalidParams(String message) {
        return new JsonRpcException(INVALID_PARAMS, message);
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The error's data, or null. */
    public Object data() {
        return data;
    }
}
