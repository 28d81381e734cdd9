package io.mojave.daemon;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --log.level}: a level for the app's own records ({@code debug}), then, if
 * wanted, levels for other categories ({@code debug,io.netty=debug,org.h2=warn}). Libraries stay
 * at {@code info} unless named, so that {@code debug} shows the app's decisions, not their noise.
 *
 * @param level the level of the app's own categories
 * @param categories levels of the categories named after it, in order
 */
public record LogLevels(LogLevel level, Map<String, LogLevel> categories) {

    /** Copies {@code categories}: a parsed value does not change. */
    public LogLevels {
        categories = Map.copyOf(categories);
    }

    /** The level that libraries get: the app's own if it is less verbose than {@code info}, else {@code info}. */
    public LogLevel libraryLevel() {
        return level.compareTo(LogLevel.INFO) > 0 ? level : LogLevel.INFO;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(level.name().toLowerCase(Locale.ROOT));
        categories.forEach((category, categoryLevel) -> text.append(',').append(category).append('=')
                .append(categoryLevel.name().toLowerCase(Locale.ROOT)));
        return text.toString();
    }

    /** Parses {@code LEVEL[,CATEGORY=LEVEL...]}; levels are matched case-insensitively. */
    public static final class Converter implements ITypeConverter<LogLevels> {
        @Override
        public LogLevels convert(String value) {
            String[] parts = value.strip().split("\\s*,\\s*");
            Map<String, LogLevel> categories = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals <= 0) {
                    throw new TypeConversionException("'" + parts[i] + "' is not CATEGORY=LEVEL (example: debug,io.netty=debug)");
                }
                categories.put(parts[i].substring(0, equals), level(parts[i].substring(equals + 1)));
            }
            return new LogLevels(level(parts[0]), categories);
        }

        private static LogLevel level(String name) {
            try {
                return LogLevel.valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + name + "' is not a level: trace, debug, info, warn or error");
            }
        }
    }
}
