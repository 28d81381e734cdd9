package io.mojave.daemon;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a picocli option that holds a secret (a private key): its value is shown as
 * {@code [REDACTED]} in the log, and it is handed to the daemon child through the environment
 * variable {@link #env()} instead of its command line, where {@code ps} would show it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Secret {

    /** The environment variable the option also reads its value from. */
    String env();
}
