package io.mojave.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the Mojave services, as built. */
public final class Version {

    private Version() {
    }

    /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
