package io.mojave.daemon.deployment;

import java.util.function.Supplier;

import io.mojave.daemon.runtime.internal.CommandModel;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;

/**
 * Writes the recorded command model as the class {@link CommandModel#RECORDING_CLASS}, a
 * {@code Supplier<String>} of the recording's text. A class, not a resource: the runner reads a
 * class from its open jars, while a resource goes through a URL connection that opens the jar a
 * second time, some 6 ms of a {@code status} that takes 180.
 */
final class CommandModelClass {

    // A class-file string constant holds at most 65535 bytes; the text is ASCII.
    private static final int CHUNK = 32_768;
    private static final MethodDescriptor CONCAT = MethodDescriptor.ofMethod(String.class, "concat", String.class, String.class);

    private CommandModelClass() {
    }

    static void write(String recording, ClassOutput output) {
        try (ClassCreator creator = ClassCreator.builder().classOutput(output).className(CommandModel.RECORDING_CLASS)
                .interfaces(Supplier.class).setFinal(true).build()) {
            MethodCreator get = creator.getMethodCreator("get", Object.class);
            ResultHandle text = get.load(recording.substring(0, Math.min(CHUNK, recording.length())));
            for (int start = CHUNK; start < recording.length(); start += CHUNK) {
                text = get.invokeVirtualMethod(CONCAT, text,
                        get.load(recording.substring(start, Math.min(start + CHUNK, recording.length()))));
            }
            get.returnValue(text);
        }
    }
}
