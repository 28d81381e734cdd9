package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class DaemonRuntimeConfigInvalidTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(TestApplication::addTo)
            .overrideConfigKey("quarkus.daemon.shutdown-timeout", "soon")
            .assertException(failure -> assertThat(failure).hasMessageContaining("quarkus.daemon.shutdown-timeout"));

    @Test
    void anInvalidShutdownTimeoutStopsTheStart() {
        fail("the application should not have started");
    }
}
