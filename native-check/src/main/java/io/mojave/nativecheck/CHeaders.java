package io.mojave.nativecheck;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The C headers of GraalVM's own C helper library that the builder's C annotation processing reads
 * (it compiles a small query program against each, for the sizes and offsets of the structs and the
 * values of the constants that Java code declares with {@code @CStruct}, {@code @CField} and
 * {@code @CConstant}). GraalVM ships them under {@code lib/svm/clibraries/}; the Maven jars do not,
 * so they are written here from those very declarations in the svm jar.
 *
 * <p>Such a header has the right names and types but its own layout and constant values: an
 * object file built with it is good for checking the build, never for linking against GraalVM's
 * library.
 */
final class CHeaders {

    /**
     * Each header, relative to the {@code -H:CLibraryPath} directory, and the directives class of
     * the declarations it holds. The builder reads those of every CPU architecture it knows.
     */
    static final Map<String, String> HEADERS = Map.of(
            "include/amd64cpufeatures.h", "com.oracle.svm.core.amd64.AMD64LibCHelperDirectives",
            "include/aarch64cpufeatures.h", "com.oracle.svm.core.aarch64.AArch64LibCHelperDirectives",
            "include/riscv64cpufeatures.h", "com.oracle.svm.core.riscv64.RISCV64LibCHelperDirectives",
            "include/svm_locale.h", "com.oracle.svm.core.c.locale.LocaleDirectives");

    private static final String C = "org.graalvm.nativeimage.c.";

    private final ClassLoader loader;
    private final Class<? extends Annotation> context;
    private final Class<? extends Annotation> struct;
    private final Class<? extends Annotation> field;
    private final Class<? extends Annotation> constant;
    private final List<Class<? extends Annotation>> unsupported = new ArrayList<>();

    private CHeaders(ClassLoader loader) {
        this.loader = loader;
        this.context = annotation(C + "CContext");
        this.struct = annotation(C + "struct.CStruct");
        this.field = annotation(C + "struct.CField");
        this.constant = annotation(C + "constant.CConstant");
        for (String name : List.of("constant.CEnum", "struct.CBitfield", "struct.CPointerTo", "struct.CFieldAddress", "struct.CFieldOffset")) {
            unsupported.add(annotation(C + name));
        }
    }

    /**
     * Writes every header of {@link #HEADERS} under {@code directory}, from the declarations in
     * {@code svmJar} ({@code loader} loads the builder's classes, none of which is initialized).
     */
    static void write(Path svmJar, ClassLoader loader, Path directory) throws IOException {
        CHeaders headers = new CHeaders(loader);
        Map<String, List<Class<?>>> declarations = headers.declarations(svmJar);
        for (Map.Entry<String, String> header : HEADERS.entrySet()) {
            List<Class<?>> classes = declarations.getOrDefault(header.getValue(), List.of());
            if (classes.isEmpty()) {
                throw new CheckFailure("no declarations for " + header.getKey() + " (@CContext(" + header.getValue() + ")) in " + svmJar
                        + ": the builder's C helper headers have changed, update " + CHeaders.class.getSimpleName());
            }
            Path file = directory.resolve(header.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, headers.header(file.getFileName().toString(), svmJar, classes), StandardCharsets.UTF_8);
        }
    }

    /** The classes of {@code svmJar} in the C context of each directives class of {@link #HEADERS}. */
    private Map<String, List<Class<?>>> declarations(Path svmJar) throws IOException {
        Map<String, List<Class<?>>> result = new LinkedHashMap<>();
        List<String> internalNames = HEADERS.values().stream().map(n -> n.replace('.', '/')).toList();
        try (JarFile jar = new JarFile(svmJar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                // Only a class file that names a directives class can be annotated with it: a cheap filter.
                String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                if (internalNames.stream().noneMatch(bytes::contains) || HEADERS.containsValue(className)) {
                    continue;
                }
                Class<?> type = load(className);
                Annotation annotation = type.getAnnotation(context);
                if (annotation != null) {
                    String directives = ((Class<?>) value(annotation, "value")).getName();
                    if (HEADERS.containsValue(directives)) {
                        List<Class<?>> classes = result.computeIfAbsent(directives, k -> new ArrayList<>());
                        classes.add(type);
                        // A nested type without a @CContext of its own is in its enclosing type's.
                        Arrays.stream(type.getDeclaredClasses()).filter(c -> c.getAnnotation(context) == null).forEach(classes::add);
                    }
                }
            }
        }
        result.values().forEach(list -> list.sort(Comparator.comparing(Class::getName)));
        return result;
    }

