package dev.hush.adapter.webapp;

import dev.hush.adapter.InboundRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One field of an {@code application/x-www-form-urlencoded} body, decoded, and the body rendered again with
 * a new value for it (every other field keeps its bytes).
 */
final class FormField {
    private final String[] pairs;
    private final int at;
    private final String name;
    final String value;

    private FormField(String[] pairs, int at, String name, String value) {
        this.pairs = pairs;
        this.at = at;
        this.name = name;
        this.value = value;
    }

    /** The field, or null when the body has none by that name (or is not a form). */
    static FormField of(InboundRequest request, String name) {
        String form = request.body().toString(StandardCharsets.UTF_8);
        String[] pairs = form.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (pairs[i].startsWith(name + "=")) {
                try {
                    return new FormField(pairs, i, name,
                            URLDecoder.decode(pairs[i].substring(name.length() + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return null; // a stray '%': not a form field after all
                }
            }
        }
        return null;
    }

    /** The whole body with this field's value replaced. */
    byte[] render(String newValue) {
        String[] out = pairs.clone();
        out[at] = name + "=" + URLEncoder.encode(newValue, StandardCharsets.UTF_8);
        return String.join("&", out).getBytes(StandardCharsets.UTF_8);
    }
}
