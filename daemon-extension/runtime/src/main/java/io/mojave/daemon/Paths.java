package io.mojave.daemon;

import java.nio.file.Path;

/** Resolution of user-given paths the way the Rust originals do it: {@code ~} expanded from {@code $HOME}, then absolute. */
public final class Paths {

    private Paths() {
    }

    /** The home directory: {@code $HOME}, else the JVM's {@code user.home}. */
    public static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /** Expands a leading {@code ~} or {@code ~/} and makes the path absolute against the working directory. */
    public static Path resolve(String userPath) {
        Path path;
        if (userPath.equals("~")) {
            path = home();
        } else if (userPath.startsWith("~/")) {
            path = home().resolve(userPath.substring(2));
        } else {
            path = Path.of(userPath);
        }
        return path.toAbsolutePath().normalize();
    }
}
