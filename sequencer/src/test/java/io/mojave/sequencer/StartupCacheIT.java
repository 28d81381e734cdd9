package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.mojave.daemon.testing.StartupCache;

/** The sequencer's start-up cache from its build, as bin/mojave-sequencer uses it (the node's StartupCacheIT has the rest). */
class StartupCacheIT extends DaemonTestSupport {

    @Override
    protected String service() {
        return "sequencer";
    }

    /** A node and a prover that are not there (never a devnet's on the default ports). */
    @Override
    protected String[] serviceOptions() {
        String nowhere = "http://127.0.0.1:" + SequencerTestSupport.closedPort();
        return new String[] { "--node.url", nowhere, "--prover.address", nowhere };
    }

    @Test
    void theLauncherAndTheDaemonChildUseTheBuildsCacheFromAnyDirectory() throws Exception {
        StartupCache cache = StartupCache.ofBuild(cli.launcher());
        Path classes = tmp.resolve("help.class.log");
        cli.inDirectory(Path.of("/")).withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", "5a".repeat(32));

        ServiceCli.Result help = cli.withEnv("JAVA_OPTS", StartupCache.classLoadLogOption(classes)).run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(StartupCache.sharedClasses(classes, "io.mojave.")).isNotEmpty();

        Started started = init();
        assertThat(StartupCache.isMapped(started.pid(), cache.file())).as("the daemon child maps %s", cache.file()).isTrue();
        assertThat(Proc.commandLine(started.pid())).contains(cache.option());
        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.output().lines()).hasSize(1);
    }
}
