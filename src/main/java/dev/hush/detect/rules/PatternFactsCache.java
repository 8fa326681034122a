package dev.hush.detect.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The built-in catalogue's {@link PatternFacts}, worked out by {@code mvn package} ({@link #main}) and read at
 * start-up with one bulk read: reading the patterns' text cost every {@code hush scan} about 1.3 s of CPU
 * (docs/benchmarks.md, "Whole-process scan and start-up"). Trusted only when whole and current: the file's
 * CRC-32 must match, and so must its key, a digest of the classes that work facts out (and the Java version);
 * each entry holds its pattern's full text, so a pattern that changed is simply not found. Whatever is not
 * trusted or not found is worked out from the pattern as before.
 */
final class PatternFactsCache {
    /** Where the build writes the file inside the jar (next to the catalogue's folder, not in it). */
    static final String RESOURCE = "/hush-rules-facts.bin";
    private static final int MAGIC = 0x48464331; // "HFC1"
    private static final String[] CODE = {"PatternFacts.class", "PatternFacts$Info.class", "PatternFacts$Reader.class",
        "PatternFacts$Unsupported.class", "ValueShape.class"};
    private static final System.Logger LOG = System.getLogger(PatternFactsCache.class.getName());

    private PatternFactsCache() {
    }

    /** The shipped facts by pattern, or an empty map (logged) when the file is missing, corrupt or stale. */
    static Map<String, PatternFacts> shipped() {
        try (InputStream in = PatternFactsCache.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Map.of() : trusted(in.readAllBytes(), codeKey());
        } catch (IOException e) {
            return trusted(null, null);
        }
    }

