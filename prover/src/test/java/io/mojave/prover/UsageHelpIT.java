package io.mojave.prover;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.testing.UsageHelpCheck;

/** bin/mojave-prover's usage help, built from the recorded command model, is the one its annotations give. */
class UsageHelpIT extends UsageHelpCheck {

    @Override
    protected String service() {
        return "prover";
    }

    @Override
    protected Class<? extends DaemonApplication> topCommand() {
        return ProverCommand.class;
    }
}
