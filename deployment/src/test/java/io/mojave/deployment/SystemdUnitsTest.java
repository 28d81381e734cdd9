package io.mojave.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** deployment/systemd: a daemon-mode (Type=forking) and a --no-daemon (Type=notify) unit per service. */
class SystemdUnitsTest {

    private static final Duration SERVICE_SHUTDOWN_DEFAULT = Duration.ofSeconds(3);

    static Stream<Arguments> unitsAndServices() {
        List<Arguments> all = new ArrayList<>();
        for (String kind : List.of("forking", "notify")) {
            for (Service service : Service.values()) {
                all.add(Arguments.of(kind, service));
            }
        }
        return all.stream();
    }

    static Path unitPath(String kind, Service service) {
        return Repository.deployment("systemd").resolve(kind).resolve(service.program() + ".service");
    }

    static UnitFile unit(String kind, Service service) throws IOException {
        return UnitFile.parse(unitPath(kind, service));
    }

    /** The datadir the daemon-mode unit gives {@code init}. */
    static String datadir(Service service) throws IOException {
        return option(UnitFile.command(unit("forking", service).service("ExecStart")), "--datadir");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void daemonModeUnitsForkWithThePidFileOfTheirDatadir(Service service) throws IOException {
        UnitFile unit = unit("forking", service);
        List<String> start = UnitFile.command(unit.service("ExecStart"));
        List<String> stop = UnitFile.command(unit.service("ExecStop"));
        String datadir = option(start, "--datadir");

        assertThat(unit.service("Type")).isEqualTo("forking");
        assertThat(start.subList(0, 2)).containsExactly(Repository.INSTALLED_BIN + service.program(), "init");
        assertThat(start).doesNotContain("--no-daemon");
        assertThat(datadir).isEqualTo("/var/lib/mojave/" + service.id());
        assertThat(unit.service("PIDFile")).isEqualTo(datadir + "/" + service.id() + ".pid");
        assertThat(stop.subList(0, 2)).containsExactly(Repository.INSTALLED_BIN + service.program(), "stop");
        assertThat(option(stop, "--datadir")).isEqualTo(datadir);
        assertThat(unit.service("ExecReload")).as("SIGHUP reopens the log").isEqualTo("/bin/kill -HUP $MAINPID");
        assertThat(CliOptions.declared(service)).containsAll(CliOptions.used(start)).containsAll(CliOptions.used(stop));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void foregroundUnitsNotifySystemdFromTheMainProcess(Service service) throws IOException {
        UnitFile unit = unit("notify", service);
        List<String> start = UnitFile.command(unit.service("ExecStart"));

        assertThat(unit.service("Type")).isEqualTo("notify");
        assertThat(unit.service("NotifyAccess")).isEqualTo("main");
        assertThat(start.subList(0, 3)).containsExactly(Repository.INSTALLED_BIN + service.program(), "init", "--no-daemon");
        assertThat(option(start, "--datadir")).as("the same datadir as the daemon-mode unit").isEqualTo(datadir(service));
        assertThat(unit.value("Service", "PIDFile")).isEmpty();
        assertThat(CliOptions.declared(service)).containsAll(CliOptions.used(start));
    }

    @ParameterizedTest
    @MethodSource("unitsAndServices")
    void timeBudgetsNest(String kind, Service service) throws IOException {
        UnitFile unit = unit(kind, service);
        Duration shutdown = Optional.ofNullable(unit.environment().get(Repository.SHUTDOWN_TIMEOUT_ENV))
                .map(Durations::parse).orElse(SERVICE_SHUTDOWN_DEFAULT);
        Duration timeoutStop = Durations.parse(unit.service("TimeoutStopSec"));

        if (kind.equals("forking")) {
            Duration stopTimeout = Durations.parse(option(UnitFile.command(unit.service("ExecStop")), "--timeout"));
            assertThat(shutdown).as("the service's own shutdown < stop --timeout").isLessThan(stopTimeout);
            assertThat(stopTimeout).as("stop --timeout < TimeoutStopSec").isLessThan(timeoutStop);
        } else {
            assertThat(shutdown).as("the service's own shutdown < TimeoutStopSec").isLessThan(timeoutStop);
        }
        assertThat(Durations.parse(unit.service("TimeoutStartSec"))).as("init's default --startup-timeout < TimeoutStartSec")
                .isGreaterThan(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("unitsAndServices")
    void runsSandboxedAsTheServiceUserWithItsStateWritable(String kind, Service service) throws IOException {
        UnitFile unit = unit(kind, service);
        String datadir = datadir(service);

        assertThat(unit.service("SuccessExitStatus").split("\\s+")).contains("130", "143");
        assertThat(unit.service("User")).isEqualTo("mojave");
        assertThat(unit.service("NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.service("ProtectSystem")).isEqualTo("strict");
        assertThat(unit.service("PrivateTmp")).isEqualTo("yes");
        assertThat(unit.values("Service", "ReadWritePaths")).contains(datadir);
        assertThat("/var/lib/" + unit.service("StateDirectory")).isEqualTo(datadir);
        assertThat(unit.value("Service", "MemoryDenyWriteExecute").orElse("no"))
                .as("the JIT needs writable and executable memory").isEqualTo("no");
        if (service.privateKeyEnv().isPresent()) {
            String environmentFile = unit.service("EnvironmentFile");
            assertThat(environmentFile.replaceFirst("^-", "")).isEqualTo("/etc/mojave/" + service.id() + ".env");
            assertThat(environmentFile.startsWith("-")).as("the key file is optional")
                    .isEqualTo(service == Service.PROVER);
        }
    }

    /**
     * systemd's own verdict, on copies whose launchers are this repository's bin/ scripts
     * (systemd-analyze rejects a command that does not exist). Any warning about a unit fails too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"forking", "notify"})
    void systemdAnalyzeVerifyAcceptsTheUnits(String kind, @TempDir Path copies) throws Exception {
        Optional<Path> analyze = Commands.find("systemd-analyze");
        assumeTrue(analyze.isPresent(), "systemd-analyze is not installed: the units are not verified by systemd");
        String bin = Repository.root().resolve("bin") + "/";
        List<String> command = new ArrayList<>(List.of(analyze.get().toString(), "verify", "--man=no"));
        for (Service service : Service.values()) {
            assertThat(Path.of(bin + service.program())).isExecutable();
            Path copy = copies.resolve(service.program() + ".service");
            Files.writeString(copy, Files.readString(unitPath(kind, service)).replace(Repository.INSTALLED_BIN, bin));
            command.add(copy.toString());
        }

        Commands.Result result = Commands.run(command, Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(line -> line.contains("mojave-") || line.contains(copies.toString())))
                .as("what systemd-analyze says about the units").isEmpty();
    }

    /** The value after an option ({@code --name value} or {@code --name=value}). */
    static String option(List<String> words, String name) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals(name) && i + 1 < words.size()) {
                return words.get(i + 1);
            }
            if (words.get(i).startsWith(name + "=")) {
                return words.get(i).substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + words);
    }
}
