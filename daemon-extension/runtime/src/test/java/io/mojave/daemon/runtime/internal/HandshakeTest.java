package io.mojave.daemon.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two exchanges between {@code init} and its daemon child, over a real Unix socket: the child
 * waits for the go before doing anything, then reports ready or why it failed.
 */
class HandshakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path temporary;

    /** Stands for the daemon child: await() watches whether it is alive. */
    private DaemonChild child;

    @BeforeEach
    void startChild() throws Exception {
        child = DaemonChild.start(List.of("sleep", "60"), Map.of(), temporary.resolve("child.log"));
    }

    @AfterEach
    void stopChild() throws Exception {
        child.end(Duration.ofSeconds(10));
    }

    @Test
    void aWaitingChildIsToldToGoAndItsReadyReportEndsTheWait() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture<Boolean> went = CompletableFuture.supplyAsync(() -> {
                boolean go = reporter.awaitGo();
                if (go) {
                    try {
                        reporter.ready(4242, List.of("health http://127.0.0.1:1/health", "api http://127.0.0.1:2"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return go;
            });

            Handshake.Outcome outcome = handshake.await(child, TIMEOUT, () -> false);

            assertThat(went.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(outcome).isEqualTo(new Handshake.Outcome.Ready(4242,
                    List.of("health http://127.0.0.1:1/health", "api http://127.0.0.1:2")));
        }
    }

    @Test
    void aChildThatAsksBeforeTheParentListensIsAnsweredOnceItDoes() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture<Boolean> went = CompletableFuture.supplyAsync(reporter::awaitGo);
            Thread.sleep(200); // the child's first attempts find no socket yet

            assertThat(went).isNotDone();
            handshake.listen();
            CompletableFuture.runAsync(() -> {
                try {
                    if (went.get(10, TimeUnit.SECONDS)) {
                        reporter.ready(7, List.of());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(handshake.await(child, TIMEOUT, () -> false)).isEqualTo(new Handshake.Outcome.Ready(7, List.of()));
            assertThat(went.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailureReportCarriesItsMessage() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture.runAsync(() -> {
                try {
                    if (reporter.awaitGo()) {
                        reporter.failed("port 8545\tis taken\n(by someone)");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(handshake.await(child, TIMEOUT, () -> false))
                    .isEqualTo(new Handshake.Outcome.Failed("port 8545 is taken (by someone)"));
        }
    }

    @Test
    void aChildWhoseParentClosesTheChannelIsNotToldToGo() throws Exception {
        Handshake handshake = Handshake.open();
        Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(reporter::awaitGo);

        handshake.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(reporter.awaitGo()).as("asking again after the close").isFalse();
    }

    @Test
    void aChildThatDiesWithoutAWordIsReportedAsExited() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            DaemonChild quitter = DaemonChild.start(List.of("sh", "-c", "exit 3"), Map.of(), temporary.resolve("quitter.log"));

            assertThat(handshake.await(quitter, TIMEOUT, () -> false)).isEqualTo(new Handshake.Outcome.Exited());
        }
    }
}
