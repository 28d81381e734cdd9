package io.mojave.node;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.testing.UsageHelpCheck;

/** bin/mojave-node's usage help, built from the recorded command model, is the one its annotations give. */
class UsageHelpIT extends UsageHelpCheck {

    @Override
    protected String service() {
        return "node";
    }

    @Override
    protected Class<? extends DaemonApplication> topCommand() {
        return NodeCommand.class;
    }
}
