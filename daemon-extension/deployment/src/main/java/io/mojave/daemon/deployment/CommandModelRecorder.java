package io.mojave.daemon.deployment;

import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;
import org.jboss.logging.Logger;

import io.mojave.daemon.runtime.internal.CommandModel;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Records the picocli model of each {@code @TopCommand} and its subcommands from the Jandex index,
 * in the format {@link CommandModel} reads and builds without annotations (see
 * {@link CommandModelClass} for where it goes). A top command whose
 * commands use a picocli feature outside what {@link CommandModel} builds is left out (its
 * commands are then read from their annotations at run time), with a log line saying why.
 */
final class CommandModelRecorder {

    private static final Logger LOG = Logger.getLogger(CommandModelRecorder.class);

    private static final DotName TOP_COMMAND = DotName.createSimple(TopCommand.class);
    private static final DotName COMMAND = DotName.createSimple(Command.class);
    private static final DotName OPTION = DotName.createSimple(Option.class);
    private static final DotName MIXIN = DotName.createSimple(Mixin.class);
    private static final DotName SPEC = DotName.createSimple(Spec.class);
    private static final DotName COMMAND_SPEC = DotName.createSimple(CommandSpec.class);
    private static final DotName OBJECT = DotName.createSimple(Object.class);
    private static final String PICOCLI_ANNOTATIONS = "picocli.CommandLine$";

    private static final Set<String> COMMAND_ATTRIBUTES = Set.of("name", "description", "mixinStandardHelpOptions",
            "versionProvider", "subcommands", "exitCodeListHeading", "exitCodeList");
    private static final Set<String> OPTION_ATTRIBUTES = Set.of("names", "paramLabel", "defaultValue", "converter",
            "description", "showDefaultValue", "arity", "required", "hidden");
    private static final Set<String> OPTION_ARRAYS = Set.of("names", "description");

    /** What a class of the model may declare, besides options. */
    private enum Members {
        COMMAND, MIXIN, VERSION_PROVIDER
    }

    private final IndexView index;

    CommandModelRecorder(IndexView index) {
        this.index = index;
    }

