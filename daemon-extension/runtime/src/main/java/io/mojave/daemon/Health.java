package io.mojave.daemon;

import java.util.Objects;

/**
 * How a running service is, as {@code GET /health} and {@code status} report it.
 * {@link Up} and {@link Degraded} answer 200 (the process serves and should not be restarted),
 * {@link Down} answers 503 (it cannot do its job: a probe or supervisor should act).
 */
public sealed interface Health {

    /** Serving normally. */
    Health UP = new Up();

    /** The status word in the health endpoint's JSON: {@code UP}, {@code DEGRADED} or {@code DOWN}. */
    String status();

    /** Why it is not up; empty when it is. */
    String reason();

    /** Alive and serving, but not doing all of its job, for {@code reason}. */
    static Health degraded(String reason) {
        return new Degraded(reason);
    }

    /** Unable to do its job, for {@code reason}. */
    static Health down(String reason) {
        return new Down(reason);
    }

    /** Serving normally. */
    record Up() implements Health {
        @Override
        public String status() {
            return "UP";
        }

        @Override
        public String reason() {
            return "";
        }
    }

    /** Serving, but not all of its job gets done. */
    record Degraded(String reason) implements Health {
        public Degraded {
            Objects.requireNonNull(reason);
        }

        @Override
        public String status() {
            return "DEGRADED";
        }
    }

    /** Not able to do its job. */
    record Down(String reason) implements Health {
        public Down {
            Objects.requireNonNull(reason);
        }

        @Override
        public String status() {
            return "DOWN";
        }
    }
}
