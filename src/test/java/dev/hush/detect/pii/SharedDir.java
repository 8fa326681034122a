package dev.hush.detect.pii;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared material ({@code shared/peer-suites}, {@code shared/corpus}): the {@code hush.shared}
 * system property when it points at it, else the nearest {@code shared} folder beside the working directory
 * or one of its parents (a worktree such as /work/wt/pii sits two levels below /work/shared).
 */
final class SharedDir {
    private SharedDir() {
    }

    static Optional<Path> find() {
        String prop = System.getProperty("hush.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "peer-suites"))) {
            return Optional.of(Path.of(prop));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("peer-suites"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
