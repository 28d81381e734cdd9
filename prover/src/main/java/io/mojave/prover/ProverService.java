package io.mojave.prover;

import org.jboss.logging.Logger;

import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/**
 * The prover's own work, started by the daemon runtime once the PID file is held and
 * {@code /health} listens. For now it serves its health endpoint with its options validated; the
 * proof API on {@code --prover.port} and the job queue start here.
 */
final class ProverService implements RunningService {

    private static final Logger LOG = Logger.getLogger(ProverService.class);

    private ProverService() {
    }

    static RunningService start(ServiceContext context, ProverSettings settings) {
        LOG.debugf("Prover service starting in %s with %s", context.datadir(), settings);
        return new ProverService();
    }

    @Override
    public void stop() {
        LOG.debug("Prover service stopped");
    }
}
