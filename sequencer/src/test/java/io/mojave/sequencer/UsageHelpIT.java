package io.mojave.sequencer;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.testing.UsageHelpCheck;

/** bin/mojave-sequencer's usage help, built from the recorded command model, is the one its annotations give. */
class UsageHelpIT extends UsageHelpCheck {

    @Override
    protected String service() {
        return "sequencer";
    }

    @Override
    protected Class<? extends DaemonApplication> topCommand() {
        return SequencerCommand.class;
    }
}
