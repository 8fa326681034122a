package dev.hush.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A secret written in the configuration: {@code env:NAME} (an environment variable), {@code file:/path}
 * (a file's content, trailing newline removed: a Kubernetes or Docker secret mount), or the literal value.
 * Resolution errors name the reference, never a value, so they are safe to print.
 */
public final class SecretRef {
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private SecretRef() {
    }

    /** Whether the text is a reference rather than a literal value. */
    public static boolean isReference(String ref) {
        return ref != null && (ref.startsWith("env:") || ref.startsWith("file:"));
    }

    /** The secret a reference stands for, read from the process environment and file system. */
    public static String resolve(String ref) throws SecretException {
        return resolve(ref, System::getenv);
    }

    /** As {@link #resolve(String)}, with the environment given (tests). */
    public static String resolve(String ref, Function<String, String> env) throws SecretException {
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("env:")) {
            String name = ref.substring(4);
            String v = name.isEmpty() ? null : env.apply(name);
            if (v == null || v.isEmpty()) {
                throw new SecretException("environment variable " + name + " is not set");
            }
            return v;
        }
        if (ref.startsWith("file:")) {
            Path f = Path.of(ref.substring(5));
            try {
                if (!Files.isRegularFile(f)) {
                    throw new SecretException("file " + f + " does not exist");
                }
                if (Files.size(f) > MAX_FILE_BYTES) {
                    throw new SecretException("file " + f + " is larger than " + MAX_FILE_BYTES + " bytes");
                }
                String v = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (v.isEmpty()) {
                    throw new SecretException("file " + f + " is empty");
                }
                return v;
            } catch (IOException e) {
                // the exception text can quote nothing but the path here: the content was never read
                throw new SecretException("file " + f + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return ref;
    }

    /** How to name a secret in a message: the reference itself, or a fixed word for a literal. */
    public static String describe(String ref) {
        return isReference(ref) ? ref : "(literal value)";
    }

    /** A reference that cannot be resolved; the message holds no secret. */
    public static final class SecretException extends Exception {
        public SecretException(String message) {
            super(message);
        }
    }
}
