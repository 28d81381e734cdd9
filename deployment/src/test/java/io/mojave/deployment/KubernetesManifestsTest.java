package io.mojave.deployment;

import static io.mojave.deployment.Manifests.at;
import static io.mojave.deployment.Manifests.container;
import static io.mojave.deployment.Manifests.map;
import static io.mojave.deployment.Manifests.maps;
import static io.mojave.deployment.Manifests.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** deployment/k8s: valid YAML, and the images, ports, probes, volumes and budgets of the services. */
class KubernetesManifestsTest {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SERVICE_SHUTDOWN_DEFAULT = Duration.ofSeconds(3);
    private static final Pattern KEY_LIKE = Pattern.compile("(?i)\\b(0x)?[0-9a-f]{64}\\b");

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(Manifests.dir())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyDocumentOfEveryFileParsesAsAKubernetesObject() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            List<Map<String, Object>> documents = Manifests.documents(file);
            assertThat(documents).as(file.getFileName().toString()).isNotEmpty().allSatisfy(document -> {
                assertThat(document).as(file.getFileName().toString()).containsKeys("apiVersion", "kind");
                if (!"Kustomization".equals(document.get("kind"))) {
                    assertThat(at(document, "metadata", "name")).as(file.getFileName() + ": metadata.name").isPresent();
                }
            });
        }
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheSecretExample() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Path file : yamlFiles()) {
            expected.add(file.getFileName().toString());
        }
        expected.remove("kustomization.yaml");
        expected.remove("secrets.example.yaml");

        assertThat(Manifests.kustomizationResources()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Manifests.documents(Manifests.dir().resolve("kustomization.yaml")).get(0))
                .containsEntry("namespace", "mojave");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void runsOneReplicaOfTheImageTheContainerFilesBuildAsItsUser(Service service) throws IOException {
        Map<String, Object> workload = workload(Manifests.applied(), service);
        String image = String.valueOf(container(workload).get("image"));

        assertThat(at(workload, "spec", "replicas")).hasValue(1);
        ImageKind kind = imageKind(service, image);
        Map<String, Object> security = effectiveSecurityContext(workload);
        assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", kind.uid());
        assertThat(at(container(workload), "securityContext", "allowPrivilegeEscalation")).hasValue(false);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void containerPortsProbesAndServicesMatchTheServicesPorts(Service service) throws IOException {
        List<Map<String, Object>> applied = Manifests.applied();
        Map<String, Object> workload = workload(applied, service);
        Map<String, Object> container = container(workload);
        ImageKind kind = imageKind(service, String.valueOf(container.get("image")));
        Map<String, Integer> containerPorts = new HashMap<>();
        for (Map<String, Object> port : maps(container.get("ports"), "ports")) {
            containerPorts.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
        }

        assertThat(containerPorts).isEqualTo(service.namedPorts());
        assertThat(new TreeSet<>(containerPorts.values())).as("the ports the image EXPOSEs")
                .isEqualTo(ContainerFilesTest.exposedPorts(kind, service));

        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(container).as(probe).containsKey(probe);
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (!container.containsKey(probe)) {
                continue;
            }
            Map<String, Object> httpGet = map(at(map(container.get(probe), probe), "httpGet")
                    .orElseThrow(() -> new AssertionError(probe + " is not an httpGet")), probe);
            assertThat(httpGet.get("path")).as(probe + " path").isEqualTo("/health");
            assertThat(resolve(httpGet.get("port"), containerPorts)).as(probe + " port").isEqualTo(service.healthPort());
        }

        Map<String, Object> podLabels = map(at(workload, "spec", "template", "metadata", "labels").orElseThrow(), "labels");
        List<Map<String, Object>> services = Manifests.ofKind(applied, "Service").stream()
                .filter(s -> podLabels.entrySet().containsAll(
                        map(at(s, "spec", "selector").orElse(Map.of()), "selector").entrySet()))
                .toList();
        assertThat(services).as("Services selecting the pods of " + service.program()).isNotEmpty();
        String governing = String.valueOf(at(workload, "spec", "serviceName").orElse(""));
        if ("StatefulSet".equals(workload.get("kind"))) {
            assertThat(services).as("the StatefulSet's governing Service " + governing)
                    .anySatisfy(s -> assertThat(at(s, "metadata", "name")).hasValue(governing));
        }
        for (Map<String, Object> s : services) {
            Set<Integer> exposed = new HashSet<>();
            for (Map<String, Object> port : maps(at(s, "spec", "ports").orElseThrow(), "Service ports")) {
                int target = resolve(port.getOrDefault("targetPort", port.get("port")), containerPorts);
                assertThat(containerPorts).as("the Service's target port").containsValue(target);
                assertThat(port.get("port")).as("the Service port of " + target).isEqualTo(target);
                exposed.add(target);
            }
            assertThat(exposed).as("every port of " + service.program() + " in Service " + at(s, "metadata", "name"))
                    .isEqualTo(service.ports());
        }
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void keepsTheDatadirOnAPersistentVolume(Service service) throws IOException {
        Map<String, Object> workload = workload(Manifests.applied(), service);
        String image = String.valueOf(container(workload).get("image"));
        List<String> imageVolumes = ContainerFilesTest.volumes(imageKind(service, image), service);

        Map<String, Object> mount = maps(container(workload).get("volumeMounts"), "volumeMounts").stream()
                .filter(m -> imageVolumes.contains(String.valueOf(m.get("mountPath"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted on the image's VOLUME " + imageVolumes));
        Set<String> persistent = new HashSet<>();
        for (Map<String, Object> claim : maps(at(workload, "spec", "volumeClaimTemplates").orElse(null), "claims")) {
            persistent.add(String.valueOf(at(claim, "metadata", "name").orElseThrow()));
        }
        for (Map<String, Object> volume : maps(at(workload, "spec", "template", "spec", "volumes").orElse(null), "volumes")) {
            if (volume.containsKey("persistentVolumeClaim")) {
                persistent.add(String.valueOf(volume.get("name")));
            }
        }
        assertThat(persistent).as("persistent volumes").contains(String.valueOf(mount.get("name")));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void givesTheServiceMoreTimeToStopThanItsOwnShutdownNeeds(Service service) throws IOException {
        Map<String, Object> workload = workload(Manifests.applied(), service);
        Duration shutdown = env(container(workload)).entrySet().stream()
                .filter(e -> e.getKey().equals(Repository.SHUTDOWN_TIMEOUT_ENV))
                .map(e -> Durations.parse(String.valueOf(e.getValue())))
                .findFirst().orElse(SERVICE_SHUTDOWN_DEFAULT);
        Object grace = at(workload, "spec", "template", "spec", "terminationGracePeriodSeconds")
                .orElseThrow(() -> new AssertionError("no terminationGracePeriodSeconds"));

        assertThat(shutdown).as("the service's own shutdown budget").isLessThan(STOP_TIMEOUT);
        assertThat(Duration.ofSeconds(((Number) grace).longValue())).as("terminationGracePeriodSeconds")
                .isGreaterThan(STOP_TIMEOUT);
    }

    @Test
    void theSequencerNeverRunsTwiceAtOnce() throws IOException {
        Map<String, Object> workload = workload(Manifests.applied(), Service.SEQUENCER);

        assertThat(at(workload, "spec", "replicas")).hasValue(1);
        if ("StatefulSet".equals(workload.get("kind"))) {
            // A StatefulSet deletes its pod, and waits until it is gone, before it creates the successor.
            assertThat(at(workload, "spec", "podManagementPolicy").orElse("OrderedReady")).isEqualTo("OrderedReady");
            assertThat(at(workload, "spec", "updateStrategy", "type").orElse("RollingUpdate"))
                    .isIn("RollingUpdate", "OnDelete");
        } else {
            assertThat(at(workload, "spec", "strategy", "type")).as("a Deployment's strategy").hasValue("Recreate");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Service.class, names = {"SEQUENCER", "PROVER"})
    void takesThePrivateKeyFromASecretMountedAsAFileAndInTheEnvironment(Service service) throws IOException {
        Map<String, Object> workload = workload(Manifests.applied(), service);
        Map<String, Object> container = container(workload);
        Map<String, Object> variable = maps(container.get("env"), "env").stream()
                .filter(e -> service.privateKeyEnv().orElseThrow().equals(e.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + service.privateKeyEnv().orElseThrow()));
        assertThat(variable).doesNotContainKey("value");
        Map<String, Object> ref = map(at(variable, "valueFrom", "secretKeyRef").orElseThrow(), "secretKeyRef");
        String secret = String.valueOf(ref.get("name"));
        if (service == Service.SEQUENCER) {
            assertThat(ref.getOrDefault("optional", false)).as("the sequencer needs its key").isEqualTo(false);
        }

        Map<String, Object> volume = maps(at(workload, "spec", "template", "spec", "volumes").orElse(null), "volumes")
                .stream()
                .filter(v -> secret.equals(at(v, "secret", "secretName").orElse(null)))
                .findFirst().orElseThrow(() -> new AssertionError("Secret " + secret + " is not mounted"));
        assertThat(maps(container.get("volumeMounts"), "volumeMounts"))
                .anySatisfy(m -> {
                    assertThat(m.get("name")).isEqualTo(volume.get("name"));
                    assertThat(m.get("readOnly")).isEqualTo(true);
                });
        assertThat(Manifests.applied()).as("the Secret itself is created by hand, not applied from Git")
                .noneSatisfy(d -> assertThat(d.get("kind")).isEqualTo("Secret"));
    }

    @Test
    void holdsNoSecretValue() throws IOException {
        for (Path file : yamlFiles()) {
            assertThat(KEY_LIKE.matcher(Files.readString(file)).find()).as(file + " holds something like a key").isFalse();
            for (Map<String, Object> document : Manifests.documents(file)) {
                if ("Secret".equals(document.get("kind"))) {
                    assertThat(document).as("a Secret with base64 data").doesNotContainKey("data");
                    map(document.get("stringData"), "stringData").values()
                            .forEach(v -> assertThat(String.valueOf(v)).startsWith("REPLACE_WITH_"));
                }
            }
        }
    }

    @Test
    void kustomizeBuildsTheManifestsIntoTheNamespace() throws Exception {
        Optional<Path> kubectl = Commands.find("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not installed: `kubectl kustomize` not checked");

        Commands.Result result = Commands.run(
                List.of(kubectl.get().toString(), "kustomize", Manifests.dir().toString()), Duration.ofSeconds(60));

        assertThat(result.exitCode()).as(result.output()).isZero();
        List<Map<String, Object>> built = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(new StringReader(result.output()))) {
            built.add(map(document, "a built document"));
        }
        assertThat(Manifests.ofKind(built, "StatefulSet")).hasSize(Service.values().length);
        assertThat(built).filteredOn(d -> !"Namespace".equals(d.get("kind")))
                .allSatisfy(d -> assertThat(at(d, "metadata", "namespace")).hasValue("mojave"));
    }

    /** Which container file built the image, by the tag its header documents. */
    private static ImageKind imageKind(Service service, String image) {
        for (ImageKind kind : ImageKind.values()) {
            if (image.equals(ContainerFilesTest.documentedTags(kind).get(service))) {
                return kind;
            }
        }
        throw new AssertionError(image + " is none of the images deployment/container documents for " + service.id());
    }

    /** Pod-level securityContext, overridden by the container's. */
    private static Map<String, Object> effectiveSecurityContext(Map<String, Object> workload) {
        Map<String, Object> effective = new HashMap<>(
                map(at(workload, "spec", "template", "spec", "securityContext").orElse(Map.of()), "securityContext"));
        effective.putAll(map(at(container(workload), "securityContext").orElse(Map.of()), "securityContext"));
        return effective;
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> variable : maps(container.get("env"), "env")) {
            if (variable.containsKey("value")) {
                env.put(String.valueOf(variable.get("name")), variable.get("value"));
            }
        }
        return env;
    }

    /** A port given by number or by the name of a container port. */
    private static int resolve(Object port, Map<String, Integer> containerPorts) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        Integer named = containerPorts.get(String.valueOf(port));
        if (named == null) {
            throw new AssertionError("no container port named " + port);
        }
        return named;
    }
}
