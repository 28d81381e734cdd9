package io.mojave.daemon;

import io.mojave.daemon.runtime.DaemonLifecycle;
import io.mojave.daemon.runtime.internal.CommandLineArguments;
import io.mojave.daemon.runtime.internal.Daemonizer;
import io.mojave.daemon.runtime.internal.Handshake;
import io.quarkus.arc.Arc;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What each app's {@code init} command calls: the seed's {@code run_daemonized}. In the parent it
 * starts the daemon child and waits until it is ready; in the child or with {@code --no-daemon} it
 * runs the service here.
 */
public final class DaemonInit {

    private DaemonInit() {
    }

    /**
     * Runs {@code init}.
     *
     * @param init the spec of the app's {@code init} command (its {@code @Spec})
     * @param options the daemon runtime's options mixed into it
     * @param starter starts the service from the app's parsed options
     * @return the exit status
     */
    public static int run(CommandSpec init, InitOptions options, ServiceStarter starter) {
        ServiceDescriptor service = ((DaemonApplication) init.root().userObject()).service();
        CommandLineArguments arguments = new CommandLineArguments(init);
        if (runsInProcess(options)) {
            return Arc.container().instance(DaemonLifecycle.class).get()
                    .run(service, options, arguments.redacted(), starter);
        }
        return new Daemonizer(service, options.common().datadir(service), init.commandLine().getOut(), init.commandLine().getErr())
                .start(arguments.withoutSecrets(), arguments.secretEnvironment(), options.startupTimeout());
    }

    /**
     * Whether {@code init} runs the service in this process: in the daemon child, with
     * {@code --no-daemon}, or as PID 1, where detaching would end the container.
     */
    public static boolean runsInProcess(InitOptions options) {
        return Handshake.reporter().isPresent() || options.noDaemon() || ProcessHandle.current().pid() == 1;
    }
}
