package io.mojave.daemon.deployment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.mojave.daemon.Secret;
import io.mojave.daemon.runtime.internal.InitCommandModel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reads from the Jandex index what {@link InitCommandModel} needs, as its reflective reading
 * would find it in the annotations: the top command, its {@code init} subcommand, and the secret
 * options of that command and its mixins (superclasses included).
 */
final class InitCommandRecorder {

    private static final DotName TOP_COMMAND = DotName.createSimple(TopCommand.class);
    private static final DotName COMMAND = DotName.createSimple(Command.class);
    private static final DotName OPTION = DotName.createSimple(Option.class);
    private static final DotName MIXIN = DotName.createSimple(Mixin.class);
    private static final DotName SECRET = DotName.createSimple(Secret.class);
    private static final DotName OBJECT = DotName.createSimple(Object.class);

    private final IndexView index;

    InitCommandRecorder(IndexView index) {
        this.index = index;
    }

    /**
     * The recording as the properties file {@link InitCommandModel#RESOURCE}, for every top command
     * (an app has one; a test application may see more); empty when none has an {@code init}.
     */
    Optional<byte[]> record() {
        Map<String, String> recording = new TreeMap<>();
        for (AnnotationInstance top : index.getAnnotations(TOP_COMMAND)) {
            if (top.target().kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo command = top.target().asClass();
                initCommand(command).ifPresent(init -> record(command, secretOptions(init), recording));
            }
        }
        return recording.isEmpty() ? Optional.empty() : Optional.of(render(recording));
    }

    private static void record(ClassInfo top, Map<String, String> secrets, Map<String, String> recording) {
        String name = top.name().toString();
        recording.put(name + InitCommandModel.RECORDED, "true");
        secrets.forEach((option, env) -> recording.put(name + InitCommandModel.SECRET + option, env));
    }

    private Optional<ClassInfo> initCommand(ClassInfo top) {
        AnnotationInstance command = top.declaredAnnotation(COMMAND);
        AnnotationValue subcommands = command == null ? null : command.value("subcommands");
        if (subcommands == null) {
            return Optional.empty();
        }
        for (Type subcommand : subcommands.asClassArray()) {
            ClassInfo candidate = index.getClassByName(subcommand.name());
            AnnotationInstance annotation = candidate == null ? null : candidate.declaredAnnotation(COMMAND);
            AnnotationValue name = annotation == null ? null : annotation.value("name");
            if (name != null && name.asString().equals(InitCommandModel.INIT)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private Map<String, String> secretOptions(ClassInfo command) {
        Map<String, String> secrets = new TreeMap<>();
        Deque<ClassInfo> toScan = new ArrayDeque<>();
        toScan.push(command);
        while (!toScan.isEmpty()) {
            for (ClassInfo type = toScan.pop(); type != null && !type.name().equals(OBJECT);
                    type = type.superName() == null ? null : index.getClassByName(type.superName())) {
                for (FieldInfo field : type.fields()) {
                    AnnotationInstance secret = field.annotation(SECRET);
                    AnnotationInstance option = field.annotation(OPTION);
                    if (secret != null && option != null) {
                        for (String name : option.value("names").asStringArray()) {
                            secrets.put(name, secret.value("env").asString());
                        }
                    }
                    if (field.hasAnnotation(MIXIN)) {
                        ClassInfo mixin = index.getClassByName(field.type().name());
                        if (mixin != null) {
                            toScan.push(mixin);
                        }
                    }
                }
            }
        }
        return secrets;
    }

    /**
     * Sorted lines without the date {@code Properties.store} would add, so that builds are
     * reproducible. Class, option and variable names need no escaping in a properties file.
     */
    private static byte[] render(Map<String, String> recording) {
        StringBuilder text = new StringBuilder("# Recorded by the mojave-daemon extension at build time\n");
        recording.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
