package io.mojave.daemon.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.quarkus.arc.Arc;
import io.quarkus.picocli.runtime.DefaultPicocliCommandLineFactory;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.test.QuarkusUnitTest;
import picocli.CommandLine;

/**
 * An app shaped like the services: the extension's {@code DaemonMain} as its {@code @QuarkusMain},
 * and nothing that injects the runtime's beans. They are there all the same, and so are the
 * picocli runner that {@code DaemonMain} hands in-process commands to and the factory it builds
 * the command line with, although quarkus-picocli skips registering them when it sees a
 * {@code @QuarkusMain}.
 */
class DaemonBeansTest {

    @RegisterExtension
    static final QuarkusUnitTest config = new QuarkusUnitTest()
            .withApplicationRoot(TestApplication::addTo)
            .setLogRecordPredicate(record -> record.getMessage() != null && record.getMessage().startsWith("Installed features"))
            .assertLogRecords(DaemonBeansTest::featureIsInstalled);

    @Test
    void theLifecycleIsABeanThoughNothingInjectsIt() {
        assertThat(Arc.container().instance(DaemonLifecycle.class).isAvailable()).isTrue();
    }

    @Test
    void picocliRunnerAndItsFactoryAreBeansDespiteTheQuarkusMain() {
        assertThat(Arc.container().instance(PicocliRunner.class).isAvailable()).isTrue();
        assertThat(Arc.container().instance(DefaultPicocliCommandLineFactory.class).isAvailable()).isTrue();
    }

    @Test
    void theRunnerGetsTheConfiguredCommandLine() {
        CommandLine commandLine = Arc.container().instance(CommandLine.class).get();

        assertThat((Object) commandLine.getCommand()).isInstanceOf(TestApplication.class);
        assertThat(commandLine.isCaseInsensitiveEnumValuesAllowed()).isTrue();
        assertThat(commandLine.getSubcommands().get("probe").getDefaultValueProvider()).isNotNull();
    }

    @Test
    void theBuildDescribesTheAppFromItsConfiguration() {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();

        assertThat(service).isEqualTo(new ServiceDescriptor("test", "mojave-test", "1.2.3", "~/.test", "TESTAPP", "TESTAPP_DATADIR",
                List.of("acme.", "test."), true, "127.0.0.1", 9123, TestApplication.class.getName()));
    }

    private static void featureIsInstalled(List<LogRecord> records) {
        assertThat(records).singleElement()
                .satisfies(record -> assertThat(((ExtLogRecord) record).getFormattedMessage()).contains("daemon"));
    }
}
