package io.mojave.daemon.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
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
 * The report of a daemon child to its {@code init}, over a real Unix socket: ready (acknowledged
 * once the parent has told the user) or why it failed; a parent gone before the acknowledgement.
 */
class HandshakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path temporary;

    /** Stands for the daemon child: await() watches whether it is alive. */
    private DaemonChild child;

    @BeforeEach
    void startChild() throws Exception {
        child = DaemonChild.start(List.of("sleep", "60"), Map.of(), temporary.resolve("child.log"), 0027);
    }

    @AfterEach
    void stopChild() throws Exception {
        child.end(Duration.ofSeconds(10));
    }

    @Test
    void aReadyReportEndsTheWaitAndTheChildRunsOnOnlyOnceAcknowledged() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture<Void> reported = CompletableFuture.runAsync(() -> ready(reporter, 4242,
                    List.of("health http://127.0.0.1:1/health", "api http://127.0.0.1:2")));

            Handshake.Outcome outcome = handshake.await(child, TIMEOUT, () -> false);

            assertThat(outcome).isEqualTo(new Handshake.Outcome.Ready(4242,
                    List.of("health http://127.0.0.1:1/health", "api http://127.0.0.1:2")));
            assertThat(reported).as("the child waits for the acknowledgement").isNotDone();
            handshake.acknowledge();
            reported.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aChildThatReportsBeforeTheParentListensIsHeardOnceItDoes() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture<Void> reported = CompletableFuture.runAsync(() -> ready(reporter, 7, List.of()));
            Thread.sleep(200); // the child's first attempts find no socket yet

            assertThat(reported).isNotDone();
            handshake.listen();

            assertThat(handshake.await(child, TIMEOUT, () -> false)).isEqualTo(new Handshake.Outcome.Ready(7, List.of()));
            handshake.acknowledge();
            reported.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReadyChildWhoseParentClosesWithoutAcknowledgingIsTold() throws Exception {
        Handshake handshake = Handshake.open();
        Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
        CompletableFuture<Void> reported = CompletableFuture.runAsync(() -> ready(reporter, 7, List.of()));
        assertThat(handshake.await(child, TIMEOUT, () -> false)).isEqualTo(new Handshake.Outcome.Ready(7, List.of()));

        handshake.close(); // as the kernel does for a parent killed outright

        assertThatThrownBy(() -> reported.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class)
                .hasMessageContaining("gone before it reported the start");
    }

    @Test
    void aReportToASocketNobodyListensOnAnyMoreFailsWithinASecondOrTwo() throws Exception {
        // A parent killed with SIGKILL leaves its socket file behind, with no one listening on it.
        Path socket = temporary.resolve("ready.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
        Handshake.Reporter reporter = new Handshake.Reporter(socket);
        long started = System.nanoTime();

        assertThatThrownBy(() -> reporter.ready(7, List.of())).isInstanceOf(IOException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(socket).as("the child removes what the dead parent left").doesNotExist();
    }

    @Test
    void aFailureReportCarriesItsMessage() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            Handshake.Reporter reporter = new Handshake.Reporter(Path.of(handshake.address()));
            CompletableFuture.runAsync(() -> {
                try {
                    reporter.failed("port 65000\tis taken\n(by someone)");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(handshake.await(child, TIMEOUT, () -> false))
                    .isEqualTo(new Handshake.Outcome.Failed("port 65000 is taken (by someone)"));
        }
    }

    @Test
    void aChildThatDiesWithoutAWordIsReportedAsExited() throws Exception {
        try (Handshake handshake = Handshake.open()) {
            DaemonChild quitter = DaemonChild.start(List.of("sh", "-c", "exit 3"), Map.of(), temporary.resolve("quitter.log"), 0027);

            assertThat(handshake.await(quitter, TIMEOUT, () -> false)).isEqualTo(new Handshake.Outcome.Exited());
        }
    }

    private static void ready(Handshake.Reporter reporter, long pid, List<String> endpoints) {
        try {
            reporter.ready(pid, endpoints);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
