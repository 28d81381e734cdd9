package io.mojave.daemon;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The options every command of the daemon runtime takes: where the daemon lives and how much it logs. */
public final class CommonOptions {

    @Option(names = "--datadir", paramLabel = "DIR",
            description = "Data directory holding the PID file, the log and the service's state "
                    + "(default: ${bundle:daemon.datadir.variable} if set, else ${bundle:daemon.datadir.default}; "
                    + "'~' is expanded, relative paths are taken from the current directory).")
    String datadir;

    @Option(names = "--log.level", paramLabel = "LEVEL", defaultValue = "info",
            description = "Log level: trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
    LogLevel logLevel;

    /** The absolute datadir: the one given, or the service's default. */
    public Path datadir(ServiceDescriptor service) {
        return datadir == null ? service.defaultDatadirPath() : Paths.resolve(datadir);
    }

    /** The level asked for with {@code --log.level}. */
    public LogLevel logLevel() {
        return logLevel;
    }
}
