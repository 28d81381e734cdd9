package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;

/** {@code bin/devnet up|status|down}: the three services as daemons on their default ports. */
class DevnetIT extends DaemonTestSupport {

    private static final Pattern HEIGHT = Pattern.compile("node block height: (\\d+)");

    @Override
    protected String service() {
        return "sequencer";
    }

    @Test
    void upStartsAChainThatGrowsStatusShowsItAndDownStopsAll() throws Exception {
        cli.withEnv("MOJAVE_DEVNET_DIR", tmp.toString());
        String up = devnet("up");
        assertThat(up).contains("mojave-node started").contains("mojave-prover started")
                .contains("mojave-sequencer started").contains("devnet up");

        await(Duration.ofSeconds(30), "the node's height to reach 3", () -> height(devnet("status")) >= 3);

        String down = devnet("down");
        assertThat(down).contains("mojave-sequencer stopped").contains("mojave-prover stopped").contains("mojave-node stopped");
        for (String service : List.of("node", "prover", "sequencer")) {
            assertThat(tmp.resolve(service).resolve(service + ".pid")).doesNotExist();
        }
        assertThat(SWEEPER.processes(tmp.toString())).isEmpty();
    }

    private static long height(String status) {
        Matcher matcher = HEIGHT.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private String devnet(String command) throws IOException, InterruptedException {
        Path script = cli.launcher().resolveSibling("devnet");
        Process process = cli.startRaw(List.of(script.toString(), command));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8) + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
