package io.mojave.sequencer;

import java.util.concurrent.Callable;

import io.mojave.daemon.DaemonInit;
import io.mojave.daemon.InitOptions;
import io.mojave.daemon.PrivateKey;
import io.mojave.daemon.PrivateKeyConverter;
import io.mojave.daemon.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mojave-sequencer init}: starts the sequencer, as a daemon unless {@code --no-daemon}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Starts the sequencer: as a daemon (returns once it is ready), or in the foreground with --no-daemon.")
public class SequencerInitCommand implements Callable<Integer> {

    static final String PRIVATE_KEY_ENV = "MOJAVE_SEQUENCER_PRIVATE_KEY";

    @Mixin
    InitOptions daemon;

    @Secret(env = PRIVATE_KEY_ENV)
    @Option(names = "--private_key", paramLabel = "HEX", converter = PrivateKeyConverter.class,
            defaultValue = "${env:" + PRIVATE_KEY_ENV + "}", showDefaultValue = Visibility.NEVER,
            description = "Private key that signs the blocks: 64 hex digits (also: " + PRIVATE_KEY_ENV
                    + ", which keeps it out of 'ps'). Never logged.")
    PrivateKey privateKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (privateKey == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing the sequencer's key: give --private_key <HEX> or set " + PRIVATE_KEY_ENV);
        }
        return DaemonInit.run(spec, daemon, context -> SequencerService.start(context, privateKey));
    }
}
