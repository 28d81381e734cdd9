package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.Secret;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.StatusCommand;
import io.mojave.daemon.StopCommand;
import io.mojave.daemon.runtime.internal.InitCommandModel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.quarkus.test.QuarkusUnitTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The build records the secret options of the app's {@code init} command, wherever they are
 * declared (the command, a superclass, a mixin), exactly as reading the annotations finds them:
 * the early daemon child trusts the recording to keep secrets off its command line.
 */
class InitCommandRecordingTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(KeyedApplication.class, KeyedInitCommand.class,
                    BaseInitCommand.class, KeyOptions.class))
            .overrideConfigKey("quarkus.banner.enabled", "false");

    @Test
    void theRecordingHoldsEverySecretOptionWithItsEnvironmentVariable() {
        assertThat(InitCommandModel.recorded(KeyedApplication.class)).contains(Map.of(
                "--key", "TEST_KEY", "-k", "TEST_KEY",
                "--token", "TEST_TOKEN",
                "--base-secret", "TEST_BASE_SECRET"));
    }

    @Test
    void theRecordingEqualsWhatTheAnnotationsSay() {
        assertThat(InitCommandModel.recorded(KeyedApplication.class))
                .isPresent()
                .isEqualTo(InitCommandModel.reflected(KeyedApplication.class));
    }

    @Test
    void aRecordingForAnotherTopCommandIsNotUsed() {
        assertThat(InitCommandModel.recorded(StatusCommand.class)).isEmpty();
    }

    @TopCommand
    @Command(name = "mojave-keyed", subcommands = { KeyedInitCommand.class, StopCommand.class, StatusCommand.class })
    public static class KeyedApplication implements DaemonApplication {
        @Override
        public ServiceDescriptor service() {
            return new ServiceDescriptor("keyed", 9124);
        }
    }

    public static class BaseInitCommand {
        @Secret(env = "TEST_BASE_SECRET")
        @Option(names = "--base-secret")
        String baseSecret;

        @Option(names = "--not-secret")
        String notSecret;
    }

    @Command(name = "init")
    public static class KeyedInitCommand extends BaseInitCommand implements Callable<Integer> {
        @Mixin
        InitOptions daemon;

        @Mixin
        KeyOptions keys;

        @Secret(env = "TEST_TOKEN")
        @Option(names = "--token")
        String token;

        @Override
        public Integer call() {
            return 0;
        }
    }

    public static class KeyOptions {
        @Secret(env = "TEST_KEY")
        @Option(names = { "--key", "-k" })
        String key;
    }
}
