package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.Paths;
import io.mojave.daemon.ServiceDescriptor;

/**
 * A daemon child started before the parent has parsed its command line, so that the child's JVM
 * boots while the parent's picocli works: a daemonizing {@code init} then costs little more than
 * the service's own start. The child waits, before it does anything a user could see, until the
 * parent has parsed the same arguments and says go (see {@link Handshake}); whenever the parent
 * finds the command line different from what it guessed here, or wrong, the child is ended and
 * whatever was created for it is removed.
 *
 * <p>The guess is cheap and conservative: {@code init} first, no {@code --no-daemon}, help or
 * version option, nothing that looks like a short option, a {@code --datadir} given at most once,
 * no daemon already holding the PID file. In any doubt no child is started early and
 * {@link Daemonizer} starts one after parsing, as it would anyway. Secret options are taken off the
 * child's command line and handed on through their environment variables, as after parsing.
 */
public final class EarlyChild {

    private static final Duration ABANDON_WAIT = Duration.ofSeconds(5);
    private static final String DATADIR = "--datadir";

    private static EarlyChild pending;

    private final Path datadir;
    private final List<String> arguments;
    private final Map<String, String> secrets;
    private final Handshake handshake;
    private final DaemonChild child;
    private final CreatedFiles created;

    private EarlyChild(Path datadir, List<String> arguments, Map<String, String> secrets, Handshake handshake,
            DaemonChild child, CreatedFiles created) {
        this.datadir = datadir;
        this.arguments = arguments;
        this.secrets = secrets;
        this.handshake = handshake;
        this.child = child;
        this.created = created;
    }

    /**
     * Starts the daemon child now if {@code args} look like a daemonizing {@code init} of
     * {@code topCommand}; does nothing otherwise, or if anything goes wrong (the normal path
     * will then report it).
     */
    public static synchronized void startIfDaemonizing(Class<? extends DaemonApplication> topCommand, String... args) {
        if (pending != null || !looksLikeDaemonizingInit(args)) {
            return;
        }
        try {
            Optional<Map<String, String>> secretOptions = InitCommandModel.secretOptions(topCommand);
            if (secretOptions.isEmpty()) {
                return;
            }
            ServiceDescriptor service = topCommand.getDeclaredConstructor().newInstance().service();
            Optional<Path> datadir = datadir(service, args);
            if (datadir.isPresent() && PidFile.inspect(service.pidFile(datadir.get())) instanceof PidFile.State.Absent) {
                pending = start(service, datadir.get(), args, secretOptions.get());
                Runtime.getRuntime().addShutdownHook(new Thread(EarlyChild::abandon, "mojave-early-child-cleanup"));
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // Not the shape we expected: the normal path starts the child after parsing.
        }
    }

    /**
     * The child started early for exactly this datadir, argument list and secret environment, now
     * the caller's to await and, should it fail, to stop; a child started for anything else is
     * ended first.
     */
    public static synchronized Optional<EarlyChild> claim(Path datadir, List<String> arguments, Map<String, String> secrets) {
        EarlyChild child = pending;
        if (child == null) {
            return Optional.empty();
        }
        if (child.datadir.equals(datadir) && child.arguments.equals(arguments) && child.secrets.equals(secrets)) {
            pending = null;
            return Optional.of(child);
        }
        abandon();
        return Optional.empty();
    }

    /**
     * Ends a child nobody claimed (the command line was wrong, or asked for something else) and
     * removes what was created for it: no process, socket, log or datadir is left behind.
     */
    public static synchronized void abandon() {
        EarlyChild child = pending;
        pending = null;
        if (child == null) {
            return;
        }
        child.handshake.close(); // a child waiting for the go reads end-of-file and leaves
        try {
            child.child.end(ABANDON_WAIT);
        } catch (InterruptedException e) {
            child.child.kill();
            Thread.currentThread().interrupt();
        }
        child.created.removeIfEmpty();
    }

    /** The handshake the child reports on. */
    public Handshake handshake() {
        return handshake;
    }

    /** The child process. */
    public DaemonChild child() {
        return child;
    }

    private static EarlyChild start(ServiceDescriptor service, Path datadir, String[] args, Map<String, String> secretOptions)
            throws IOException {
        // From the first file we create, Ctrl-C is ours: it stops the child and removes them.
        InitInterrupts.install();
        CreatedFiles created = new CreatedFiles();
        Handshake handshake = null;
        try {
            created.directories(datadir);
            Path log = service.logFile(datadir);
            created.log(log);
            Map<String, String> secrets = new HashMap<>();
            List<String> arguments = withoutSecrets(args, secretOptions, secrets);
            handshake = Handshake.open();
            Map<String, String> environment = new HashMap<>(secrets);
            environment.put(Handshake.ENV, handshake.address());
            DaemonChild child = DaemonChild.spawn(arguments, environment, datadir, log);
            handshake.listen(); // while the child's JVM boots
            return new EarlyChild(datadir, arguments, secrets, handshake, child, created);
        } catch (IOException | RuntimeException e) {
            if (handshake != null) {
                handshake.close();
            }
            created.removeIfEmpty();
            throw e;
        }
    }

    static boolean looksLikeDaemonizingInit(String[] args) {
        if (args.length == 0 || !args[0].equals("init") || Handshake.reporter().isPresent()
                || ProcessHandle.current().pid() == 1 || InitOptions.noDaemonFromEnvironment()) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            String argument = args[i];
            boolean shortOption = argument.startsWith("-") && !argument.startsWith("--");
            if (shortOption || argument.equals("--help") || argument.equals("--version")
                    || argument.equals("--no-daemon") || argument.startsWith("--no-daemon=")) {
                return false;
            }
        }
        return true;
    }

