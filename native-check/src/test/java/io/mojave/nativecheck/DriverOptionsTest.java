package io.mojave.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DriverOptionsTest {

    private static final String ORIGIN = "jar:file:///lib/x.jar!/META-INF/native-image/x/native-image.properties";

    @Test
    void quarkusCommandLineIsTranslated() {
        DriverOptions options = new DriverOptions();
        options.acceptCommandLine(List.of("-J-Dfile.encoding=UTF-8", "-H:+UnlockExperimentalVMOptions", "-H:IncludeLocales=en",
                "--features=a.F,b.G", "--no-fallback", "--link-at-build-time", "--enable-url-protocols=http",
                "--enable-monitoring=heapdump,threaddump", "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "app-runner", "-jar", "app-runner.jar"), Path.of("/src"));

        assertThat(options.jvmArgs).containsExactly("-Dfile.encoding=UTF-8");
        assertThat(options.builderArgs).containsExactly(
                "-H:+UnlockExperimentalVMOptions",
                "-H:IncludeLocales=en",
                "-H:Features@user+api=a.F,b.G",
                "-H:FallbackThreshold@user+api=0",
                "-H:LinkAtBuildTime@user+api=",
                "-H:EnableURLProtocols@user+api=http",
                "-H:EnableMonitoringFeatures@user+api=heapdump,threaddump",
                "-H:EnableNativeAccess@user+api=ALL-UNNAMED",
                "-H:AddOpens@user+api=java.base/java.io=ALL-UNNAMED");
        assertThat(options.imageName).isEqualTo("app-runner");
        assertThat(options.jar).isEqualTo(Path.of("/src/app-runner.jar"));
    }

    @Test
    void classInitializationTakesEachNameWithItsTime() {
        DriverOptions options = new DriverOptions();
        options.acceptProperties(List.of("--initialize-at-run-time=a.B,c.D", "--initialize-at-build-time=io.netty"), ORIGIN);

        assertThat(options.builderArgs).containsExactly(
                "-H:ClassInitialization@" + ORIGIN + "+api=a.B:run_time,c.D:run_time",
                "-H:ClassInitialization@" + ORIGIN + "+api=io.netty:build_time");
    }

    @Test
    void builderOptionsOfAJarCarryItsOrigin() {
        DriverOptions options = new DriverOptions();
        options.acceptProperties(List.of("-H:+Flag", "-H:-Other", "-H:Key=a=b"), ORIGIN);

        assertThat(options.builderArgs).containsExactly("-H:+Flag@" + ORIGIN, "-H:-Other@" + ORIGIN, "-H:Key@" + ORIGIN + "=a=b");
    }

    @Test
    void excludeConfigTakesAJarAndAResourcePattern() {
        DriverOptions options = new DriverOptions();
        options.acceptCommandLine(List.of("--exclude-config", "io\\.netty\\.netty-codec", "/META-INF/native-image/io\\.netty/netty-codec/generated/.*\\.json"),
                Path.of("/src"));

        DriverOptions.Exclusion exclusion = options.exclusions.get(0);
        assertThat(exclusion.matches(Path.of("/lib/io.netty.netty-codec-4.1.jar"), "/META-INF/native-image/io.netty/netty-codec/generated/handlers/reflect-config.json")).isTrue();
        assertThat(exclusion.matches(Path.of("/lib/io.netty.netty-codec-4.1.jar"), "/META-INF/native-image/io.netty/netty-codec/native-image.properties")).isFalse();
        assertThat(exclusion.matches(Path.of("/lib/io.netty.netty-buffer-4.1.jar"), "/META-INF/native-image/io.netty/netty-codec/generated/handlers/reflect-config.json")).isFalse();
    }

    @Test
    void anUnknownOptionStopsTheCheckNamingWhereItCameFrom() {
        assertThatThrownBy(() -> new DriverOptions().acceptProperties(List.of("--gc=G1"), ORIGIN))
                .isInstanceOf(CheckFailure.class)
                .hasMessage("unsupported native-image option '--gc=G1' in " + ORIGIN + ": translate it in DriverOptions");
        assertThatThrownBy(() -> new DriverOptions().acceptCommandLine(List.of("--verbose"), Path.of("/src")))
                .hasMessage("unsupported native-image option '--verbose' on the native-image command line: translate it in DriverOptions");
    }

    @Test
    void malformedOptionsAreErrors() {
        assertThatThrownBy(() -> new DriverOptions().acceptProperties(List.of("-H:+Flag=1"), ORIGIN))
                .hasMessage("malformed builder option '-H:+Flag=1' in " + ORIGIN + ": a +/- flag takes no value");
        assertThatThrownBy(() -> new DriverOptions().acceptProperties(List.of("-H:Key"), ORIGIN))
                .hasMessage("malformed builder option '-H:Key' in " + ORIGIN + ": '=' and a value expected");
        assertThatThrownBy(() -> new DriverOptions().acceptProperties(List.of("--features"), ORIGIN))
                .hasMessage("native-image option '--features' without '=' and its value in " + ORIGIN);
        assertThatThrownBy(() -> new DriverOptions().acceptCommandLine(List.of("-jar"), Path.of("/src")))
                .hasMessage("native-image option '-jar' without its value on the native-image command line");
        assertThatThrownBy(() -> new DriverOptions().acceptCommandLine(List.of("one", "two"), Path.of("/src")))
                .hasMessage("a second image name 'two' after 'one' on the native-image command line");
        assertThatThrownBy(() -> new DriverOptions().acceptCommandLine(List.of("--exclude-config", "(", "x"), Path.of("/src")))
                .hasMessage("native-image option '--exclude-config': '(' is no regular expression");
    }
}
