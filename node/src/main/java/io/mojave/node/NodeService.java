package io.mojave.node;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.mojave.chain.rpc.JsonRpcHttpServer;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.Health;
import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/**
 * The node's own work, started by the daemon runtime once the PID file is held and {@code /health}
 * listens: the chain in {@code <datadir>/chain/} and the JSON-RPC server on
 * {@code --http.addr}:{@code --http.port}.
 */
final class NodeService implements RunningService {

    private static final Logger LOG = Logger.getLogger(NodeService.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final NodeChain chain;
    private final JsonRpcHttpServer rpc;
    private final String rpcUrl;
    private final SequencerWatch watch;

    private NodeService(NodeChain chain, JsonRpcHttpServer rpc, String rpcUrl, SequencerWatch watch) {
        this.chain = chain;
        this.rpc = rpc;
        this.rpcUrl = rpcUrl;
        this.watch = watch;
    }

    static RunningService start(ServiceContext context, NodeConfig config) throws Exception {
        Path directory = context.stateDirectory("chain");
        BlockStore store;
        try {
            store = BlockStore.open(directory);
        } catch (Exception e) {
            throw new DaemonException.StartupFailed("cannot open the block store in " + directory + ": " + e.getMessage(), e);
        }
        NodeChain chain;
        try {
            chain = NodeChain.open(store, config.genesis(), config.sequencer());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        SequencerWatch watch = new SequencerWatch(System::nanoTime, config.sequencerQuietTime());
        JsonRpcHttpServer rpc;
        try {
            rpc = JsonRpcHttpServer.start(context.vertx(), config.httpAddress(), config.httpPort(),
                    NodeRpcMethods.dispatcher(chain, config.genesis().chainId(), watch))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            chain.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new DaemonException.StartupFailed("cannot listen on " + config.httpAddress() + ":" + config.httpPort()
                    + " for JSON-RPC: " + cause.getMessage(), cause);
        }
        String host = config.httpAddress().contains(":") ? "[" + config.httpAddress() + "]" : config.httpAddress();
        String url = "http://" + host + ":" + rpc.port();
        LOG.infof("JSON-RPC on %s, trusting sequencer %s", url, config.sequencer());
        return new NodeService(chain, rpc, url, watch);
    }

    @Override
    public List<String> endpoints() {
        return List.of("rpc " + rpcUrl);
    }

    /**
     * DOWN while blocks cannot be stored (the store's reason, such as a full disk): the node then
     * refuses every block with -32002 and acknowledges none it has not synced; it recovers by
     * itself once a write succeeds (the store retries), without a restart. Else DEGRADED when the
     * sequencer has sent no new block for a long time (see {@link SequencerWatch}).
     */
    @Override
    public Health health() {
        return chain.problem().map(reason -> Health.down("cannot store blocks: " + reason)).orElseGet(watch::health);
    }

    @Override
    public void stop() throws Exception {
        try {
            rpc.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            chain.close();
            LOG.debug("Node service stopped");
        }
    }
}
