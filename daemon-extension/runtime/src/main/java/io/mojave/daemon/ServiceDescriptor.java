package io.mojave.daemon;

import java.nio.file.Path;

/**
 * What the daemon runtime needs to know of a service: its short name (which fixes the PID and log
 * file names, {@code node.pid} / {@code node.log}) and its default health port.
 *
 * @param name short name such as {@code node}
 * @param defaultHealthPort port of {@code GET /health} when {@code --health.port} is not given
 */
public record ServiceDescriptor(String name, int defaultHealthPort) {

    /** The command users type, such as {@code mojave-node}. */
    public String command() {
        return "mojave-" + name;
    }

    /** The default datadir, {@code ~/.mojave/<name>}, resolved as the Rust originals do (from {@code $HOME}). */
    public Path defaultDatadir() {
        return Paths.home().resolve(".mojave").resolve(name);
    }

    /** The PID file inside a datadir. */
    public Path pidFile(Path datadir) {
        return datadir.resolve(name + ".pid");
    }

    /** The log file inside a datadir. */
    public Path logFile(Path datadir) {
        return datadir.resolve(name + ".log");
    }
}
