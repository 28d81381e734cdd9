package io.mojave.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;

/** Reads what a foreground ({@code --no-daemon}) node prints: JSON log records, one a line. */
final class ForegroundLog {

    /** The health URL in a "started" record or an sd_notify status. */
    static final Pattern HEALTH = Pattern.compile("health (http://\\S+/health)");

    private ForegroundLog() {
    }

    /**
     * Reads records until the "mojave-node started" one and returns its health URL; every line
     * must parse as JSON. The messages read are added to {@code messages}.
     */
    static String awaitStarted(Process process, List<String> messages) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> readUntilStarted(stdout, messages)).get(60, TimeUnit.SECONDS);
    }

    private static String readUntilStarted(BufferedReader stdout, List<String> messages) {
        try {
            String line;
            while ((line = stdout.readLine()) != null) {
                String message = JsonPath.from(line).getString("message");
                messages.add(message);
                Matcher matcher = HEALTH.matcher(message == null ? "" : message);
                if (message != null && message.startsWith("mojave-node started") && matcher.find()) {
                    return matcher.group(1);
                }
            }
            throw new AssertionError("stdout ended before the service was ready: " + messages);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
