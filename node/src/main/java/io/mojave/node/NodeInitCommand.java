package io.mojave.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.mojave.chain.Address;
import io.mojave.chain.Genesis;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.PortConverter;
import io.mojave.daemon.command.DaemonStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mojave-node init}: starts the node, as a daemon unless {@code --no-daemon}. */
// [OPTIONS]: picocli wraps a full synopsis at the dots of the option names ([--health.\n port=PORT])
@Command(name = "init", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Starts the node: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class NodeInitCommand implements Callable<Integer> {

    @Mixin
    DaemonOptions daemon;

    @Option(names = "--http.addr", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address of the JSON-RPC server (default: ${DEFAULT-VALUE}).")
    String httpAddress;

    @Option(names = "--http.port", paramLabel = "PORT", defaultValue = "8545", converter = PortConverter.class,
            description = "Port of the JSON-RPC server; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--network", paramLabel = "FILE",
            // one line each: picocli would wrap a dotted name at its dots
            description = { "Genesis JSON file: config.chainId, timestamp and", "config.mojave.sequencer (the trusted sequencer);",
                    "without it, the built-in dev genesis." })
    Path network;

    @Option(names = "--sequencer.address", paramLabel = "0x...", converter = AddressConverter.class,
            description = "Address of the sequencer whose blocks the node accepts (default: the one the genesis names).")
    Address sequencerAddress;

    @Option(names = "--sequencer.quiet_time", paramLabel = "DURATION", defaultValue = SequencerWatch.DEFAULT_QUIET_TIME,
            converter = DurationConverter.class,
            description = "How long without a new block from the sequencer makes /health DEGRADED, at least: the node waits the "
                    + "longer of this and " + SequencerWatch.QUIET_BLOCKS + " block times; 500ms, 5s, 2m (default: ${DEFAULT-VALUE}).")
    Duration sequencerQuietTime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Genesis genesis = genesis();
        Address sequencer = sequencerAddress != null ? sequencerAddress : genesis.sequencer().orElseThrow(
                () -> new ParameterException(spec.commandLine(), "no trusted sequencer: the genesis file " + network
                        + " has no config.mojave.sequencer; give --sequencer.address 0x..."));
        if (sequencerQuietTime.isZero()) {
            throw new ParameterException(spec.commandLine(), "--sequencer.quiet_time must be above 0 (0 would make the node DEGRADED "
                    + "between any two blocks)");
        }
        NodeConfig config = new NodeConfig(httpAddress, httpPort, genesis, sequencer, sequencerQuietTime);
        return DaemonStart.run(spec, daemon, context -> NodeService.start(context, config));
    }

    /** The genesis of {@code --network}, read and checked here, before anything starts. */
    private Genesis genesis() {
        if (network == null) {
            return Genesis.dev();
        }
        try {
            return Genesis.read(network);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--network " + network + ": " + e.getMessage());
        }
    }
}
