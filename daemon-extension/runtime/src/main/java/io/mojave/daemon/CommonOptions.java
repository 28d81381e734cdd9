package io.mojave.daemon;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/** The options every command of the daemon runtime takes: where the daemon lives and how much it logs. */
public final class CommonOptions {

    @Option(names = "--datadir", paramLabel = "DIR",
            description = "Data directory holding the PID file, the log and the service's state "
                    + "(default: ${bundle:daemon.datadir.variable} if set, else ${bundle:daemon.datadir.default}; "
                    + "'~' is expanded, relative paths are taken from the current directory).")
    String datadir;

    @Option(names = "--log.level", paramLabel = "LEVEL[,CATEGORY=LEVEL...]", converter = LogLevels.Converter.class,
            description = "Log level of the service's own records: trace, debug, info, warn or error; libraries stay at info "
                    + "unless named, as in debug,io.netty=debug (default: info, or as quarkus.log.* configures).")
    LogLevels logLevel;

    /** The absolute datadir: the one given, or the service's default. */
    public Path datadir(ServiceDescriptor service) {
        return datadir == null ? service.defaultDatadirPath() : Paths.resolve(datadir);
    }

    /** The levels asked for with {@code --log.level}, if it is given. */
    public Optional<LogLevels> logLevel() {
        return Optional.ofNullable(logLevel);
    }
}
