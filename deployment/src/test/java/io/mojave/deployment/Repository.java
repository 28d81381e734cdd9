package io.mojave.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test are: the repository root (set by the POM) and the project version. */
final class Repository {

    /** The services' own graceful shutdown budget, {@code quarkus.daemon.shutdown-timeout}, by default. */
    static final String SHUTDOWN_TIMEOUT_ENV = "QUARKUS_DAEMON_SHUTDOWN_TIMEOUT";

    /** The fixed datadir inside the images. */
    static final String IMAGE_DATADIR = "/var/lib/mojave";

    /** Where the systemd units and the logrotate configuration expect the installed launchers. */
    static final String INSTALLED_BIN = "/opt/mojave/bin/";

    private Repository() {
    }

    /** The repository root. */
    static Path root() {
        String configured = System.getProperty("mojave.repository");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("deployment")) || !Files.isDirectory(root.resolve("bin"))) {
            throw new IllegalStateException("not the repository root (no deployment/ and bin/): " + root);
        }
        return root;
    }

    /** A path under {@code deployment/}. */
    static Path deployment(String relative) {
        return root().resolve("deployment").resolve(relative);
    }

    /** The version the images are tagged with: the project's, without {@code -SNAPSHOT}. */
    static String imageVersion() {
        String version = System.getProperty("mojave.version", "0.1.0-SNAPSHOT");
        return version.endsWith("-SNAPSHOT") ? version.substring(0, version.length() - "-SNAPSHOT".length()) : version;
    }
}
