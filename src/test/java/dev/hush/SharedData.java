package dev.hush;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared test material ({@code ../shared} beside the checkout): the {@code hush.shared} system
 * property when it points at it, else the nearest {@code shared} folder beside the working directory or one
 * of its parents (a worktree such as /work/wt/pii sits two levels below /work/shared).
 *
 * <p>The material is not part of the repository, so a clone without it must still pass: tests that read it
 * are tagged {@value #TAG} and are skipped (a JUnit assumption naming the missing file) when it is absent.
 */
public final class SharedData {
    /** JUnit tag of every test that reads ../shared ({@code mvn verify -DexcludedGroups=shared} to leave them out). */
    public static final String TAG = "shared";

    private static volatile boolean told;

    private SharedData() {
    }

    /** True when the shared material can be found; tests that need it assume this and say why they skipped. */
    public static boolean available() {
        return find().isPresent();
    }

    /** The shared folder, if there is one. */
    public static Optional<Path> find() {
        String prop = System.getProperty("hush.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "corpus"))) {
            return Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The shared folder; skips the calling test (with the reason) when it is absent. */
    public static Path root() {
        Optional<Path> root = find();
        if (root.isEmpty() && !told) {
            told = true; // once per run, on the console: the assumption's message is in the surefire reports
            System.err.println("hush tests: ../shared not found: tests tagged '" + TAG + "' are skipped "
                    + "(set -Dhush.shared=DIR to run them)");
        }
        Assumptions.assumeTrue(root.isPresent(), "skipped: shared test material not found (this test reads ../shared, "
                + "which is not part of the repository; set -Dhush.shared=DIR to run it)");
        return root.get();
    }

    /** A shared file; skips the calling test (with the reason) when it is absent. */
    public static Path file(String relative) {
        Path f = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(f), "skipped: shared test material " + relative + " missing under " + root());
        return f;
    }
}
