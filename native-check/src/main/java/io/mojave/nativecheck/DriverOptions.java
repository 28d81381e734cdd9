package io.mojave.nativecheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What GraalVM's {@code native-image} driver makes of its options, for the builder that runs here
 * without it: the builder's own options ({@code -H:...}), the options of the JVM that runs the
 * builder ({@code -J...}), and what the driver keeps for itself ({@code -jar}, the image name,
 * {@code --exclude-config}).
 *
 * <p>Only the options that Quarkus and the jars of our apps give are translated, each to what the
 * driver of the GraalVM release in {@code pom.xml} passes for it (its {@code @APIOption}s); any other
 * option stops the check, so that nothing is dropped without a word.
 */
final class DriverOptions {

    /** A {@code --exclude-config} pair: configuration files of the native-image metadata to ignore. */
    record Exclusion(Pattern jar, Pattern resource) {

        boolean matches(Path jarPath, String resourcePath) {
            return jar.matcher(jarPath.toString()).find() && resource.matcher(resourcePath).find();
        }
    }

    /** The origin of the options that the driver adds itself (main class, image name, paths, ...). */
    static final String DRIVER = "driver";

    final List<String> builderArgs = new ArrayList<>();
    final List<String> jvmArgs = new ArrayList<>();
    final List<Exclusion> exclusions = new ArrayList<>();
    Path jar;
    String imageName;

    /** The options of a {@code native-image} command line (Quarkus' {@code native-image.args}). */
    void acceptCommandLine(List<String> args, Path baseDirectory) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-jar")) {
                jar = baseDirectory.resolve(value(args, ++i, arg, null)).normalize();
            } else if (arg.equals("--exclude-config")) {
                exclusions.add(new Exclusion(regex(value(args, ++i, arg, null), arg), regex(value(args, ++i, arg, null), arg)));
            } else if (!arg.startsWith("-")) {
                if (imageName != null) {
                    throw new CheckFailure("a second image name '" + arg + "' after '" + imageName + "' on the native-image command line");
                }
                imageName = arg;
            } else {
                i = accept(args, i, null);
            }
        }
    }

    /**
     * The {@code Args} of a jar's {@code META-INF/native-image/.../native-image.properties}, whose
     * URI the builder is given as the origin of each option (it checks some against that jar).
     */
    void acceptProperties(List<String> args, String origin) {
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).startsWith("-")) {
                throw new CheckFailure("'" + args.get(i) + "' is no option" + from(origin));
            }
            i = accept(args, i, origin);
        }
    }

    /** Adds a builder option, with its origin as the driver gives it ({@code null}: the command line). */
    void addBuilderOption(String option, String origin) {
        builderArgs.add(withOrigin(option, origin));
    }

    /** Translates the option at {@code i}; returns the index of its last argument. */
    private int accept(List<String> args, int i, String origin) {
        String arg = args.get(i);
        if (arg.startsWith("-J")) {
            jvmArgs.add(arg.substring(2));
            return i;
        }
        if (arg.startsWith("-H:") || arg.startsWith("-R:")) {
            addBuilderOption(arg, origin);
            return i;
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        String value = eq < 0 ? null : arg.substring(eq + 1);
        switch (name) {
            case "--features" -> hosted("Features", required(value, arg, origin), origin);
            case "--initialize-at-run-time" -> hosted("ClassInitialization", classInitialization(required(value, arg, origin), "run_time"), origin);
            case "--initialize-at-build-time" -> hosted("ClassInitialization", classInitialization(value == null ? "" : value, "build_time"), origin);
            // Without a value: every class must link at build time (command line) or those of the jar.
            case "--link-at-build-time" -> hosted("LinkAtBuildTime", value == null ? "" : value, origin);
            case "--link-at-build-time-paths" -> hosted("LinkAtBuildTimePaths", required(value, arg, origin), origin);
            case "--no-fallback" -> {
                noValue(value, arg, origin);
                hosted("FallbackThreshold", "0", origin);
            }
            case "--enable-url-protocols" -> hosted("EnableURLProtocols", required(value, arg, origin), origin);
            case "--enable-http", "--enable-https" -> {
                noValue(value, arg, origin);
                hosted("EnableURLProtocols", name.substring("--enable-".length()), origin);
            }
            case "--enable-monitoring" -> hosted("EnableMonitoringFeatures", required(value, arg, origin), origin);
            case "--enable-native-access", "--add-exports", "--add-opens", "--add-reads" -> {
                // These take their value after '=' or as the next argument, like the java launcher's.
                if (value == null) {
                    value = value(args, ++i, arg, origin);
                }
                hosted(switch (name) {
                    case "--enable-native-access" -> "EnableNativeAccess";
                    case "--add-exports" -> "AddExports";
                    case "--add-opens" -> "AddOpens";
                    default -> "AddReads";
                }, value, origin);
            }
            default -> throw new CheckFailure("unsupported native-image option '" + arg + "'" + from(origin)
                    + ": translate it in " + DriverOptions.class.getSimpleName());
        }
        return i;
    }

    /**
     * An option translated from the driver's API: marked as such ("+api"), as the driver does, so
     * that the builder does not list it among the experimental options in use.
     */
    private void hosted(String option, String value, String origin) {
        addBuilderOption("-H:" + option + "=" + value, (origin == null ? "user" : origin) + "+api");
    }

    /** {@code a,b} to {@code a:run_time,b:run_time}, as the driver's value transformer does. */
    private static String classInitialization(String value, String when) {
        return Arrays.stream(value.split(",", -1)).map(name -> name + ":" + when).collect(Collectors.joining(","));
    }

    /**
     * {@code -H:Name=value} to {@code -H:Name@origin=value}, and {@code -H:+Name} to
     * {@code -H:+Name@origin}: how the builder learns where an option comes from.
     */
    static String withOrigin(String option, String origin) {
        String prefix = option.substring(0, 3);
        String rest = option.substring(3);
        boolean flag = rest.startsWith("+") || rest.startsWith("-");
        int eq = rest.indexOf('=');
        if (flag == (eq >= 0) || rest.length() < 2) {
            throw new CheckFailure("malformed builder option '" + option + "'" + from(origin)
                    + (flag ? ": a +/- flag takes no value" : ": '=' and a value expected"));
        }
        if (origin == null) {
            return option;
        }
        return flag ? option + "@" + origin : prefix + rest.substring(0, eq) + "@" + origin + rest.substring(eq);
    }

    private static String value(List<String> args, int i, String option, String origin) {
        if (i >= args.size()) {
            throw new CheckFailure("native-image option '" + option + "' without its value" + from(origin));
        }
        return args.get(i);
    }

    private static String required(String value, String arg, String origin) {
        if (value == null) {
            throw new CheckFailure("native-image option '" + arg + "' without '=' and its value" + from(origin));
        }
        return value;
    }

    private static void noValue(String value, String arg, String origin) {
        if (value != null) {
            throw new CheckFailure("native-image option '" + arg + "' takes no value" + from(origin));
        }
    }

    private static Pattern regex(String text, String option) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new CheckFailure("native-image option '" + option + "': '" + text + "' is no regular expression");
        }
    }

    private static String from(String origin) {
        return origin == null ? " on the native-image command line" : " in " + origin;
    }
}
