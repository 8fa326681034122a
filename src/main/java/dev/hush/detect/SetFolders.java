package dev.hush.detect;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Named sets kept as one folder each under a root (EDM sets, fingerprint sets): name rules, and removal
 * that first renames the folder away so a half-deleted set is never loaded.
 */
public final class SetFolders {
    private SetFolders() {
    }

    /** Set names are 1-64 letters, digits, _ or -; {@code what} names the kind of set in the error. */
    public static void checkName(String name, String what) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(what + " name must be 1-64 letters, digits, _ or -");
        }
    }

    /** Removes {@code root/name}; false when there is no such set. */
    public static boolean remove(Path root, String name) throws IOException {
        Path d = root.resolve(name);
        if (!Files.isDirectory(d)) {
            return false;
        }
        Path gone = root.resolve("." + name + ".removed-" + UUID.randomUUID());
        move(d, gone);
        deleteTree(gone);
        return true;
    }

    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
