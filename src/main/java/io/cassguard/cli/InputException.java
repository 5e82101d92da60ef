package io.cassguard.cli;

/** Input that cannot be checked: an unreadable file, an object without its identity, an unreachable cluster (exit 2). */
final class InputException extends Exception {

    InputException(String message) {
        super(message, null, false, false);
    }

    /** A problem at a place in a file, said as {@code file:line: problem}. */
    static InputException at(String file, int line, String problem) {
        return new InputException(file + ":" + line + ": " + problem);
    }
}
