package dev.hush.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The on-disk form of one chained record: a single JSON line whose last member is {@code "hash"}.
 * <p>
 * The hash is SHA-256 over the line's own bytes without that member (the JSON object up to the hash, closed
 * with {@code }}); those bytes include {@code seq} and {@code prev}, the hash of the record before. The
 * verifier therefore hashes exactly the bytes on disk and never has to re-serialise a record, so the chain
 * does not depend on how a JSON library orders or escapes anything.
 */
public final class AuditLine {
    /** {@code prev} of the very first record. */
    public static final String GENESIS = "0".repeat(64);
    static final int FORMAT_VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();
    /** One digest per thread (the writer, the verifier): getInstance walks the provider list each time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });
    private static final byte[] HASH_PREFIX = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH_END = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** Bytes the hash member adds after the body's last member. */
    static final int SUFFIX_LEN = HASH_PREFIX.length + 64 + HASH_END.length;

    private AuditLine() {
    }

    /** A record ready to write: its line (ending in a newline) and its hash. */
    public record Encoded(byte[] line, String hash) {
    }

    /**
     * What a line says about its place in the chain, and whether its own hash holds; with the request it
     * belongs to and its stage ({@code decision}, {@code outcome}, or null for a request's one record), so a
     * reader can join a decision line with its outcome.
     */
    public record Link(long seq, String prev, String hash, boolean hashValid, String requestId, String stage) {
        public Link(long seq, String prev, String hash, boolean hashValid) {
            this(seq, prev, hash, hashValid, null, null);
        }
    }

    /** Encodes {@code r} as record number {@code seq} following the record whose hash is {@code prev}. */
    public static Encoded encode(AuditRecord r, long seq, String prev) {
        JsonBytes out = new JsonBytes(512 + 256 * r.findings().size());
        String hash = append(out, r, seq, prev);
        return new Encoded(Arrays.copyOf(out.array(), out.length()), hash);
    }

    /**
     * Appends {@code r}'s line (with its newline) to {@code out} as record {@code seq} after {@code prev} and
     * returns its hash: the writer thread encodes a whole batch into one reused buffer this way.
     */
    static String append(JsonBytes out, AuditRecord r, long seq, String prev) {
        int start = out.length();
        out.startObject()
                .field("v", FORMAT_VERSION)
                .field("seq", seq)
                .field("prev", prev)
                .field("time", r.time())
                .field("requestId", r.requestId())
                .field("stage", r.stage());
        if (r.isOutcome()) {
            // the decision line before it holds everything else; this one only what the upstream answered
            out.field("upstreamStatus", r.upstreamStatus())
                    .field("upstreamMillis", r.upstreamMillis())
                    .endObject();
            return seal(out, start);
        }
        out.field("user", r.user())
                .field("provider", r.provider())
                .field("endpoint", r.endpoint())
                .field("model", r.model())
                .field("action", r.action())
                .field("reason", r.reason())
                .field("identity", r.identity())
                .field("justification", r.justification());
        if (!r.justificationFindings().isEmpty()) {
            findings(out, "justificationFindings", r.justificationFindings());
        }
        findings(out, "findings", r.findings());
        if (r.findingsOmitted() > 0) {
            out.field("findingsOmitted", r.findingsOmitted());
        }
        out.startArray("notScanned");
        for (String s : r.notScanned()) {
            out.value(s);
        }
        out.endArray()
                .field("bytesScanned", r.bytesScanned())
                .field("scanMicros", r.scanMicros());
        if (!r.isDecision()) {
            // a decision line is written before the request goes upstream: its outcome line says what came back
            out.field("upstreamStatus", r.upstreamStatus())
                    .field("upstreamMillis", r.upstreamMillis());
        }
        out.endObject();
        return seal(out, start);
    }

    /** Hashes the object just written from {@code start} and appends the hash member and the newline. */
    private static String seal(JsonBytes out, int start) {
        // the hash covers the object as it would end here; then its closing brace makes way for the hash
        String hash = sha256Hex(out.array(), start, out.length() - start);
        out.truncate(out.length() - 1);
        out.raw(HASH_PREFIX).raw(hash.getBytes(StandardCharsets.US_ASCII)).raw(HASH_END).put((byte) '\n');
        return hash;
    }

    private static void findings(JsonBytes out, String name, java.util.List<AuditFinding> fs) {
        out.startArray(name);
        for (AuditFinding f : fs) {
            out.startObject()
                    .field("type", f.type())
                    .field("rule", f.rule())
                    .field("location", f.location())
                    .field("start", f.start())
                    .field("end", f.end())
                    .field("hash", f.hash())
                    .field("preview", f.preview())
                    .field("action", f.action())
                    .field("policyRule", f.policyRule())
                    .endObject();
        }
        out.endArray();
    }

    /**
     * Reads one line (without its newline) and checks its own hash. Throws {@link IllegalArgumentException}
     * with a short reason when the line is not a chained record at all.
     */
    public static Link parse(byte[] line, int len) {
        if (len < SUFFIX_LEN + 2 || line[0] != '{') {
            throw new IllegalArgumentException("not a chained audit record");
        }
        int suffix = len - SUFFIX_LEN;
        if (!Arrays.equals(line, suffix, suffix + HASH_PREFIX.length, HASH_PREFIX, 0, HASH_PREFIX.length)
                || !Arrays.equals(line, len - HASH_END.length, len, HASH_END, 0, HASH_END.length)) {
            throw new IllegalArgumentException("hash is not the last member");
        }
        String stored = new String(line, suffix + HASH_PREFIX.length, 64, StandardCharsets.US_ASCII);
        if (!stored.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("hash is not 64 lowercase hex digits");
        }
        long seq = -1;
        String prev = null;
        String requestId = null;
        String stage = null;
        // Only the leading members are read (seq, prev, time, requestId, and stage right after it when the
        // line has one); the hash below vouches for the rest.
        try (JsonParser p = JSON.createParser(line, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            boolean idSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("seq".equals(name) && v == JsonToken.VALUE_NUMBER_INT) {
                    seq = p.getLongValue();
                } else if ("prev".equals(name) && v == JsonToken.VALUE_STRING) {
                    prev = p.getText();
                } else if ("requestId".equals(name) && v == JsonToken.VALUE_STRING) {
                    requestId = p.getText();
                    idSeen = true;
                    continue;
                } else if ("stage".equals(name) && v == JsonToken.VALUE_STRING) {
                    stage = p.getText();
                } else {
                    p.skipChildren();
                }
                if (idSeen && seq >= 0 && prev != null) {
                    break; // stage, when present, follows requestId
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON");
        }
        if (seq < 0 || prev == null) {
            throw new IllegalArgumentException("seq or prev missing");
        }
        byte[] body = Arrays.copyOf(line, suffix + 1);
        body[suffix] = '}';
        String actual = sha256Hex(body, body.length);
        return new Link(seq, prev, stored, actual.equals(stored), requestId, stage);
    }

    static String sha256Hex(byte[] bytes, int len) {
        return sha256Hex(bytes, 0, len);
    }

    static String sha256Hex(byte[] bytes, int off, int len) {
        MessageDigest md = SHA256.get();
        md.update(bytes, off, len);
        return HexFormat.of().formatHex(md.digest());
    }
}
