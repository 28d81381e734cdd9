package io.mojave.daemon.launch;

import java.io.File;
import java.io.IOException;

import io.mojave.daemon.ServiceDescriptor;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of this app as AsciiDoc, one per command ({@code mojave-node.adoc},
 * {@code mojave-node-init.adoc}, ...), with picocli-codegen's {@link ManPageGenerator}, from the
 * command line that {@link CommandLines#create} builds: the one whose {@code --help} users see,
 * with the commands, defaults and texts the runtime adds. The apps' build runs it after
 * {@code quarkus:build} (which writes the {@link ServiceDescriptor}) and turns the pages into
 * roff with Asciidoctor's manpage backend. picocli-codegen is on the class path of that build
 * step only: the apps do not ship it, so nothing but the build may call this.
 */
public final class ManPages {

    private ManPages() {
    }

    /** Writes the pages into the directory {@code args[0]}, which is created if missing; fails the build if it cannot. */
    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIRECTORY");
        }
        // No templates; quiet; overwrite the pages of an earlier build.
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                CommandLines.create(ServiceDescriptor.ofThisApp()).getCommandSpec());
        if (status != 0) {
            throw new IOException("picocli's ManPageGenerator failed (status " + status + ") writing into " + args[0]);
        }
    }
}
