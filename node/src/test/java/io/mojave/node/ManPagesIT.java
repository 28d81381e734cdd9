package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mojave.daemon.testing.DaemonSweeper;
import io.mojave.daemon.testing.ServiceCli;

/** The man pages the build made in target/man: one for each command the built launcher lists, read by man(1) as an operator would. */
class ManPagesIT {

    private static final Path MAN = Path.of("target", "man").toAbsolutePath();

    @TempDir
    Path tmp;

    @BeforeEach
    void built() {
        assumeFalse(Boolean.getBoolean("mojave.man.skip"), "the build skipped the man pages (-Dmojave.man.skip)");
    }

    @Test
    void everyCommandInTheHelpHasItsPage() throws IOException {
        ServiceCli.Result help = ServiceCli.fromSystemProperty(new DaemonSweeper()).run("--help");
        assertThat(help.exitCode()).isZero();
        // The command names: the first word of each line of the list, whose wrapped lines are indented further.
        List<String> expected = new ArrayList<>(List.of("mojave-node.1"));
        help.out().lines().dropWhile(line -> !line.equals("Commands:")).skip(1).takeWhile(line -> line.startsWith("  "))
                .filter(line -> !line.startsWith("   ")).map(line -> "mojave-node-" + line.strip().split(" ")[0] + ".1")
                .forEach(expected::add);
        assertThat(expected).contains("mojave-node-init.1", "mojave-node-restart.1", "mojave-node-generate-completion.1");

        try (Stream<Path> pages = Files.list(MAN)) {
            assertThat(pages.filter(Files::isRegularFile).map(page -> page.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void manShowsTheTopAndInitPagesWithTheirOptionsAndExitCodesWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man (Debian's man-db) is not installed");

        String top = render("mojave-node.1");
        assertThat(top).startsWith("MOJAVE-NODE(1)").contains("mojave-node - The Mojave node.", "\nCOMMANDS\n", "\n       init\n",
                "\n       generate-completion\n", "\n       2\n           usage error: no command, or an unknown command or option\n");

        String init = render("mojave-node-init.1");
        assertThat(init).startsWith("MOJAVE-NODE-INIT(1)").contains("\n       mojave-node init [OPTIONS]\n", "\n       --datadir=DIR\n",
                "\n       --no-daemon\n", "\n       --log.level=LEVEL[,CATEGORY=LEVEL...]\n",
                "\n       1\n           could not start; no process and no PID file are left behind\n");
    }

    /** The page as man prints it to a pipe, wide enough for no line to wrap; fails on any warning of groff's. */
    private String render(String page) throws Exception {
        Path err = tmp.resolve(page + ".err");
        ProcessBuilder builder = new ProcessBuilder("man", "--warnings=all", "-l", MAN.resolve(page).toString()).redirectError(err.toFile());
        builder.environment().put("MANWIDTH", "200");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process man = builder.start();
        String out = new String(man.getInputStream().readAllBytes());
        assertThat(man.waitFor()).as("man's exit status; it printed: %s", Files.readString(err)).isZero();
        assertThat(Files.readString(err)).as("warnings of %s", page).isEmpty();
        return out;
    }
}
