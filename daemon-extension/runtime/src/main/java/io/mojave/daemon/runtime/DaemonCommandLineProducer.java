package io.mojave.daemon.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.CommandLines;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import picocli.CommandLine;

/** The {@link CommandLine} that Quarkus' picocli runner executes, configured as on the fast path. */
@ApplicationScoped
public class DaemonCommandLineProducer {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return CommandLines.configure(factory.create(), ServiceDescriptor.ofThisApp());
    }
}
