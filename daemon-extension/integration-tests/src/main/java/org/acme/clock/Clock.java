package org.acme.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.mojave.daemon.RunningService;
import io.mojave.daemon.ServiceContext;

/** The service: a CDI bean, started by the daemon runtime with the parsed options. */
@ApplicationScoped
public class Clock {

    private static final Logger LOG = Logger.getLogger(Clock.class);

    /** The app's own configuration: a {@code -Dacme.motto} given to {@code run} reaches the daemon. */
    @ConfigProperty(name = "acme.motto", defaultValue = "none")
    String motto;

    /** Starts ticking into {@code <datadir>/state/clock.txt}. */
    RunningService start(ServiceContext context, ClockSettings settings) throws IOException {
        if (settings.greeting().equals("fail")) {
            LOG.warn("Asked to greet with 'fail'");
            throw new IllegalStateException("the greeting 'fail' is refused");
        }
        Path file = context.stateDirectory("state").resolve("clock.txt");
        Files.writeString(file, "greeting=" + settings.greeting() + "\nmotto=" + motto + "\n");
        long timer = context.vertx().setPeriodic(settings.tick().toMillis(), id -> {
            LOG.debugf("tick %s", settings.greeting());
            try {
                Files.writeString(file, settings.greeting() + " " + Instant.now() + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warnf("Cannot write %s: %s", file, e.getMessage());
            }
        });
        return new RunningService() {
            @Override
            public List<String> endpoints() {
                return List.of("file " + file);
            }

            @Override
            public void stop() {
                context.vertx().cancelTimer(timer);
            }
        };
    }
}