    /** The datadir {@code args} name (or the default); empty when given more than once or without a value. */
    static Optional<Path> datadir(ServiceDescriptor service, String[] args) {
        String given = null;
        int count = 0;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(DATADIR) && i + 1 < args.length) {
                given = args[++i];
                count++;
            } else if (args[i].startsWith(DATADIR + "=")) {
                given = args[i].substring(DATADIR.length() + 1);
                count++;
            } else if (args[i].equals(DATADIR)) {
                return Optional.empty();
            }
        }
        if (count > 1 || (given != null && given.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(given == null ? service.defaultDatadir() : Paths.resolve(given));
    }

    /**
     * {@code args} without the secret options and their values, as {@link CommandLineArguments}
     * renders them after parsing; the values go to {@code secrets}, keyed by environment variable.
     */
    static List<String> withoutSecrets(String[] args, Map<String, String> secretOptions, Map<String, String> secrets) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            int equals = argument.indexOf('=');
            String name = equals > 0 ? argument.substring(0, equals) : argument;
            String env = secretOptions.get(name);
            if (env == null) {
                kept.add(argument);
            } else if (equals > 0) {
                secrets.put(env, argument.substring(equals + 1));
            } else if (i + 1 < args.length) {
                secrets.put(env, args[++i]);
            }
        }
        return kept;
    }

    /** What the early start created, so that an abandoned start leaves the file system as it found it. */
    private static final class CreatedFiles {
        private final List<Path> directories = new ArrayList<>();
        private Path log;

        void directories(Path datadir) {
            List<Path> missing = new ArrayList<>();
            for (Path path = datadir; path != null && !Files.exists(path); path = path.getParent()) {
                missing.add(path);
            }
            Datadirs.create(datadir);
            directories.addAll(missing); // deepest first
        }

        void log(Path path) {
            if (Daemonizer.createLog(path)) {
                log = path; // an existing log is appended to, and kept
            }
        }

        void removeIfEmpty() {
            try {
                if (log != null && Files.size(log) == 0) {
                    Files.delete(log);
                }
                for (Path directory : directories) {
                    Files.delete(directory);
                }
            } catch (DirectoryNotEmptyException somethingElseLivesThere) {
                // keep it, and its parents
            } catch (IOException e) {
                // best effort: an empty datadir or log left behind is harmless
            }
        }
    }
}
