package io.mojave.deployment;

/** The two container build files: how each runs a service, and as whom. */
enum ImageKind {
    JVM("jvm", "docker.io/library/debian:bookworm-slim", 185, "/opt/mojave/bin/mojave-"),
    NATIVE("native", "registry.access.redhat.com/ubi9/ubi-minimal:", 1001, "/work/application");

    private final String id;
    private final String baseImage;
    private final int uid;
    private final String program;

    ImageKind(String id, String baseImage, int uid, String program) {
        this.id = id;
        this.baseImage = baseImage;
        this.uid = uid;
        this.program = program;
    }

    /** {@code jvm} or {@code native}: the Dockerfile's suffix and the image name's. */
    String id() {
        return id;
    }

    /** The default of the {@code BASE_IMAGE} build argument: its start (native: without its tag). */
    String baseImage() {
        return baseImage;
    }

    /** The user the image runs as (Quarkus' conventions: 185 in the JVM images, 1001 native). */
    int uid() {
        return uid;
    }

    /** What the ENTRYPOINT runs: the launcher of the service (JVM), the executable (native). */
    String program(Service service) {
        return this == JVM ? program + service.id() : program;
    }

    /** {@code deployment/container/Dockerfile.jvm}, relative to the repository root. */
    String dockerfile() {
        return "deployment/container/Dockerfile." + id;
    }

    /** The image of a service, as the build commands tag it and the manifests name it. */
    String image(Service service, String version) {
        return "mojave/" + service.program() + "-" + id + ":" + version;
    }
}
