package io.mojave.sequencer;

import org.jboss.logging.Logger;

import io.mojave.daemon.PrivateKey;
import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/**
 * The sequencer's own work, started by the daemon runtime once the PID file is held and
 * {@code /health} listens. For now it holds its validated key and serves its health endpoint;
 * block production starts here.
 */
final class SequencerService implements RunningService {

    private static final Logger LOG = Logger.getLogger(SequencerService.class);

    private final PrivateKey signingKey;

    private SequencerService(PrivateKey signingKey) {
        this.signingKey = signingKey;
    }

    static RunningService start(ServiceContext context, PrivateKey signingKey) {
        LOG.debugf("Sequencer service starting in %s with signing key %s", context.datadir(), signingKey);
        return new SequencerService(signingKey);
    }

    @Override
    public void stop() {
        LOG.debugf("Sequencer service stopped (key %s)", signingKey);
    }
}
