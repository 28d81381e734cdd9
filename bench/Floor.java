import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The baselines of bench/run, compiled at run time into a temporary directory and run on the
 * JDK under test.
 * <ul>
 * <li>no argument: returns at once (the JVM floor: what any {@code java} command costs);</li>
 * <li>{@code sleep}: idles forever (the RSS floor of an idle JVM);</li>
 * <li>{@code http PORT}: a trivial JDK {@code HttpServer} on 127.0.0.1:PORT that answers every
 * request with 200 and a small JSON body (the throughput baseline for wrk).</li>
 * </ul>
 */
public class Floor {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        switch (args[0]) {
            case "sleep":
                Thread.sleep(Long.MAX_VALUE);
                break;
            case "http":
                serve(Integer.parseInt(args[1]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void serve(int port) throws Exception {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x0\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors())));
        server.createContext("/", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
