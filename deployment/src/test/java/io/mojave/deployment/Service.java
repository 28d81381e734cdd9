package io.mojave.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The three services and the part of their contract (CONVENTIONS.md) that the operator files repeat. */
enum Service {
    NODE("node", 9595, Map.of("rpc", 8545), null),
    SEQUENCER("sequencer", 9596, Map.of(), "MOJAVE_SEQUENCER_PRIVATE_KEY"),
    PROVER("prover", 9597, Map.of("api", 3900), "MOJAVE_PROVER_PRIVATE_KEY");

    private final String id;
    private final int healthPort;
    private final Map<String, Integer> apiPorts;
    private final String privateKeyEnv;

    Service(String id, int healthPort, Map<String, Integer> apiPorts, String privateKeyEnv) {
        this.id = id;
        this.healthPort = healthPort;
        this.apiPorts = apiPorts;
        this.privateKeyEnv = privateKeyEnv;
    }

    /** {@code node}, {@code sequencer} or {@code prover}: the module, the Dockerfile stage, the datadir's last part. */
    String id() {
        return id;
    }

    /** {@code mojave-node} etc.: the launcher, the unit, the Kubernetes workload. */
    String program() {
        return "mojave-" + id;
    }

    /** The default port of {@code GET /health}. */
    int healthPort() {
        return healthPort;
    }

    /** Every port the service listens on, by the name the manifests give it. */
    Map<String, Integer> namedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>(apiPorts);
        ports.put("health", healthPort);
        return ports;
    }

    /** Every port the service listens on. */
    Set<Integer> ports() {
        return new TreeSet<>(namedPorts().values());
    }

    /** The environment variable of its private key, if it has one. */
    Optional<String> privateKeyEnv() {
        return Optional.ofNullable(privateKeyEnv);
    }
}
