package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mojave.daemon.DaemonException;

/** Creates a datadir and its missing parents, mode 0750. */
public final class Datadirs {

    private Datadirs() {
    }

    /** Creates {@code datadir} if missing; fails with {@link DaemonException.IoWithPath} naming it. */
    public static void create(Path datadir) {
        try {
            if (!Files.isDirectory(datadir)) {
                Files.createDirectories(datadir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
            }
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("create datadir", datadir, e);
        }
    }
}
