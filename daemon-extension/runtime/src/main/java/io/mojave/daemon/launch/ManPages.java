package io.mojave.daemon.launch;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;

import io.mojave.daemon.ServiceDescriptor;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of an app, one per command ({@code mojave-node.1},
 * {@code mojave-node-init.1}, ...): picocli-codegen's {@link ManPageGenerator} writes them as
 * AsciiDoc from the command line that {@link CommandLines#create} builds (the one whose
 * {@code --help} users see, with the commands, defaults and texts the runtime adds), and
 * Asciidoctor's manpage backend makes roff of them. The apps' build runs it in {@code package},
 * after {@code quarkus:build}, in a JVM of its own (see the parent POM's {@code man-pages}
 * execution); picocli-codegen and AsciidoctorJ are on that JVM's class path only: the apps do not
 * ship them, so nothing but the build may call this.
 */
public final class ManPages {

    private ManPages() {
    }

    /**
     * {@code ManPages GENERATED_JAR OUTPUT_DIRECTORY}: the pages of the app whose
     * {@code quarkus:build} wrote {@code GENERATED_JAR} (its {@code generated-bytecode.jar}, which
     * holds the {@link ServiceDescriptor}), into {@code OUTPUT_DIRECTORY}, their AsciiDoc into its
     * {@code adoc/}. Any failure fails the build.
     */
    public static void main(String... args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManPages GENERATED_JAR OUTPUT_DIRECTORY");
        }
        Path output = Path.of(args[1]);
        Path adoc = output.resolve("adoc");
        // The descriptor is read through the context class loader: the build cannot put that jar on the class path it makes.
        try (URLClassLoader generated = new URLClassLoader(new URL[] { Path.of(args[0]).toUri().toURL() }, ManPages.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(generated);
            // No templates; quiet; overwrite the pages of an earlier build.
            int status = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
                    CommandLines.create(ServiceDescriptor.ofThisApp()).getCommandSpec());
            if (status != 0) {
                throw new IOException("picocli's ManPageGenerator failed (status " + status + ") writing into " + adoc);
            }
        }
        List<File> pages;
        try (Stream<Path> files = Files.list(adoc)) {
            pages = files.filter(file -> file.toString().endsWith(".adoc")).map(Path::toFile).toList();
        }
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            Options options = Options.builder().backend("manpage").safe(SafeMode.SAFE).toDir(output.toFile()).build();
            for (File page : pages) {
                asciidoctor.convertFile(page, options);
            }
        }
    }
}
