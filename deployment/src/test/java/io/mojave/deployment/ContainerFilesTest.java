package io.mojave.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.mojave.deployment.Dockerfile.Instruction;

/** deployment/container/Dockerfile.jvm and Dockerfile.native: one parameterised file per kind. */
class ContainerFilesTest {

    private static final Pattern BUILD_COMMAND = Pattern.compile(
            "docker build -f (\\S+) --build-arg SERVICE=(\\S+) -t (\\S+) \\.");

    static Stream<Arguments> kindsAndServices() {
        List<Arguments> all = new ArrayList<>();
        for (ImageKind kind : ImageKind.values()) {
            for (Service service : Service.values()) {
                all.add(Arguments.of(kind, service));
            }
        }
        return all.stream();
    }

    static Dockerfile dockerfile(ImageKind kind) {
        try {
            return Dockerfile.parse(Repository.root().resolve(kind.dockerfile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image tags the build commands in a Dockerfile's header give, by service. */
    static Map<Service, String> documentedTags(ImageKind kind) {
        Map<Service, String> tags = new EnumMap<>(Service.class);
        for (String line : dockerfile(kind).header()) {
            Matcher m = BUILD_COMMAND.matcher(line.strip());
            if (m.matches() && m.group(1).equals(kind.dockerfile())) {
                for (Service service : Service.values()) {
                    if (service.id().equals(m.group(2))) {
                        tags.put(service, m.group(3));
                    }
                }
            }
        }
        return tags;
    }

    /** The ports a service's stage EXPOSEs. */
    static Set<Integer> exposedPorts(ImageKind kind, Service service) {
        Set<Integer> ports = new TreeSet<>();
        for (Instruction expose : dockerfile(kind).effective(service.id())) {
            if (expose.keyword().equals("EXPOSE")) {
                expose.words().forEach(port -> ports.add(Integer.parseInt(port.replace("/tcp", ""))));
            }
        }
        return ports;
    }

    /** The datadir VOLUME of a service's image. */
    static List<String> volumes(ImageKind kind, Service service) {
        List<String> volumes = new ArrayList<>();
        for (Instruction volume : dockerfile(kind).effective(service.id())) {
            if (volume.keyword().equals("VOLUME")) {
                volumes.addAll(volume.arguments().startsWith("[") ? volume.execForm() : volume.words());
            }
        }
        return volumes;
    }

    @ParameterizedTest
    @EnumSource(ImageKind.class)
    void oneFilePerKindPicksTheServiceStageWithTheServiceArgument(ImageKind kind) {
        Dockerfile dockerfile = dockerfile(kind);

        assertThat(dockerfile.globalArgDefault("SERVICE")).as("ARG SERVICE=... before the first FROM").hasValue("node");
        assertThat(dockerfile.globalArgDefault("BASE_IMAGE")).as("ARG BASE_IMAGE=... before the first FROM")
                .hasValueSatisfying(image -> assertThat(image).startsWith(kind.baseImage()));
        // The base image comes only from the build argument: the stage "base" starts from it,
        // directly or through stages of this file.
        Dockerfile.Stage root = dockerfile.stage("base").orElseThrow();
        while (dockerfile.stage(root.from()).isPresent()) {
            root = dockerfile.stage(root.from()).orElseThrow();
        }
        assertThat(root.from()).as("what the stage base starts from").isEqualTo("${BASE_IMAGE}");
        assertThat(dockerfile.stages()).as("every FROM names the build argument or a stage of the file")
                .allSatisfy(stage -> assertThat(stage.from().equals("${BASE_IMAGE}") || stage.from().equals("${SERVICE}")
                        || dockerfile.stage(stage.from()).isPresent()).as(stage.from()).isTrue());
        for (Service service : Service.values()) {
            assertThat(dockerfile.stage(service.id())).as("a stage named " + service.id())
                    .hasValueSatisfying(stage -> assertThat(stage.from()).isEqualTo("base"));
        }
        Dockerfile.Stage last = dockerfile.stages().get(dockerfile.stages().size() - 1);
        assertThat(last.from()).as("the image is the stage SERVICE names").isEqualTo("${SERVICE}");
        assertThat(last.instructions()).as("nothing added to the chosen stage").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kindsAndServices")
    void runsInitInTheForegroundOnTheFixedDatadirBoundOnAllInterfaces(ImageKind kind, Service service) {
        List<Instruction> image = dockerfile(kind).effective(service.id());

        List<String> entrypoint = Dockerfile.last(image, "ENTRYPOINT").orElseThrow().execForm();
        assertThat(entrypoint.get(0)).isEqualTo(kind.program(service));
        assertThat(entrypoint.subList(1, 3)).containsExactly("init", "--no-daemon");
        Map<String, String> options = optionValues(entrypoint.subList(3, entrypoint.size()));
        Map<String, String> expected = new HashMap<>(Map.of(
                "--datadir", Repository.IMAGE_DATADIR,
                "--health.addr", "0.0.0.0"));
        if (service == Service.PROVER) {
            expected.put("--prover.host", "0.0.0.0");
        }
        if (service == Service.NODE) {
            expected.put("--http.addr", "0.0.0.0");
        }
        assertThat(options).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(CliOptions.declared(service)).as("options %s declares", service.program())
                .containsAll(options.keySet());

        assertThat(Dockerfile.env(image)).containsEntry("MOJAVE_NO_DAEMON", "true");
        assertThat(volumes(kind, service)).containsExactly(Repository.IMAGE_DATADIR);
        assertThat(Dockerfile.last(image, "USER")).as("the image's user")
                .hasValueSatisfying(user -> assertThat(user.arguments().split(":")[0]).isEqualTo(String.valueOf(kind.uid())));
        assertThat(Dockerfile.last(image, "CMD")).as("options go in the ENTRYPOINT; CMD would be replaced by arguments")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kindsAndServices")
    void exposesExactlyTheServicesPorts(ImageKind kind, Service service) {
        assertThat(exposedPorts(kind, service)).isEqualTo(service.ports());
    }

    @ParameterizedTest
    @EnumSource(ImageKind.class)
    void copiesTheBuiltService(ImageKind kind) {
        List<Instruction> copies = dockerfile(kind).stage("base").orElseThrow().instructions().stream()
                .filter(i -> i.keyword().equals("COPY") || i.keyword().equals("ADD")).toList();

        assertThat(copies).isNotEmpty().allSatisfy(copy -> {
            assertThat(copy.keyword()).isEqualTo("COPY");
            List<String> words = copy.words();
            if (kind == ImageKind.JVM) {
                // The code belongs to root: the service's user can read it, not change it.
                assertThat(words).noneSatisfy(w -> assertThat(w).startsWith("--chown"));
            } else {
                assertThat(words).anySatisfy(w -> assertThat(w).startsWith("--chown=" + kind.uid()));
            }
            List<String> sources = words.stream().filter(w -> !w.startsWith("--")).toList();
            assertThat(sources.subList(0, sources.size() - 1)).allSatisfy(source -> assertThat(
                    source.startsWith("${SERVICE}/target/") || source.equals("bin/mojave-launcher")
                            || source.equals("bin/train-startup-cache")).as(source).isTrue());
        });
        String copied = String.join("\n", copies.stream().map(Instruction::arguments).toList());
        if (kind == ImageKind.JVM) {
            // Quarkus' fast-jar layout, in its four layers, where the launcher looks for it.
            String app = " /opt/mojave/${SERVICE}/target/quarkus-app/";
            assertThat(copied).contains("bin/mojave-launcher bin/train-startup-cache /opt/mojave/bin/",
                    "${SERVICE}/target/quarkus-app/lib/" + app + "lib/", "${SERVICE}/target/quarkus-app/*.jar" + app,
                    "${SERVICE}/target/quarkus-app/app/" + app + "app/",
                    "${SERVICE}/target/quarkus-app/quarkus/" + app + "quarkus/");
            // The launcher under the service's name, and its start-up cache trained with the image's JRE.
            assertThat(dockerfile(kind).stage("base").orElseThrow().instructions())
                    .filteredOn(i -> i.keyword().equals("RUN")).map(Instruction::arguments)
                    .anySatisfy(run -> assertThat(run).contains("ln -s mojave-launcher /opt/mojave/bin/mojave-${SERVICE}",
                            "/opt/mojave/bin/train-startup-cache ${SERVICE}"));
            assertThat(Dockerfile.env(dockerfile(kind).effective("base"))).containsEntry("MOJAVE_UMASK", "0007");
        } else {
            assertThat(copied).contains("${SERVICE}/target/mojave-${SERVICE}-*-runner /work/application");
        }
        for (Service service : Service.values()) {
            assertThat(Repository.root().resolve(service.id()).resolve("pom.xml"))
                    .as("the module the image copies from").isRegularFile();
        }
    }

    @ParameterizedTest
    @EnumSource(ImageKind.class)
    void documentsTheBuildCommandOfEachServiceWithItsImageTag(ImageKind kind) {
        Map<Service, String> tags = documentedTags(kind);

        assertThat(tags).containsOnlyKeys(Service.values());
        tags.forEach((service, tag) -> assertThat(tag).isEqualTo(kind.image(service, Repository.imageVersion())));
        assertThat(String.join("\n", dockerfile(kind).header()))
                .as("the build of the jars or executables comes first")
                .contains(kind == ImageKind.JVM ? "./mvnw -B package -DskipTests" : "./mvnw -B package -DskipTests -Dnative");
    }

    @ParameterizedTest
    @EnumSource(ImageKind.class)
    void keepsTheBuildContextToWhatTheImageCopies(ImageKind kind) throws IOException {
        List<String> ignore = Files.readAllLines(Repository.root().resolve(kind.dockerfile() + ".dockerignore")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

        assertThat(ignore.get(0)).isEqualTo("*");
        if (kind == ImageKind.JVM) {
            assertThat(ignore).contains("!bin/mojave-launcher", "!bin/train-startup-cache");
        }
        for (Service service : Service.values()) {
            assertThat(ignore).contains(kind == ImageKind.JVM
                    ? "!" + service.id() + "/target/quarkus-app/*"
                    : "!" + service.id() + "/target/*-runner");
        }
    }

    /** {@code --a x --b y} as a map; every option here takes a value. */
    private static Map<String, String> optionValues(List<String> words) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            assertThat(word).as("an option").startsWith("--");
            if (word.contains("=")) {
                String[] pair = word.split("=", 2);
                options.put(pair[0], pair[1]);
            } else {
                assertThat(i + 1).as("a value after " + word).isLessThan(words.size());
                options.put(word, words.get(++i));
            }
        }
        return options;
    }
}
