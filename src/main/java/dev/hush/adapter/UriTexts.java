package dev.hush.adapter;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of a path and query that go upstream: each path segment ({@code path[2]}) and each query value
 * ({@code query:name}), percent-decoded, as slots. A rewritten one is percent-encoded again; every other
 * segment and pair keeps its bytes. The API key's own query parameter is not a text (it is swapped or
 * forwarded as the key).
 */
public final class UriTexts {
    private final String[] segments;
    private final String[] pairs;
    private final String[] newSegments;
    private final String[] newValues;
    private final List<TextSlot> slots = new ArrayList<>();

    /**
     * @param pathAndQuery the destination's path and query ({@code /v1/files/abc?purpose=x})
     * @param keyParam     the query parameter that carries the API key, or null
     */
    public UriTexts(String pathAndQuery, String keyParam) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        segments = path.split("/", -1);
        newSegments = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String text = decode(segments[i], false);
            if (text == null || text.isEmpty()) {
                continue;
            }
            int idx = i;
            slots.add(new TextSlot("path[" + i + "]", text, s -> newSegments[idx] = s));
        }
        pairs = query == null ? new String[0] : query.split("&", -1);
        newValues = new String[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String name = decode(eq < 0 ? pairs[i] : pairs[i].substring(0, eq), true);
            String value = eq < 0 ? null : decode(pairs[i].substring(eq + 1), true);
            if (name == null || value == null || value.isEmpty() || name.equals(keyParam)) {
                continue;
            }
            int idx = i;
            slots.add(new TextSlot("query:" + name, value, s -> newValues[idx] = s));
        }
    }

    public List<TextSlot> slots() {
        return slots;
    }

    /** The path and query again: rewritten texts re-encoded, the rest as received. */
    public String render() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            // a rewritten segment must stay one segment: '/' is encoded along with everything else
            b.append(newSegments[i] == null ? segments[i]
                    : URLEncoder.encode(newSegments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (pairs.length == 0) {
            return b.toString();
        }
        b.append('?');
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                b.append('&');
            }
            if (newValues[i] == null) {
                b.append(pairs[i]);
            } else {
                b.append(pairs[i], 0, pairs[i].indexOf('=') + 1)
                        .append(URLEncoder.encode(newValues[i], StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }

    /** Percent-decoded text ({@code +} is a space only in a query), or null when the escapes are broken. */
    private static String decode(String raw, boolean query) {
        try {
            return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a stray '%': the text as it stands is what the upstream sees
        }
    }
}
