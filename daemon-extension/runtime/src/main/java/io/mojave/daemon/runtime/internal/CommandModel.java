package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The picocli model of an app's commands as the build recorded it from their annotations (the
 * extension's deployment processor reads them from the Jandex index), built here with picocli's
 * programmatic API. Reading the annotations instead (annotation parsing and proxies, picocli's
 * reflection over every command) cost {@code status} 30 ms and {@code --help} 20 ms of their
 * ~200 ms here, and as much CPU to the parent of {@code init} while its daemon child boots.
 *
 * <p>The build records only what this class builds: commands with a name, a description, exit
 * code lists, standard help options, a version provider and subcommands; options, mixins and
 * {@code @Spec} fields on fields. A top command using anything else is not recorded, and its
 * commands are read from the annotations as usual. The deployment tests check that both ways give
 * the same usage help and the same parse.
 *
 * <p>The recording (the generated class {@value #RECORDING_CLASS} supplies it) is the text of a
 * properties file. For a recorded top command {@code T}, {@code T@top} is present. A command class
 * {@code C} has {@code C@name}, {@code C@description.<i>},
 * {@code C@mixinStandardHelpOptions}, {@code C@versionProvider}, {@code C@subcommands.<i>},
 * {@code C@exitCodeListHeading} and {@code C@exitCodeList.<i>}. Any class {@code K} of the model
 * (a command, a superclass, a mixin, a version provider) lists its annotated fields, in declaration
 * order, as {@code K@fields.<i>}; a field {@code f} has {@code K#f.kind} ({@code option},
 * {@code mixin} or {@code spec}); a mixin has its class as {@code K#f.type}, and an option
 * {@code K#f.names.<i>}, {@code K#f.description.<i>} and, when given, {@code K#f.paramLabel},
 * {@code defaultValue}, {@code converter}, {@code showDefaultValue}, {@code arity},
 * {@code required}, {@code hidden}, and {@code secret} (the environment variable of an option
 * marked {@code @Secret}). {@code K@superclass} names a superclass with annotated fields. Absent
 * keys have the annotations' defaults.
 */
public final class CommandModel {

    /** The class the build generates: a {@code Supplier<String>} of the recording, in properties format. */
    public static final String RECORDING_CLASS = "io.mojave.daemon.runtime.generated.CommandModelRecording";
    /** Separates a class name from a command attribute or its field list. */
    public static final char ATTRIBUTE = '@';
    /** Separates a class name from a field name. */
    public static final char FIELD = '#';
    /** {@code T@top}: the top command {@code T} is recorded. */
    public static final String TOP = "top";
    /** {@code K@fields.<i>}: the annotated fields of class {@code K}. */
    public static final String FIELDS = "fields";
    /** Value of {@code K#f.kind} for an {@code @Option} field. */
    public static final String OPTION = "option";
    /** Value of {@code K#f.kind} for a {@code @Mixin} field. */
    public static final String MIXIN = "mixin";
    /** Value of {@code K#f.kind} for a {@code @Spec} field. */
    public static final String SPEC = "spec";

    // picocli's own standard help options (its AutoHelpMixin), which mixinStandardHelpOptions adds.
    private static final String STANDARD_HELP_MIXIN = "mixinStandardHelpOptions";

    private static volatile Loaded lastLoaded;

    private final Properties recording;

    private CommandModel(Properties recording) {
        this.recording = recording;
    }

    /**
     * The command line of {@code topCommand} and its subcommands, built from the build's recording;
     * empty when the build recorded none for it (in-process tests, or commands that use picocli
     * features the recording leaves out).
     */
    public static Optional<CommandLine> commandLine(Class<?> topCommand) {
        return load(topCommand).map(model -> model.build(topCommand));
    }

    private static Optional<CommandModel> load(Class<?> topCommand) {
        // The parent of a daemonizing init asks twice: for the early child's secrets, then for its command line.
        Loaded last = lastLoaded;
        if (last == null || last.topCommand() != topCommand) {
            last = new Loaded(topCommand, read(topCommand));
            lastLoaded = last;
        }
        return last.model();
    }

    private static Optional<CommandModel> read(Class<?> topCommand) {
        Properties recording = new Properties();
        try {
            Class<?> recordingClass = Class.forName(RECORDING_CLASS, true, topCommand.getClassLoader());
            Supplier<?> text = (Supplier<?>) recordingClass.getDeclaredConstructor().newInstance();
            recording.load(new StringReader((String) text.get()));
        } catch (ClassNotFoundException notRecorded) {
            return Optional.empty();
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the recorded command model " + RECORDING_CLASS + ": " + e, e);
        }
        if (recording.getProperty(topCommand.getName() + ATTRIBUTE + TOP) == null) {
            return Optional.empty();
        }
        return Optional.of(new CommandModel(recording));
    }

    private CommandLine build(Class<?> commandClass) {
        Object command = instantiate(commandClass);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        String prefix = commandClass.getName() + ATTRIBUTE;
        spec.name(recording.getProperty(prefix + "name", CommandSpec.DEFAULT_COMMAND_NAME));
        UsageMessageSpec usage = spec.usageMessage();
        usage.description(list(prefix + "description").toArray(String[]::new));
        String exitCodeListHeading = recording.getProperty(prefix + "exitCodeListHeading");
        if (exitCodeListHeading != null) {
            usage.exitCodeListHeading(exitCodeListHeading);
        }
        List<String> exitCodes = list(prefix + "exitCodeList");
        if (!exitCodes.isEmpty()) {
            Map<String, String> exitCodeList = new LinkedHashMap<>();
            for (String line : exitCodes) {
                int colon = line.indexOf(':');
                exitCodeList.put(line.substring(0, colon), line.substring(colon + 1));
            }
            usage.exitCodeList(exitCodeList);
        }
        String versionProvider = recording.getProperty(prefix + "versionProvider");
        if (versionProvider != null) {
            Object provider = instantiate(classNamed(versionProvider, commandClass));
            addMembers(provider, spec);
            spec.versionProvider((IVersionProvider) provider);
        }
        CommandLine commandLine = new CommandLine(spec);
        for (String subcommand : list(prefix + "subcommands")) {
            commandLine.addSubcommand(build(classNamed(subcommand, commandClass)));
        }
        addMembers(command, spec);
        if (Boolean.parseBoolean(recording.getProperty(prefix + STANDARD_HELP_MIXIN))) {
            // picocli adds its standard help options last, after the command's own.
            spec.addMixin(STANDARD_HELP_MIXIN, standardHelpOptions());
        }
        return commandLine;
    }

    /** Adds the recorded members of {@code object}'s class and superclasses (outermost first) to {@code spec}. */
    private void addMembers(Object object, CommandSpec spec) {
        Deque<Class<?>> hierarchy = new ArrayDeque<>();
        for (Class<?> type = object.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            hierarchy.push(type);
        }
        for (Class<?> type : hierarchy) {
            for (String name : list(type.getName() + ATTRIBUTE + FIELDS)) {
                Field field = field(type, name);
                String key = type.getName() + FIELD + name;
                switch (recording.getProperty(key + ".kind", "")) {
                    case OPTION -> spec.addOption(option(key, field, object));
                    case MIXIN -> spec.addMixin(name, mixin(field, object));
                    case SPEC -> set(field, object, spec);
                    default -> throw new IllegalStateException("the recording " + RECORDING_CLASS + " has no kind for " + key);
                }
            }
        }
    }

    private OptionSpec option(String key, Field field, Object object) {
        OptionSpec.Builder option = OptionSpec.builder(list(key + ".names").toArray(String[]::new))
                .type(field.getType())
                .userObject(field)
                .getter(new FieldValue(field, object))
                .setter(new FieldValue(field, object))
                .hasInitialValue(true)
                .initialValue(get(field, object))
                .paramLabel(recording.getProperty(key + ".paramLabel", "<" + field.getName() + ">"))
                .description(list(key + ".description").toArray(String[]::new))
                .required(Boolean.parseBoolean(recording.getProperty(key + ".required")))
                .hidden(Boolean.parseBoolean(recording.getProperty(key + ".hidden")));
        String defaultValue = recording.getProperty(key + ".defaultValue");
        if (defaultValue != null) {
            option.defaultValue(defaultValue);
        }
        String converter = recording.getProperty(key + ".converter");
        if (converter != null) {
            option.converters((ITypeConverter<?>) instantiate(classNamed(converter, field.getDeclaringClass())));
        }
        String showDefaultValue = recording.getProperty(key + ".showDefaultValue");
        if (showDefaultValue != null) {
            option.showDefaultValue(Visibility.valueOf(showDefaultValue));
        }
        String arity = recording.getProperty(key + ".arity");
        if (arity != null) {
            option.arity(arity);
        }
        return option.build();
    }

    private CommandSpec mixin(Field field, Object object) {
        Object mixin = get(field, object);
        if (mixin == null) {
            mixin = instantiate(field.getType());
            set(field, object, mixin);
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(mixin);
        addMembers(mixin, spec);
        return spec;
    }

    /** {@code -h, --help} and {@code -V, --version}, as picocli's {@code mixinStandardHelpOptions} declares them. */
    private static CommandSpec standardHelpOptions() {
        // Options built without a getter and setter keep their values in picocli's own binding.
        CommandSpec spec = CommandSpec.create();
        spec.addOption(OptionSpec.builder("${picocli.help.name.0:--h}", "${picocli.help.name.1:---help}")
                .usageHelp(true).descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.")
                .type(boolean.class).hasInitialValue(true).initialValue(false).build());
        spec.addOption(OptionSpec.builder("${picocli.version.name.0:--V}", "${picocli.version.name.1:---version}")
                .versionHelp(true).descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.")
                .type(boolean.class).hasInitialValue(true).initialValue(false).build());
        return spec;
    }

    private List<String> list(String key) {
        List<String> values = new ArrayList<>();
        for (String value; (value = recording.getProperty(key + "." + values.size())) != null;) {
            values.add(value);
        }
        return values;
    }

    private static Class<?> classNamed(String name, Class<?> context) {
        try {
            return Class.forName(name, false, context.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the recording " + RECORDING_CLASS + " names a missing class " + name, e);
        }
    }

    private static Object instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("the recording " + RECORDING_CLASS + " names a missing field "
                    + type.getName() + "." + name, e);
        }
    }

    private static Object get(Field field, Object object) {
        try {
            return field.get(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field field, Object object, Object value) {
        try {
            field.set(object, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model last read, and for which top command; the recording never changes while the JVM runs. */
    private record Loaded(Class<?> topCommand, Optional<CommandModel> model) {
    }

    /** An option's value in a field of its command or mixin, as picocli's own field binding does it. */
    private record FieldValue(Field field, Object object) implements IGetter, ISetter {

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) CommandModel.get(field, object);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = (T) CommandModel.get(field, object);
            CommandModel.set(field, object, value);
            return previous;
        }
    }
}
