package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.ServiceCli;

/** Bad input on the sequencer's command line fails in the terminal before anything detaches: one line, exit 2, no key shown. */
class SequencerOptionsIT extends DaemonTestSupport {

    private static final String KEY = "5a".repeat(32);

    @Override
    protected String service() {
        return "sequencer";
    }

    private ServiceCli.Result usageError(String... args) {
        ServiceCli.Result result = cli.run(initArgs(args));
        assertThat(result.exitCode()).as("exit code; printed: %s", result.output()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: ").doesNotContain(KEY).doesNotContain("Exception");
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(datadir).as("nothing started").doesNotExist();
        return result;
    }

    @Test
    void aMalformedKeyFileNamesTheFileAndTheDefectButNeverItsContent() throws Exception {
        String notHex = "zq".repeat(32);
        Path file = privateFile("bad.key", notHex + "\n");
        assertThat(usageError("--private_key.file", file.toString()).err()).contains("--private_key.file " + file)
                .contains("other characters").doesNotContain(notHex);

        Path truncated = privateFile("short.key", KEY.substring(0, 40));
        assertThat(usageError("--private_key.file", truncated.toString()).err()).contains(truncated.toString())
                .contains("64 hex digits").doesNotContain(KEY.substring(0, 40));

        Path missing = tmp.resolve("missing.key");
        assertThat(usageError("--private_key.file", missing.toString()).err()).contains(missing + ": no such file");

        Path zero = privateFile("zero.key", "0".repeat(64));
        assertThat(usageError("--private_key.file", zero.toString()).err()).contains("not a valid secp256k1 private key");
    }

    @Test
    void aKeyFileThatEveryUserMayReadIsRefusedAsSshDoes() throws Exception {
        Path file = privateFile("open.key", KEY);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(usageError("--private_key.file", file.toString()).err()).isEqualTo("error: --private_key.file " + file
                + ": every user may read or write it (mode 0644); a private key must be private: chmod 600 " + file
                + " (see 'mojave-sequencer init --help')\n");
    }

    @Test
    void theKeyOptionAndTheKeyFileTogetherAreRefused() throws Exception {
        Path file = privateFile("sequencer.key", KEY);
        assertThat(usageError("--private_key", KEY, "--private_key.file", file.toString()).err())
                .contains("either --private_key or --private_key.file");
    }

    @Test
    void portsOutOfRangeAndBadUrlsAreUsageErrors() throws Exception {
        Path file = privateFile("sequencer.key", KEY);
        String key = file.toString();
        assertThat(usageError("--private_key.file", key, "--health.port", "70000").err()).contains("70000 is out of the port range");
        assertThat(usageError("--private_key.file", key, "--node.url", "http://127.0.0.1:70000").err())
                .contains("--node.url").contains("port out of the range 1-65535");
        assertThat(usageError("--private_key.file", key, "--prover.address", "localhost:3900").err())
                .contains("--prover.address").contains("not an http:// URL");
        assertThat(usageError("--private_key.file", key, "--block_time", "0ms").err()).contains("--block_time must be above 0");
        assertThat(usageError("--private_key.file", key, "--block_time", "soon").err()).contains("is not a duration");
        assertThat(usageError("--private_key.file", key, "--batch.size", "0").err()).contains("--batch.size must be at least 1");
    }

    @Test
    void anUnreadableOrInvalidGenesisIsAUsageError() throws Exception {
        Path file = privateFile("sequencer.key", KEY);
        Path missing = tmp.resolve("missing.json");
        assertThat(usageError("--private_key.file", file.toString(), "--network", missing.toString()).err())
                .contains("--network " + missing + ": cannot read it (no such file)");
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{ not json");
        assertThat(usageError("--private_key.file", file.toString(), "--network", broken.toString()).err())
                .contains("--network " + broken + ": not a JSON object");
    }

    @Test
    void aBadKeyInTheEnvironmentIsBlamedOnTheVariableAndAKeyFileWinsOverIt() throws Exception {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", "0x12");

        assertThat(usageError().err()).isEqualTo("error: MOJAVE_SEQUENCER_PRIVATE_KEY: a private key is 64 hex digits (32 bytes) "
                + "after an optional 0x; this one has 2 (see 'mojave-sequencer init --help')\n");
        assertThat(usageError("--private_key", "0x12").err()).startsWith("error: --private_key: a private key is 64 hex digits");
        Path file = privateFile("key.hex", KEY + "\n");
        // The file takes precedence: the variable is not even read, so the next mistake is the one reported.
        assertThat(usageError("--private_key.file", file.toString(), "--batch.size", "0").err())
                .isEqualTo("error: --batch.size must be at least 1, not 0 (see 'mojave-sequencer init --help')\n");
    }

    @Test
    void initHelpHasAShortSynopsisThatBreaksNoOptionName() {
        ServiceCli.Result help = cli.run("init", "--help");
        assertThat(help.exitCode()).isZero();
        // the full synopsis came out as "[--health.\n port=PORT]"; the option list below names every option
        assertThat(help.out()).startsWith("Usage: mojave-sequencer init [OPTIONS]\nStarts the sequencer")
                .contains("      --block_time=DURATION  Time between blocks (default: 1000ms).\n");
    }
}
