package io.mojave.nativecheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small commands the check runs on the way (gcc, java -version), whose output matters only when they fail. */
final class Processes {

    private Processes() {
    }

    /** Runs {@code command}; returns its output, or stops the check saying what failed and why. */
    static String runQuietly(List<String> command, String what) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CheckFailure(what + ": cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new CheckFailure(what + ": cannot read the output of " + command.get(0), e);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            String first = output.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
            throw new CheckFailure(what + " failed (" + command.get(0) + " exit " + exit + "): " + first);
        }
        return output;
    }
}
