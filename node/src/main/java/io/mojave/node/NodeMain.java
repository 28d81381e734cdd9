package io.mojave.node;

import io.mojave.daemon.DaemonMain;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point of {@code mojave-node}: the daemon runtime decides whether Quarkus needs to boot. */
@QuarkusMain
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String... args) {
        DaemonMain.main(NodeCommand.class, args);
    }
}
