package dev.hush.adapter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON reading that decides what a provider will see: Hush must read the same document the provider
 * reads. Lenient parsers disagree on duplicate keys (first or last wins) and on data after the value, so both
 * are refused here; the body must be UTF-8 (a byte-order mark is removed earlier, by the body reader).
 */
public final class StrictJson {
    /** Parsers that refuse a key appearing twice in one object. */
    static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** Parses one JSON value; the message of the failure is safe to show (it quotes no content). */
    public static JsonNode read(byte[] body) throws MalformedBody {
        if (!utf8(body)) {
            throw new MalformedBody("Request body must be UTF-8 JSON");
        }
        try {
            return MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Duplicate field")) {
                throw new MalformedBody("Request body is not valid JSON: a key appears twice in one object");
            }
            throw new MalformedBody("Request body is not valid JSON");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new MalformedBody("Request body is not valid JSON: data follows the JSON value");
        } catch (Exception e) {
            throw new MalformedBody("Request body is not valid JSON");
        }
    }

    /**
     * UTF-16 and UTF-32 JSON start with a zero byte in one of the first two positions (JSON text begins with
     * an ASCII character) or with their byte-order mark; Jackson would silently decode them.
     */
    static boolean utf8(byte[] b) {
        return utf8(b, b.length);
    }

    /** {@link #utf8(byte[])} for {@code b[0, length)}. */
    static boolean utf8(byte[] b, int length) {
        if (length >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
                || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
            return false;
        }
        return !(length >= 2 && (b[0] == 0 || b[1] == 0));
    }
}
