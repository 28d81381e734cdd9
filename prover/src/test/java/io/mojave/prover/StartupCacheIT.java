package io.mojave.prover;

import io.mojave.daemon.testing.StartupCacheCheck;

/** The prover's start-up cache from its build, as bin/mojave-prover uses it (the node's StartupCacheIT has the rest). */
class StartupCacheIT extends StartupCacheCheck {

    @Override
    protected String service() {
        return "prover";
    }

    @Override
    protected String[] serviceOptions() {
        return new String[] { "--prover.port", "0" };
    }
}
