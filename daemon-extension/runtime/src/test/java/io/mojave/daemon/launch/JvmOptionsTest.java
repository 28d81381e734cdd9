package io.mojave.daemon.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JvmOptionsTest {

    private static final List<String> APP = List.of("mojave.");

    @ParameterizedTest
    @ValueSource(strings = {
            "-Xmx512m", "-Xms64m", "-Xss1m", "-XX:+UseSerialGC", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75",
            "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=app.jsa", "-XX:AOTCache=app.aot", "-XX:AOTMode=auto",
            "-Xshare:auto", "--enable-native-access=ALL-UNNAMED", "-Dmojave.x=1", "-Dquarkus.daemon.shutdown-timeout=1s",
            "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=/var/tmp", "-XX:+ExitOnOutOfMemoryError",
            "-Xlog:cds*=off", "-Xlog:aot*=off,cds*=off", "-Xlog:cds+dynamic=off", "-Xlog:disable",
            "-XX:TrimNativeHeapInterval=5000", "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=exclude,jdk.internal.org.objectweb.asm.Frame::execute" })
    void tuningQuarkusAndTheAppsOwnPropertiesPass(String option) {
        assertThat(JvmOptions.isInheritable(option, APP)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005",
            "-agentpath:/opt/profiler/libagent.so", "-javaagent:/tmp/jacoco.jar=destfile=x.exec",
            "-Xrunjdwp:transport=dt_socket", "-Xdebug",
            "-XX:AOTCacheOutput=app.aot", "-XX:AOTMode=record", "-XX:AOTConfiguration=app.aotconf",
            "-XX:ArchiveClassesAtExit=app.jsa", "-XX:+AutoCreateSharedArchive", "-XX:+UseJVMCICompiler",
            "-XX:+UsePerfData", "-XX:+FlightRecorder", "-XX:StartFlightRecording=filename=rec.jfr",
            "-Dacme.greeting=hello",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dmojavex=1", "-ea", "",
            "-Xlog:cds", "-Xlog:cds*=info", "-Xlog:gc:file=/tmp/gc.log", "-Xlog:cds*=off:file=/tmp/x.log",
            "-Xlog:cds*=off,gc=debug", "-Xlog:all=off:stderr", "-Xlog", "-Xloggc:/tmp/gc.log",
            "-XX:CompileCommand=print,*", "-XX:CompileCommand=log,*" })
    void debuggersRecordingsAndForeignPropertiesDoNot(String option) {
        assertThat(JvmOptions.isInheritable(option, APP)).isFalse();
    }

    @Test
    void theLaunchersStartUpCacheOptionsReachTheChild() {
        // What bin/mojave-launcher adds for its build-time cache (JDK 17 and JDK 25), before JAVA_OPTS.
        List<String> jdk17 = List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:SharedArchiveFile=/opt/m/node/target/quarkus-app/mojave-startup.jsa",
                "-Xlog:cds*=off", "-Xmx256m");
        List<String> jdk25 = List.of("-XX:+UseSerialGC", "-XX:AOTCache=/opt/m/node/target/quarkus-app/mojave-startup.aot",
                "-Xlog:aot*=off,cds*=off", "-XX:AOTCacheOutput=/tmp/x.aot");

        assertThat(JvmOptions.inheritable(jdk17, APP)).containsExactlyElementsOf(jdk17);
        assertThat(JvmOptions.inheritable(jdk25, APP)).containsExactly("-XX:+UseSerialGC",
                "-XX:AOTCache=/opt/m/node/target/quarkus-app/mojave-startup.aot", "-Xlog:aot*=off,cds*=off");
    }

    @Test
    void theLaunchersShortRunCompilerModeStaysWithTheParent() {
        // bin/mojave-launcher gives init's parent C1 alone; the daemon it starts must keep C2.
        List<String> parent = List.of("-XX:+UseSerialGC", "-XX:CompilationMode=quick-only", "-Xmx512m");

        assertThat(JvmOptions.inheritable(parent, APP)).containsExactly("-XX:+UseSerialGC", "-Xmx512m");
    }

    @Test
    void inheritableKeepsTheAllowedOptionsInOrder() {
        List<String> parent = List.of("-agentlib:jdwp=transport=dt_socket,address=5005", "-Xmx256m",
                "-Dquarkus.http.test-port=0", "-Dmojave.token=abc", "-XX:AOTCacheOutput=x.aot", "-XX:+UseSerialGC",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=exclude,a.B::c");

        assertThat(JvmOptions.inheritable(parent, APP)).containsExactly("-Xmx256m", "-Dquarkus.http.test-port=0", "-Dmojave.token=abc", "-XX:+UseSerialGC",
                "-XX:CompileCommand=quiet", "-XX:CompileCommand=exclude,a.B::c");
    }

    @Test
    void anotherAppsPrefixIsItsOwn() {
        List<String> parent = List.of("-Dacme.greeting=hello", "-Dmojave.token=abc", "-Dquarkus.log.level=DEBUG");

        assertThat(JvmOptions.inheritable(parent, List.of("acme."))).containsExactly("-Dacme.greeting=hello", "-Dquarkus.log.level=DEBUG");
    }
}
