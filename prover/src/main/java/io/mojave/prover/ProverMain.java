package io.mojave.prover;

import io.mojave.daemon.DaemonMain;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of {@code mojave-prover}: the daemon runtime decides whether Quarkus needs to boot. */
@QuarkusMain
public final class ProverMain {

    private ProverMain() {
    }

    public static void main(String... args) {
        DaemonMain.main(ProverCommand.class, args);
    }
}
