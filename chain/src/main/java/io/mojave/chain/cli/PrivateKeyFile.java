package io.mojave.chain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine.TypeConversionException;

/**
 * Reads a private key from a file (a {@code --*.private_key.file} option): a regular file (a link
 * to one is fine: Kubernetes mounts secrets that way) of at most {@value #MAX_BYTES} bytes, holding
 * the key as {@link PrivateKeyConverter} parses it. Like OpenSSH, a key file that every user may
 * read is refused rather than used; unlike OpenSSH, one that its group may read is accepted, as
 * the group-0 model of containers needs it (Kubernetes' {@code defaultMode: 0440}).
 */
public final class PrivateKeyFile {

    /** A key is 66 characters at most; anything much larger is not a key file. */
    static final int MAX_BYTES = 1024;
    private static final int OTHERS_ANY = 0007;
    private static final int GROUP_WRITE = 0020;

    private PrivateKeyFile() {
    }

    /**
     * The key in {@code file}.
     *
     * @throws TypeConversionException naming the defect (never the file's content)
     */
    public static PrivateKey read(Path file) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:mode");
            int mode = (Integer) attributes.get("mode");
            if (!Files.isRegularFile(file)) {
                throw new TypeConversionException("not a regular file");
            }
            if ((mode & OTHERS_ANY) != 0 || (mode & GROUP_WRITE) != 0) {
                throw new TypeConversionException(String.format("%s (mode %04o); a private key must be private: "
                        + "chmod 600 %s", (mode & OTHERS_ANY) != 0 ? "every user may read or write it" : "its group may write it",
                        mode & 07777, file));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new TypeConversionException("too large for a private key file (over " + MAX_BYTES + " bytes)");
                }
                return new PrivateKeyConverter().convert(new String(bytes, StandardCharsets.UTF_8).strip());
            }
        } catch (NoSuchFileException e) {
            throw new TypeConversionException("no such file");
        } catch (AccessDeniedException e) {
            throw new TypeConversionException("permission denied");
        } catch (IOException e) {
            throw new TypeConversionException("cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }
}
