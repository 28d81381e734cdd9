package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mojave.daemon.runtime.DaemonRuntimeConfig;
import io.quarkus.test.QuarkusUnitTest;

class DaemonRuntimeConfigOverrideTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(TestApplication::addTo)
            .overrideConfigKey("quarkus.daemon.shutdown-timeout", "1s");

    @Inject
    DaemonRuntimeConfig daemon;

    @Test
    void theShutdownTimeoutIsConfigurable() {
        assertThat(daemon.shutdownTimeout()).isEqualTo(Duration.ofSeconds(1));
    }
}