    private String header(String fileName, Path svmJar, List<Class<?>> classes) {
        String guard = fileName.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        StringBuilder out = new StringBuilder();
        out.append("/*\n * Written by the native check (io.mojave.nativecheck.CHeaders) from the @CStruct, @CField and\n")
                .append(" * @CConstant declarations in ").append(svmJar.getFileName()).append(", for the builder's C annotation\n")
                .append(" * processing only: the names are GraalVM's, the layout and the values are not.\n */\n")
                .append("#ifndef ").append(guard).append("\n#define ").append(guard).append("\n\n");
        int constantValue = 0;
        for (Class<?> type : classes) {
            for (Method method : sorted(type.getDeclaredMethods())) {
                rejectUnsupported(method);
                Annotation c = method.getAnnotation(constant);
                if (c != null) {
                    String name = nameOr(c, method.getName());
                    // Distinct values, so that no two constants compare equal by accident.
                    out.append("#define ").append(name).append(' ').append(constantLiteral(method, name, constantValue++)).append('\n');
                }
            }
            Annotation s = type.getAnnotation(struct);
            if (s != null) {
                out.append('\n').append(structDefinition(type, s));
            }
        }
        return out.append("\n#endif\n").toString();
    }

    private String structDefinition(Class<?> type, Annotation s) {
        String name = nameOr(s, type.getSimpleName());
        Map<String, String> fields = new LinkedHashMap<>();
        for (Method method : sorted(type.getDeclaredMethods())) {
            rejectUnsupported(method);
            Annotation f = method.getAnnotation(field);
            if (f != null) {
                Class<?> javaType = method.getParameterCount() == 0 ? method.getReturnType() : method.getParameterTypes()[method.getParameterCount() - 1];
                fields.putIfAbsent(nameOr(f, method.getName()), cType(javaType, type, method));
            }
        }
        StringBuilder out = new StringBuilder();
        boolean keyword = (Boolean) value(s, "addStructKeyword");
        out.append(keyword ? "struct " + name + " {\n" : "typedef struct {\n");
        fields.forEach((fieldName, cType) -> out.append("    ").append(cType).append(' ').append(fieldName).append(";\n"));
        return out.append(keyword ? "};\n" : "} " + name + ";\n").toString();
    }

    private String cType(Class<?> javaType, Class<?> owner, Method method) {
        if (javaType == boolean.class || javaType == byte.class) {
            return "signed char";
        } else if (javaType == short.class) {
            return "short";
        } else if (javaType == char.class) {
            return "unsigned short";
        } else if (javaType == int.class) {
            return "int";
        } else if (javaType == long.class) {
            return "long long";
        } else if (javaType == float.class) {
            return "float";
        } else if (javaType == double.class) {
            return "double";
        } else if (load("org.graalvm.word.WordBase").isAssignableFrom(javaType)) {
            return "void *";
        }
        throw new CheckFailure("cannot write a C type for " + javaType.getName() + " of " + owner.getName() + "." + method.getName());
    }

    private String constantLiteral(Method method, String name, int number) {
        Class<?> type = method.getReturnType();
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == boolean.class) {
            return Integer.toString(number);
        } else if (type == String.class || type == byte[].class) {
            return "\"" + name + "\"";
        }
        throw new CheckFailure("cannot write a C constant for " + type.getName() + " " + method.getDeclaringClass().getName() + "." + method.getName());
    }

    private void rejectUnsupported(AnnotatedElement element) {
        for (Class<? extends Annotation> type : unsupported) {
            if (element.getAnnotation(type) != null) {
                throw new CheckFailure("@" + type.getSimpleName() + " on " + element + ": not written by " + CHeaders.class.getSimpleName());
            }
        }
    }

    private static List<Method> sorted(Method[] methods) {
        return Arrays.stream(methods).filter(m -> !m.isSynthetic())
                .sorted(Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount)).toList();
    }

    private static String nameOr(Annotation annotation, String fallback) {
        String name = (String) value(annotation, "value");
        return name.isEmpty() ? fallback : name;
    }

    private static Object value(Annotation annotation, String element) {
        try {
            return annotation.annotationType().getMethod(element).invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new CheckFailure("cannot read " + element + "() of @" + annotation.annotationType().getName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Class<? extends Annotation> annotation(String name) {
        return (Class<? extends Annotation>) load(name);
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CheckFailure("cannot load " + name + " from the builder jars: " + e, e);
        }
    }
}
