package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.ServiceCli;

/** The node's own options of {@code init}: bad values fail in the terminal, in one line, before anything detaches. */
class NodeOptionsIT extends NodeTestSupport {

    private void assertUsageError(ServiceCli.Result result, String... expected) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains(expected);
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
        assertThat(datadir).as("nothing started").doesNotExist();
        assertThat(SWEEPER.processes(datadir.toString())).as("no daemon child left, not even one started early").isEmpty();
    }

    @Test
    void anUnreadableOrMalformedGenesisFileIsAUsageErrorNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.json");
        assertUsageError(cli.run(initArgs("--network", missing.toString())),
                "--network " + missing + ": cannot read it (no such file)");

        Path malformed = Files.writeString(tmp.resolve("malformed.json"), "{\"config\": {\"chainId\": ");
        assertUsageError(cli.run(initArgs("--network", malformed.toString())), "--network " + malformed + ": not a JSON object");

        Path noChainId = Files.writeString(tmp.resolve("no-chain-id.json"), "{\"config\": {}}");
        assertUsageError(cli.run(initArgs("--network", noChainId.toString())), "--network " + noChainId + ": no config.chainId");

        Path noSequencer = Files.writeString(tmp.resolve("no-sequencer.json"), "{\"config\": {\"chainId\": 7}}");
        assertUsageError(cli.run(initArgs("--network", noSequencer.toString())),
                "no trusted sequencer", noSequencer.toString(), "--sequencer.address");

        Path directory = Files.createDirectories(tmp.resolve("a-directory"));
        assertUsageError(cli.run(initArgs("--network", directory.toString())), "--network " + directory + ": cannot read it");
    }

    @Test
    void aBadSequencerAddressOrRpcPortIsAUsageError() {
        assertUsageError(cli.run(initArgs("--sequencer.address", "0x1234")), "--sequencer.address", "0x and 40 hex digits");
        assertUsageError(cli.run(initArgs("--sequencer.address", "0x" + "zz".repeat(20))), "--sequencer.address");
        assertUsageError(cli.run("init", "--datadir", datadir.toString(), "--http.port", "65536"), "--http.port", "65536");
    }
}
