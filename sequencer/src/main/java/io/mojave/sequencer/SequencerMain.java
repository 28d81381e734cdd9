package io.mojave.sequencer;

import io.mojave.daemon.DaemonMain;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of {@code mojave-sequencer}: the daemon runtime decides whether Quarkus needs to boot. */
@QuarkusMain
public final class SequencerMain {

    private SequencerMain() {
    }

    public static void main(String... args) {
        DaemonMain.main(SequencerCommand.class, args);
    }
}
