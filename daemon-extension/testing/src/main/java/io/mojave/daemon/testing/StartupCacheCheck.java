package io.mojave.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * A service's start-up cache from its build, as its {@code bin/} launcher uses it: the check each
 * app's {@code StartupCacheIT} inherits (the node's has the rest: every command, the foreground).
 */
public abstract class StartupCacheCheck extends DaemonTestSupport {

    /** What the service needs in its environment to start (a secret, say); nothing by default. */
    protected ServiceCli withStartEnvironment(ServiceCli cli) {
        return cli;
    }

    @Test
    public void theLauncherAndTheDaemonChildUseTheBuildsCacheFromAnyDirectory() throws Exception {
        StartupCache cache = StartupCache.ofBuild(cli.launcher());
        Path classes = tmp.resolve("help.class.log");
        withStartEnvironment(cli.inDirectory(Path.of("/")));

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
