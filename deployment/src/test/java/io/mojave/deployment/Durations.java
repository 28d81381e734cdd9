package io.mojave.deployment;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the services ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 5}) and systemd ({@code 10s}, {@code 1min}) write them. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min)?");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
