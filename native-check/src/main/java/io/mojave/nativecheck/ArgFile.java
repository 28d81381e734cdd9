package io.mojave.nativecheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of an argument file as the java launcher and native-image read one (the JDK's
 * {@code @argfile} syntax): Quarkus writes {@code native-image.args} in it, with regular expressions
 * whose backslashes are literal outside quotes.
 */
final class ArgFile {

    private ArgFile() {
    }

    /**
     * The arguments of {@code text}: separated by white space; {@code '} or {@code "} quote a part
     * of an argument, inside which a backslash escapes the next character ({@code \n}, {@code \t},
     * ... as in Java) and a backslash at the end of a line continues the argument on the next line
     * without its leading white space; {@code #} outside quotes comments out the rest of the line.
     *
     * @throws IllegalArgumentException on a quote that is not closed
     */
    static List<String> parse(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        char quote = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    if (next == '\n' || next == '\r') {
                        // A continued line: what leads the next line is layout, not part of the argument.
                        while (i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))) {
                            i++;
                        }
                    } else {
                        current.append(switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'f' -> '\f';
                            default -> next;
                        });
                    }
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inArgument = true;
            } else if (c == '#') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n' && text.charAt(i + 1) != '\r') {
                    i++;
                }
                inArgument = flush(args, current, inArgument);
            } else if (Character.isWhitespace(c)) {
                inArgument = flush(args, current, inArgument);
            } else {
                current.append(c);
                inArgument = true;
            }
            i++;
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated " + quote + " quote in the argument starting '" + current + "'");
        }
        flush(args, current, inArgument);
        return args;
    }

    private static boolean flush(List<String> args, StringBuilder current, boolean inArgument) {
        if (inArgument) {
            args.add(current.toString());
            current.setLength(0);
        }
        return false;
    }
}
