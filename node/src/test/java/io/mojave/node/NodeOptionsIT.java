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

    @Test
    void aZeroOrMalformedSequencerQuietTimeIsAUsageError() {
        assertUsageError(cli.run(initArgs("--sequencer.quiet_time", "0")), "--sequencer.quiet_time must be above 0");
        assertUsageError(cli.run(initArgs("--sequencer.quiet_time", "soon")), "--sequencer.quiet_time", "'soon' is not a duration");
    }

    @Test
    void aStoreOfAnotherChainIdIsRefusedNamingOnlyWhatDiffers() throws Exception {
        String sequencer = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
        Path first = Files.writeString(tmp.resolve("g1.json"),
                "{\"config\":{\"chainId\":1,\"mojave\":{\"sequencer\":\"" + sequencer + "\"}},\"timestamp\":\"0x0\"}");
        Path second = Files.writeString(tmp.resolve("g2.json"),
                "{\"config\":{\"chainId\":2,\"mojave\":{\"sequencer\":\"" + sequencer + "\"}},\"timestamp\":\"0x0\"}");
        init("--network", first.toString());
        assertThat(cli.run("stop", "--datadir", datadir.toString()).exitCode()).isZero();

        ServiceCli.Result result = cli.run(initArgs("--network", second.toString()));
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        // the chain id is not in block 0's hash: both files have the same genesis block, named once
        String genesis = new io.mojave.chain.Genesis(2, 0, java.util.Optional.of(io.mojave.chain.Address.parse(sequencer)))
                .block().hash().hex();
        assertThat(result.err()).isEqualTo("error: mojave-node failed to start: the chain stored in the datadir has chain id 1, "
                + "not chain id 2 as given (the same genesis block " + genesis + "): use the same --network, or another --datadir (log "
                + logFile() + ")\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void initHelpKeepsOptionNamesAndDottedNamesWhole() {
        ServiceCli.Result help = cli.run("init", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: mojave-node init [OPTIONS]\n");
        // picocli wraps at the dots of a name (--health.\n port, config.\n mojave.sequencer): none here
        assertThat(help.out()).doesNotContainPattern("\\S\\.\n\\s+[a-z<]");
        assertThat(help.out()).contains("config.mojave.sequencer (the trusted sequencer)");
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLineSayingWhatToDo() {
        ServiceCli.Result result = cli.withEnv("JAVA_HOME", "/nonexistent").run("status", "--datadir", datadir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: JAVA_HOME=/nonexistent has no executable bin/java; set JAVA_HOME to a JDK or "
                + "JRE 17 or newer, or unset it to use java from the PATH\n");
    }
}
