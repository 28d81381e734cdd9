package io.mojave.daemon;

/** The values of {@code --log.level}, matched case-insensitively. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** The name JBoss Log Manager (and so {@code quarkus.log.level}) uses for this level. */
    public String jbossName() {
        return this == WARN ? "WARN" : name();
    }
}
