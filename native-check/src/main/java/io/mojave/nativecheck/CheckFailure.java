package io.mojave.nativecheck;

/** A reason the check cannot go on, said in one line (no stack trace is printed for it). */
final class CheckFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CheckFailure(String message) {
        super(message);
    }

    CheckFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
