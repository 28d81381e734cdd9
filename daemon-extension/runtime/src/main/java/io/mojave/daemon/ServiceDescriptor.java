package io.mojave.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What the daemon runtime knows of the app it runs: its {@code quarkus.daemon.*} build-time
 * configuration and {@code quarkus.application.*}, fixed when the app is built and read from
 * {@value #RESOURCE}, so that the commands that never boot Quarkus ({@code stop}, {@code status},
 * {@code --help}, the parent of a daemonizing start) know them too.
 *
 * @param name short name, which names the PID and log files ({@code node.pid}, {@code node.log})
 * @param command the command users type, such as {@code mojave-node}
 * @param version the app's version ({@code quarkus.application.version})
 * @param defaultDatadir the datadir when {@code --datadir} is not given, {@code ~} for the home directory
 * @param environmentPrefix prefix of the runtime's environment variables ({@code <PREFIX>_NO_DAEMON})
 * @param datadirVariable the environment variable that sets the datadir when {@code --datadir} is not given
 * @param inheritedProperties prefixes of the {@code -D} system properties the daemon child inherits
 * @param healthEnabled whether the start command serves {@code GET /health}
 * @param healthHost default address of {@code /health} ({@code --health.addr})
 * @param healthPort default port of {@code /health} ({@code --health.port}; 0: any free port)
 * @param topCommand the class name of the app's {@code @TopCommand}
 */
public record ServiceDescriptor(String name, String command, String version, String defaultDatadir,
        String environmentPrefix, String datadirVariable, List<String> inheritedProperties, boolean healthEnabled, String healthHost,
        int healthPort, String topCommand) {

    /** Where the build writes the descriptor. */
    public static final String RESOURCE = "META-INF/quarkus-daemon/service.properties";

    /** Copies {@code inheritedProperties}: a descriptor does not change. */
    public ServiceDescriptor {
        inheritedProperties = List.copyOf(inheritedProperties);
    }

    /** The descriptor of the app this process runs, as its build wrote it. */
    public static ServiceDescriptor ofThisApp() {
        return Holder.THIS_APP;
    }

    /** The descriptor in the properties {@code p}, as {@link #toProperties()} writes it. */
    public static ServiceDescriptor fromProperties(Properties p) {
        return new ServiceDescriptor(p.getProperty("name"), p.getProperty("command"), p.getProperty("version"),
                p.getProperty("default-datadir"), p.getProperty("environment-prefix"), p.getProperty("datadir-variable"),
                Arrays.stream(p.getProperty("inherited-properties", "").split(",")).filter(s -> !s.isBlank()).toList(),
                Boolean.parseBoolean(p.getProperty("health.enabled")), p.getProperty("health.host"),
                Integer.parseInt(p.getProperty("health.port")), p.getProperty("top-command"));
    }

    /** This descriptor as the properties that {@link #fromProperties} reads. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("command", command);
        p.setProperty("version", version);
        p.setProperty("default-datadir", defaultDatadir);
        p.setProperty("environment-prefix", environmentPrefix);
        p.setProperty("datadir-variable", datadirVariable);
        p.setProperty("inherited-properties", String.join(",", inheritedProperties));
        p.setProperty("health.enabled", Boolean.toString(healthEnabled));
        p.setProperty("health.host", healthHost);
        p.setProperty("health.port", Integer.toString(healthPort));
        p.setProperty("top-command", topCommand);
        return p;
    }

    /** The name of the runtime's environment variable {@code suffix}: {@code MOJAVE_NO_DAEMON} for {@code NO_DAEMON}. */
    public String environmentVariable(String suffix) {
        return environmentPrefix + "_" + suffix;
    }

    /** The datadir without {@code --datadir}: the value of {@link #datadirVariable()} if set, else {@link #defaultDatadir()}. */
    public String datadirDefault() {
        String fromEnvironment = System.getenv(datadirVariable);
        return fromEnvironment == null || fromEnvironment.isBlank() ? defaultDatadir : fromEnvironment;
    }

    /**
     * The name of one of the runtime's own variables between a daemonizing start and its child
     * ({@code MOJAVE_NODE_DAEMON_HANDSHAKE}): with the service's name in it, so that a daemon of one
     * service never takes another's for its parent.
     */
    public String internalVariable(String suffix) {
        return environmentPrefix + "_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + suffix;
    }

    /** {@link #datadirDefault()} resolved: {@code ~} expanded from {@code $HOME}, made absolute. */
    public Path defaultDatadirPath() {
        return Paths.resolve(datadirDefault());
    }

    /** The PID file inside a datadir. */
    public Path pidFile(Path datadir) {
        return datadir.resolve(name + ".pid");
    }

    /** The log file inside a datadir. */
    public Path logFile(Path datadir) {
        return datadir.resolve(name + ".log");
    }

    /** Loaded once, on first use. */
    private static final class Holder {
        static final ServiceDescriptor THIS_APP = load();

        private static ServiceDescriptor load() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : ServiceDescriptor.class.getClassLoader()).getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing: build the app with Quarkus, "
                            + "with the daemon extension's deployment module on the build's class path");
                }
                Properties properties = new Properties();
                properties.load(in);
                return fromProperties(properties);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
