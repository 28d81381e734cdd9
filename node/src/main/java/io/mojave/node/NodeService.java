package io.mojave.node;

import org.jboss.logging.Logger;

import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/**
 * The node's own work, started by the daemon runtime once the PID file is held and {@code /health}
 * listens. For now the node serves its health endpoint only; its JSON-RPC server and block store
 * start here.
 */
final class NodeService implements RunningService {

    private static final Logger LOG = Logger.getLogger(NodeService.class);

    private NodeService() {
    }

    static RunningService start(ServiceContext context) {
        LOG.debugf("Node service starting in %s", context.datadir());
        return new NodeService();
    }

    @Override
    public void stop() {
        LOG.debug("Node service stopped");
    }
}
