package org.acme.clock;

import java.time.Duration;

/** The parsed options of {@code run}, handed to the service. */
record ClockSettings(String greeting, Duration tick) {
}