    /** The recording, as the properties text {@link CommandModel} reads; empty when no top command can be recorded. */
    Optional<String> record() {
        Map<String, String> recording = new TreeMap<>();
        for (AnnotationInstance top : index.getAnnotations(TOP_COMMAND)) {
            if (top.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo command = top.target().asClass();
            Map<String, String> model = new TreeMap<>();
            try {
                recordCommand(command, model, new HashSet<>());
                model.put(command.name() + "" + CommandModel.ATTRIBUTE + CommandModel.TOP, "true");
                recording.putAll(model);
            } catch (Unsupported e) {
                LOG.infof("The commands of %s are read from their annotations at run time, which costs every command"
                        + " some 20-30 ms: %s is beyond what the build records", command.name(), e.getMessage());
            }
        }
        return recording.isEmpty() ? Optional.empty() : Optional.of(render(recording));
    }

    private void recordCommand(ClassInfo command, Map<String, String> model, Set<DotName> path) {
        if (!path.add(command.name())) {
            throw new Unsupported("the command cycle through " + command.name());
        }
        AnnotationInstance annotation = command.declaredAnnotation(COMMAND);
        if (annotation == null || annotation.value("name") == null) {
            throw new Unsupported("a command without @Command(name = ...): " + command.name());
        }
        String prefix = command.name() + "" + CommandModel.ATTRIBUTE;
        for (AnnotationValue value : annotation.values()) {
            if (!COMMAND_ATTRIBUTES.contains(value.name())) {
                throw new Unsupported("@Command(" + value.name() + ") on " + command.name());
            }
            switch (value.name()) {
                case "description" -> putList(model, prefix + "description", List.of(value.asStringArray()));
                case "exitCodeList" -> putList(model, prefix + "exitCodeList", List.of(value.asStringArray()));
                case "subcommands" -> {
                    Type[] subcommands = value.asClassArray();
                    for (int i = 0; i < subcommands.length; i++) {
                        model.put(prefix + "subcommands." + i, subcommands[i].name().toString());
                        recordCommand(classInIndex(subcommands[i].name()), model, path);
                    }
                }
                case "versionProvider" -> {
                    model.put(prefix + "versionProvider", value.asClass().name().toString());
                    recordMembers(classInIndex(value.asClass().name()), Members.VERSION_PROVIDER, model);
                }
                default -> model.put(prefix + value.name(), stringOf(value));
            }
        }
        recordMembers(command, Members.COMMAND, model);
        path.remove(command.name());
    }

    /** Records the annotated fields of {@code type} and its superclasses. */
    private void recordMembers(ClassInfo type, Members role, Map<String, String> model) {
        for (ClassInfo current = type; !current.name().equals(OBJECT);) {
            checkAnnotations(current, current == type && role == Members.COMMAND);
            String prefix = current.name() + "" + CommandModel.ATTRIBUTE;
            int recorded = 0;
            for (FieldInfo field : current.unsortedFields()) {
                String kind = kind(field, role);
                if (kind != null) {
                    model.put(prefix + CommandModel.FIELDS + "." + recorded++, field.name());
                    recordField(field, kind, model);
                }
            }
            DotName superclass = current.superName();
            if (superclass == null || superclass.equals(OBJECT)) {
                break;
            }
            model.put(prefix + "superclass", superclass.toString());
            current = classInIndex(superclass);
        }
    }

    /**
     * Every picocli annotation of {@code type} must be one the model records: on a field, or the
     * command's own {@code @Command}.
     */
    private static void checkAnnotations(ClassInfo type, boolean mayBeCommand) {
        for (AnnotationInstance annotation : type.annotations()) {
            if (!annotation.name().toString().startsWith(PICOCLI_ANNOTATIONS)) {
                continue;
            }
            AnnotationTarget target = annotation.target();
            boolean onField = target.kind() == AnnotationTarget.Kind.FIELD && (annotation.name().equals(OPTION)
                    || annotation.name().equals(MIXIN) || annotation.name().equals(SPEC));
            boolean ownCommand = mayBeCommand && target.kind() == AnnotationTarget.Kind.CLASS
                    && annotation.name().equals(COMMAND);
            if (!onField && !ownCommand) {
                throw new Unsupported("@" + annotation.name().local() + " on " + target);
            }
        }
    }

    private static String kind(FieldInfo field, Members role) {
        String kind = null;
        int annotations = 0;
        if (field.hasDeclaredAnnotation(OPTION)) {
            kind = CommandModel.OPTION;
            annotations++;
        }
        if (field.hasDeclaredAnnotation(MIXIN)) {
            kind = CommandModel.MIXIN;
            annotations++;
        }
        if (field.hasDeclaredAnnotation(SPEC)) {
            kind = CommandModel.SPEC;
            annotations++;
        }
        if (annotations > 1 || (kind != null && Modifier.isStatic(field.flags()))) {
            throw new Unsupported("the field " + field.declaringClass().name() + "." + field.name());
        }
        boolean allowed = kind == null
                || role == Members.COMMAND
                || (role == Members.MIXIN && !kind.equals(CommandModel.SPEC))
                || (role == Members.VERSION_PROVIDER && kind.equals(CommandModel.SPEC));
        if (!allowed) {
            throw new Unsupported("@" + kind + " in the " + role.name().toLowerCase() + " " + field.declaringClass().name());
        }
        return kind;
    }

    private void recordField(FieldInfo field, String kind, Map<String, String> model) {
        String key = field.declaringClass().name() + "" + CommandModel.FIELD + field.name();
        model.put(key + ".kind", kind);
        switch (kind) {
            case CommandModel.OPTION -> recordOption(field, key, model);
            case CommandModel.MIXIN -> {
                if (!field.declaredAnnotation(MIXIN).values().isEmpty() || field.type().kind() != Type.Kind.CLASS) {
                    throw new Unsupported("the mixin " + field.declaringClass().name() + "." + field.name());
                }
                ClassInfo mixin = classInIndex(field.type().name());
                if (mixin.declaredAnnotation(COMMAND) != null) {
                    throw new Unsupported("@Command on the mixin " + mixin.name());
                }
                model.put(key + ".type", mixin.name().toString());
                recordMembers(mixin, Members.MIXIN, model);
            }
            default -> {
                if (!field.declaredAnnotation(SPEC).values().isEmpty() || !field.type().name().equals(COMMAND_SPEC)) {
                    throw new Unsupported("the @Spec field " + field.declaringClass().name() + "." + field.name());
                }
            }
        }
    }

    private static void recordOption(FieldInfo field, String key, Map<String, String> model) {
        if (field.type().kind() != Type.Kind.CLASS && field.type().kind() != Type.Kind.PRIMITIVE) {
            throw new Unsupported("the option " + field.declaringClass().name() + "." + field.name()
                    + " of type " + field.type());
        }
        for (AnnotationValue value : field.declaredAnnotation(OPTION).values()) {
            if (!OPTION_ATTRIBUTES.contains(value.name())) {
                throw new Unsupported("@Option(" + value.name() + ") on " + field.declaringClass().name() + "." + field.name());
            }
            if (OPTION_ARRAYS.contains(value.name())) {
                putList(model, key + "." + value.name(), List.of(value.asStringArray()));
            } else if (value.name().equals("converter")) {
                Type[] converters = value.asClassArray();
                if (converters.length != 1) {
                    throw new Unsupported("several converters on " + field.declaringClass().name() + "." + field.name());
                }
                model.put(key + ".converter", converters[0].name().toString());
            } else {
                model.put(key + "." + value.name(), stringOf(value));
            }
        }
    }

    private static String stringOf(AnnotationValue value) {
        return switch (value.kind()) {
            case ENUM -> value.asEnum();
            case BOOLEAN -> Boolean.toString(value.asBoolean());
            case STRING -> value.asString();
            default -> throw new Unsupported("the attribute " + value.name() + " of kind " + value.kind());
        };
    }

    private ClassInfo classInIndex(DotName name) {
        ClassInfo type = index.getClassByName(name);
        if (type == null) {
            throw new Unsupported("the class " + name + ", which is not in the index");
        }
        return type;
    }

    private static void putList(Map<String, String> model, String key, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            model.put(key + "." + i, values.get(i));
        }
    }

    /**
     * Sorted lines without the date {@code Properties.store} would add, so that builds are
     * reproducible; escaped as {@code Properties.load} reads them, in ASCII.
     */
    private static String render(Map<String, String> recording) {
        StringBuilder text = new StringBuilder();
        recording.forEach((key, value) -> text.append(escape(key, true)).append('=').append(escape(value, false)).append('\n'));
        return text.toString();
    }

    private static String escape(String text, boolean key) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c < 0x20 || c > 0x7e || (i == 0 && (c == ' ' || c == '#' || c == '!'))
                    || (key && (c == '=' || c == ':' || c == ' '))) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A picocli feature the recording leaves out. */
    private static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }
}
