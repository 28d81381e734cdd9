package io.mojave.sequencer;

import io.mojave.daemon.testing.ServiceCli;
import io.mojave.daemon.testing.StartupCacheCheck;

/** The sequencer's start-up cache from its build, as bin/mojave-sequencer uses it (the node's StartupCacheIT has the rest). */
class StartupCacheIT extends StartupCacheCheck {

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

    @Override
    protected ServiceCli withStartEnvironment(ServiceCli cli) {
        return cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", "5a".repeat(32));
    }
}
