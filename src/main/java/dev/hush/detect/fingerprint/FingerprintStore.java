package dev.hush.detect.fingerprint;

import dev.hush.detect.SetFolders;

import dev.hush.detect.ScanText;
import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Fingerprint sets of a data directory, {@code <dataDir>/fingerprints/<NAME>/}: {@code meta.json} and
 * {@code fingerprints.bin} (little-endian pairs of 64-bit keyed hash and 32-bit document index). Only
 * winnowed keyed hashes of shingles are stored, never text.
 */
public final class FingerprintStore {
    public static final String DIR = "fingerprints";
    public static final String KEY_PURPOSE = "hush/fingerprint/v1";
    static final String DATA = "fingerprints.bin";

    private final Path root;

    public FingerprintStore(Path dataDir) {
        this.root = dataDir.resolve(DIR);
    }

    public Path root() {
        return root;
    }

    public static void checkName(String name) {
        SetFolders.checkName(name, "fingerprint set");
    }

    /** A set's stored entries, with the documents they point to. */
    public record Loaded(FingerprintSetMeta meta, long[] hashes, int[] docs) {
    }

    /**
     * Adds documents to a set (made when missing); a document with the same file name as one already in
     * the set replaces it.
     */
    public FingerprintSetMeta add(String name, List<Path> files, SipHash sip, String keyCheck) throws IOException {
        checkName(name);
        Path dir = root.resolve(name);
        List<FingerprintSetMeta.Document> docs = new ArrayList<>();
        List<long[]> perDoc = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(FingerprintSetMeta.FILE))) {
            Loaded old = load(name);
            if (!keyCheck.equals(old.meta().keyCheck())) {
                throw new IllegalArgumentException("fingerprint set '" + name + "' was made with another hash key; remove it first");
            }
            docs.addAll(old.meta().documents());
            for (int d = 0; d < docs.size(); d++) {
                perDoc.add(collect(old, d));
            }
        }
        String now = Instant.now().toString();
        for (Path f : files) {
            String docName = documentName(f);
            String text = DocumentText.of(f);
            Shingles sh = Shingles.of(ScanText.of(text).lower(), sip);
            int[] sel = sh.winnow();
            long[] h = new long[sel.length];
            for (int i = 0; i < sel.length; i++) {
                h[i] = sh.hash(sel[i]);
            }
            h = java.util.Arrays.stream(h).distinct().toArray();
            if (h.length == 0) {
                throw new IllegalArgumentException(f + ": fewer than " + Shingles.K + " words; nothing to fingerprint");
            }
            FingerprintSetMeta.Document doc = new FingerprintSetMeta.Document(docName, sh.words(), h.length, now);
            int at = indexOf(docs, docName);
            if (at >= 0) {
                docs.set(at, doc);
                perDoc.set(at, h);
            } else {
                docs.add(doc);
                perDoc.add(h);
            }
        }
        FingerprintSetMeta meta = new FingerprintSetMeta(FingerprintSetMeta.FORMAT, name, Shingles.K, Shingles.WINDOW,
                keyCheck, now, docs);
        write(dir, meta, perDoc);
        return meta;
    }

    private static long[] collect(Loaded l, int doc) {
        int n = 0;
        for (int d : l.docs()) {
            if (d == doc) {
                n++;
            }
        }
        long[] out = new long[n];
        int k = 0;
        for (int i = 0; i < l.docs().length; i++) {
            if (l.docs()[i] == doc) {
                out[k++] = l.hashes()[i];
            }
        }
        return out;
    }

    private static int indexOf(List<FingerprintSetMeta.Document> docs, String name) {
        for (int i = 0; i < docs.size(); i++) {
            if (docs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The file name, which findings and audit records show; control characters and slashes are dropped. */
    static String documentName(Path f) {
        String n = f.getFileName().toString().replaceAll("[\\p{Cntrl}/\\\\]", "");
        return n.length() > 120 ? n.substring(0, 120) : n;
    }

    private void write(Path dir, FingerprintSetMeta meta, List<long[]> perDoc) throws IOException {
        Files.createDirectories(root);
        Path tmp = root.resolve("." + meta.name() + ".writing-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        try {
            int total = perDoc.stream().mapToInt(a -> a.length).sum();
            long[] hs = new long[total];
            int[] ds = new int[total];
            int k = 0;
            for (int d = 0; d < perDoc.size(); d++) {
                for (long h : perDoc.get(d)) {
                    hs[k] = h;
                    ds[k++] = d;
                }
            }
            FingerprintTable t = FingerprintTable.sorted(hs, ds, total);
            ByteBuffer b = ByteBuffer.allocate(t.size() * 12).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                b.putLong(t.hash(i)).putInt(t.doc(i));
            }
            Files.write(tmp.resolve(DATA), b.array());
            meta.write(tmp);
            Path old = null;
            if (Files.exists(dir)) {
                old = root.resolve("." + meta.name() + ".old-" + UUID.randomUUID());
                move(dir, old);
            }
            move(tmp, dir);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    public Loaded load(String name) throws IOException {
        checkName(name);
        Path dir = root.resolve(name);
        FingerprintSetMeta meta = FingerprintSetMeta.read(dir);
        byte[] raw = Files.readAllBytes(dir.resolve(DATA));
        if (raw.length % 12 != 0) {
            throw new IOException(dir + ": " + DATA + " is damaged; add the documents again");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int n = raw.length / 12;
        long[] h = new long[n];
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = b.getLong();
            d[i] = b.getInt();
            if (d[i] < 0 || d[i] >= meta.documents().size()) {
                throw new IOException(dir + ": " + DATA + " is damaged; add the documents again");
            }
        }
        return new Loaded(meta, h, d);
    }

    public List<FingerprintSetMeta> list() throws IOException {
        List<FingerprintSetMeta> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path d : ds) {
                if (!d.getFileName().toString().startsWith(".") && Files.isRegularFile(d.resolve(FingerprintSetMeta.FILE))) {
                    out.add(FingerprintSetMeta.read(d));
                }
            }
        }
        out.sort(Comparator.comparing(FingerprintSetMeta::name));
        return out;
    }

    public boolean remove(String name) throws IOException {
        checkName(name);
        return SetFolders.remove(root, name);
    }

    private static void move(Path from, Path to) throws IOException {
        SetFolders.move(from, to);
    }

    private static void deleteTree(Path p) throws IOException {
        SetFolders.deleteTree(p);
    }
}