    /** The entries of {@code file} when it is whole and written under {@code key}; else an empty map (logged). */
    static Map<String, PatternFacts> trusted(byte[] file, byte[] key) {
        try {
            if (file == null) {
                throw new IOException("unreadable");
            }
            return read(file, key);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "rules: pattern facts file not used (" + e.getMessage()
                    + "); working them out from the patterns");
            return Map.of();
        }
    }

    /** The entries of a file written by {@link #write}; throws when it is corrupt or its key is not {@code key}. */
    static Map<String, PatternFacts> read(byte[] file, byte[] key) throws IOException {
        if (file.length < 8) {
            throw new IOException("truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(file));
        in.skipNBytes(file.length - 8);
        if (in.readLong() != crc.getValue()) {
            throw new IOException("checksum mismatch");
        }
        in = new DataInputStream(new ByteArrayInputStream(file, 0, file.length - 8));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a pattern facts file");
        }
        byte[] fileKey = new byte[in.readUnsignedByte()];
        in.readFully(fileKey);
        if (!Arrays.equals(fileKey, key)) {
            throw new IOException("written by other code");
        }
        int n = in.readInt();
        Map<String, PatternFacts> out = new HashMap<>(n * 2);
        for (int e = 0; e < n; e++) {
            String pattern = string(in);
            out.put(pattern, facts(in));
        }
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return out;
    }

    /** The file for these facts (pattern text to facts), under {@code key}. */
    static byte[] write(Map<String, PatternFacts> facts, byte[] key) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeByte(key.length);
        out.write(key);
        out.writeInt(facts.size());
        for (Map.Entry<String, PatternFacts> e : facts.entrySet()) {
            string(out, e.getKey());
            facts(out, e.getValue());
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    /** A digest of the class files that work facts out, and of the Java version whose {@code Character} they use. */
    static byte[] codeKey() throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        md.update(System.getProperty("java.specification.version", "").getBytes(StandardCharsets.UTF_8));
        for (String c : CODE) {
            try (InputStream in = PatternFactsCache.class.getResourceAsStream(c)) {
                if (in == null) {
                    throw new IOException("class file " + c + " not found");
                }
                md.update(in.readAllBytes());
            }
        }
        return md.digest();
    }

    /**
     * {@code mvn package}: writes the facts of every pattern the built-in catalogue's rules and allowlists ask
     * for (recorded while the engine is built as a scan builds it) to {@code args[0]}.
     */
    public static void main(String[] args) throws IOException {
        Map<String, PatternFacts> seen = new LinkedHashMap<>();
        PatternFacts.recordInto(seen);
        List<CompiledRule> rules = RuleCatalogue.compile(RuleCatalogue.builtinSpecs(), RuleCompiler.Engine.JDK, Set.of());
        RuleDetector.configured("rules", rules, "java");
        PatternFacts.recordInto(null);
        Files.write(Path.of(args[0]), write(seen, codeKey()));
        System.out.println("pattern facts: " + seen.size() + " patterns written to " + args[0]);
    }

    private static void facts(DataOutputStream out, PatternFacts f) throws IOException {
        out.writeBoolean(f.unknown);
        if (f.unknown) {
            return;
        }
        out.writeInt(f.required.size());
        for (Set<String> s : f.required) {
            strings(out, s);
        }
        strings(out, f.startLiterals);
        chars(out, f.firstChars);
        out.writeBoolean(f.caret);
        out.writeInt(f.head.length);
        for (boolean[] h : f.head) {
            chars(out, h);
        }
        strings(out, f.anchor);
        out.writeInt(f.anchorOffset);
        out.writeInt(f.anchorSkip);
        chars(out, f.anchorGap);
        out.writeBoolean(f.valueShape != null);
        if (f.valueShape != null) {
            chars(out, f.valueShape.pre);
            out.writeInt(f.valueShape.maxPre);
            chars(out, f.valueShape.run);
            out.writeInt(f.valueShape.minRun);
        }
        chars(out, f.before);
    }

    private static PatternFacts facts(DataInputStream in) throws IOException {
        if (in.readBoolean()) {
            return PatternFacts.UNKNOWN;
        }
        int n = in.readInt();
        List<Set<String>> required = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            required.add(strings(in));
        }
        Set<String> starts = strings(in);
        boolean[] first = chars(in);
        boolean caret = in.readBoolean();
        boolean[][] head = new boolean[in.readInt()][];
        for (int k = 0; k < head.length; k++) {
            head[k] = chars(in);
        }
        Set<String> anchor = strings(in);
        int anchorOffset = in.readInt();
        int anchorSkip = in.readInt();
        boolean[] anchorGap = chars(in);
        ValueShape shape = null;
        if (in.readBoolean()) {
            boolean[] pre = chars(in);
            int maxPre = in.readInt();
            boolean[] run = chars(in);
            shape = ValueShape.of(pre, maxPre, run, in.readInt());
        }
        boolean[] before = chars(in);
        return PatternFacts.restored(List.copyOf(required), starts, first, caret, head, anchor, anchorOffset, anchorSkip,
                anchorGap, shape, before);
    }

    /** A set of strings, or null; read back as {@code Set.copyOf}, as {@link PatternFacts} makes its sets. */
    private static void strings(DataOutputStream out, Set<String> s) throws IOException {
        out.writeInt(s == null ? -1 : s.size());
        if (s != null) {
            for (String x : s) {
                string(out, x);
            }
        }
    }

    private static Set<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        String[] s = new String[n];
        for (int k = 0; k < n; k++) {
            s[k] = string(in);
        }
        return Set.of(s);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A char set of 129 (0..127 and "any other"), or null, as bits. */
    private static void chars(DataOutputStream out, boolean[] set) throws IOException {
        if (set == null) {
            out.writeByte(0);
            return;
        }
        if (set.length != 129) {
            throw new IOException("char set of " + set.length);
        }
        out.writeByte(1);
        for (int base = 0; base < 129; base += 8) {
            int bits = 0;
            for (int b = 0; b < 8 && base + b < 129; b++) {
                bits |= set[base + b] ? 1 << b : 0;
            }
            out.writeByte(bits);
        }
    }

    private static boolean[] chars(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == 0) {
            return null;
        }
        if (tag != 1) {
            throw new IOException("bad char set");
        }
        boolean[] set = new boolean[129];
        for (int base = 0; base < 129; base += 8) {
            int bits = in.readUnsignedByte();
            for (int b = 0; b < 8 && base + b < 129; b++) {
                set[base + b] = (bits & 1 << b) != 0;
            }
        }
        return set;
    }
}
