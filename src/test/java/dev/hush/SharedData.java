package dev.hush;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test material ({@code ../shared} beside the checkout). */
public final class SharedData {
    private SharedData() {
    }

    /** True when the shared material can be found; tests that need it assume this and say why they skipped. */
    public static boolean available() {
        try {
            root();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public static Path root() {
        String prop = System.getProperty("hush.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "corpus"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared test material not found: set -Dhush.shared=DIR (expected ../shared)");
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
