package dev.hush.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** What a line says about its place in the chain, and whether its own hash holds. */
    public record Link(long seq, String prev, String hash, boolean hashValid) {
    }

    /** Encodes {@code r} as record number {@code seq} following the record whose hash is {@code prev}. */
    public static Encoded encode(AuditRecord r, long seq, String prev) {
        // sized for the findings up front: growing the buffer copied it several times per record
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + 256 * r.findings().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", FORMAT_VERSION);
            g.writeNumberField("seq", seq);
            g.writeStringField("prev", prev);
            if (r.time() != null) {
                g.writeStringField("time", r.time().toString());
            }
            field(g, "requestId", r.requestId());
            field(g, "user", r.user());
            field(g, "provider", r.provider());
            field(g, "endpoint", r.endpoint());
            field(g, "host", r.host());
            field(g, "model", r.model());
            field(g, "action", r.action());
            field(g, "reason", r.reason());
            field(g, "identity", r.identity());
            field(g, "justification", r.justification());
            if (!r.justificationFindings().isEmpty()) {
                findings(g, "justificationFindings", r.justificationFindings());
            }
            findings(g, "findings", r.findings());
            if (r.findingsOmitted() > 0) {
                g.writeNumberField("findingsOmitted", r.findingsOmitted());
            }
            g.writeArrayFieldStart("notScanned");
            for (String s : r.notScanned()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeNumberField("bytesScanned", r.bytesScanned());
            g.writeNumberField("scanMicros", r.scanMicros());
            g.writeNumberField("upstreamStatus", r.upstreamStatus());
            g.writeNumberField("upstreamMillis", r.upstreamMillis());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: cannot happen
        }
        byte[] body = out.toByteArray();
        String hash = sha256Hex(body, body.length);
        byte[] line = new byte[body.length - 1 + SUFFIX_LEN + 1];
        System.arraycopy(body, 0, line, 0, body.length - 1); // drop the closing brace
        int p = body.length - 1;
        System.arraycopy(HASH_PREFIX, 0, line, p, HASH_PREFIX.length);
        p += HASH_PREFIX.length;
        byte[] hex = hash.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, p, hex.length);
        p += hex.length;
        System.arraycopy(HASH_END, 0, line, p, HASH_END.length);
        line[line.length - 1] = '\n';
        return new Encoded(line, hash);
    }

    private static void findings(JsonGenerator g, String name, java.util.List<AuditFinding> fs) throws IOException {
        g.writeArrayFieldStart(name);
        for (AuditFinding f : fs) {
            g.writeStartObject();
            field(g, "type", f.type());
            field(g, "rule", f.rule());
            field(g, "location", f.location());
            g.writeNumberField("start", f.start());
            g.writeNumberField("end", f.end());
            field(g, "hash", f.hash());
            field(g, "preview", f.preview());
            field(g, "action", f.action());
            field(g, "policyRule", f.policyRule());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
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
        // Only seq and prev are needed (they lead the line); the hash below vouches for the rest.
        try (JsonParser p = JSON.createParser(line, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken t;
            while ((seq < 0 || prev == null) && (t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("seq".equals(name) && v == JsonToken.VALUE_NUMBER_INT) {
                    seq = p.getLongValue();
                } else if ("prev".equals(name) && v == JsonToken.VALUE_STRING) {
                    prev = p.getText();
                } else {
                    p.skipChildren();
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
        return new Link(seq, prev, stored, actual.equals(stored));
    }

    static String sha256Hex(byte[] bytes, int len) {
        MessageDigest md = SHA256.get();
        md.update(bytes, 0, len);
        return HexFormat.of().formatHex(md.digest());
    }
}
