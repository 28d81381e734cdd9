package io.mojave.deployment;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Kubernetes manifests under deployment/k8s, as plain maps and lists, and a way to walk them. */
final class Manifests {

    private Manifests() {
    }

    static Path dir() {
        return Repository.deployment("k8s");
    }

    /** Every YAML document of a file. */
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, file.getFileName() + ": a document"));
                }
            }
        }
        return documents;
    }

    /** The resource files kustomization.yaml lists. */
    static List<String> kustomizationResources() throws IOException {
        Map<String, Object> kustomization = documents(dir().resolve("kustomization.yaml")).get(0);
        return list(kustomization.get("resources"), "resources").stream().map(String::valueOf).toList();
    }

    /** Every document of every resource kustomization.yaml lists: what `kubectl apply -k` applies. */
    static List<Map<String, Object>> applied() throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String resource : kustomizationResources()) {
            all.addAll(documents(dir().resolve(resource)));
        }
        return all;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** The StatefulSet or Deployment named after a service. */
    static Map<String, Object> workload(List<Map<String, Object>> documents, Service service) {
        return documents.stream()
                .filter(d -> "StatefulSet".equals(d.get("kind")) || "Deployment".equals(d.get("kind")))
                .filter(d -> service.program().equals(at(d, "metadata", "name").orElse(null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no StatefulSet or Deployment named " + service.program()));
    }

    /** The workload's only container. */
    static Map<String, Object> container(Map<String, Object> workload) {
        List<Object> containers = list(at(workload, "spec", "template", "spec", "containers").orElseThrow(),
                "containers");
        if (containers.size() != 1) {
            throw new AssertionError("one container per pod expected, not " + containers.size());
        }
        return map(containers.get(0), "container");
    }

    /** The value at a path of keys, if every step is there. */
    static Optional<Object> at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return Optional.empty();
            }
            current = m.get(key);
        }
        return Optional.ofNullable(current);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new AssertionError(what + " is not a list: " + value);
        }
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object value, String what) {
        return list(value, what).stream().map(v -> map(v, what)).toList();
    }
}
