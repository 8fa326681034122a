package dev.hush.detect.edm;

import dev.hush.detect.SetFolders;

import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** The EDM sets of a data directory: {@code <dataDir>/edm/<NAME>/}. */
public final class EdmStore {
    public static final String DIR = "edm";
    /** Sub-key label: EDM hashes cannot be compared with audit or fingerprint hashes. */
    public static final String KEY_PURPOSE = "hush/edm/v1";

    private final Path root;

    public EdmStore(Path dataDir) {
        this.root = dataDir.resolve(DIR);
    }

    public Path root() {
        return root;
    }

    public static void checkName(String name) {
        SetFolders.checkName(name, "EDM set");
    }

    public boolean exists(String name) {
        checkName(name);
        return Files.isRegularFile(root.resolve(name).resolve(EdmSetMeta.FILE));
    }

    /** Builds a set from a CSV and puts it in place, replacing an existing set only when asked. */
    public EdmSetMeta add(Path csv, EdmIndexWriter.Options opt, SipHash sip, String keyCheck, boolean replace) throws IOException {
        checkName(opt.name());
        if (exists(opt.name()) && !replace) {
            throw new IllegalArgumentException("EDM set '" + opt.name() + "' exists; use --replace to rebuild it");
        }
        Files.createDirectories(root);
        Path tmp = root.resolve("." + opt.name() + ".building-" + UUID.randomUUID());
        try {
            EdmSetMeta meta = EdmIndexWriter.build(csv, tmp, opt, sip, keyCheck);
            Path target = root.resolve(opt.name());
            Path old = null;
            if (Files.exists(target)) {
                old = root.resolve("." + opt.name() + ".old-" + UUID.randomUUID());
                move(target, old);
            }
            move(tmp, target);
            if (old != null) {
                deleteTree(old);
            }
            return meta;
        } finally {
            deleteTree(tmp);
        }
    }

    public List<EdmSetMeta> list() throws IOException {
        List<EdmSetMeta> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path d : ds) {
                String n = d.getFileName().toString();
                if (!n.startsWith(".") && Files.isRegularFile(d.resolve(EdmSetMeta.FILE))) {
                    out.add(EdmSetMeta.read(d));
                }
            }
        }
        out.sort(Comparator.comparing(EdmSetMeta::name));
        return out;
    }

    /** Bytes on disk of a set. */
    public long size(String name) throws IOException {
        checkName(name);
        try (Stream<Path> s = Files.list(root.resolve(name))) {
            long total = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                total += Files.size(p);
            }
            return total;
        }
    }

    public boolean remove(String name) throws IOException {
        checkName(name);
        return SetFolders.remove(root, name);
    }

    public EdmIndex open(EdmSetMeta meta) throws IOException {
        return EdmIndex.open(root.resolve(meta.name()), meta.bucketBits(), meta.prefixBits());
    }

    private static void move(Path from, Path to) throws IOException {
        SetFolders.move(from, to);
    }

    static void deleteTree(Path p) throws IOException {
        SetFolders.deleteTree(p);
    }
}
