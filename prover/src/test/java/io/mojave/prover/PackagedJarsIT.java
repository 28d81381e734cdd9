package io.mojave.prover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.PackagedJars;

/**
 * The packaged application carries no signed jar: the first class loaded from one would make the
 * JDK verify its signature and keep its per-entry manifest in memory, several MB per daemon
 * (bcprov's signature files are dropped by {@code quarkus.class-loading.removed-resources}).
 */
class PackagedJarsIT {

    @Test
    void noJarIsSigned() {
        PackagedJars jars = PackagedJars.ofThisApp();
        assertThat(jars.names()).anyMatch(name -> name.startsWith("org.bouncycastle.bcprov"));
        assertThat(jars.signatureFiles()).isEmpty();
    }
}
