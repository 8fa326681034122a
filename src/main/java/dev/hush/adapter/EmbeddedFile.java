package dev.hush.adapter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A file carried inside a request body: a {@code data:} URL or a base64 payload with a declared media type
 * or file name (OpenAI {@code file_data}, Anthropic base64 {@code document} sources, Gemini
 * {@code inlineData}). One of a text type is decoded and scanned as text, and a rewrite is encoded back the
 * way it came; anything else is for the caller to record as not scanned, with {@link #kind}.
 */
public final class EmbeddedFile {
    private EmbeddedFile() {
    }

    /**
     * The text of the payload as a slot, or null when it is not text (binary media, or declared text but
     * not UTF-8: see {@link #kind}).
     *
     * @param value     a {@code data:} URL, or base64
     * @param mediaType the declared media type of a base64 payload, or null
     * @param fileName  the declared file name, or null
     */
    public static TextSlot slot(String location, String value, String mediaType, String fileName,
            TextSlot.Writer write) {
        String prefix;
        String type;
        boolean base64;
        String payload;
        if (value.startsWith("data:")) {
            int comma = value.indexOf(',');
            if (comma < 0 || comma > 200) {
                return null;
            }
            String meta = value.substring(5, comma);
            base64 = meta.endsWith(";base64");
            String t = base64 ? meta.substring(0, meta.length() - 7) : meta;
            type = t.isEmpty() ? "text/plain" : InboundRequest.mediaType(t); // RFC 2397: no type is text/plain
            prefix = value.substring(0, comma + 1);
            payload = value.substring(comma + 1);
        } else {
            type = mediaType == null ? "" : InboundRequest.mediaType(mediaType);
            base64 = true;
            prefix = "";
            payload = value;
        }
        if (!declaredText(type, fileName)) {
            return null;
        }
        String text;
        if (base64) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                return null;
            }
            text = BodyTexts.utf8(bytes);
        } else {
            try {
                text = URLDecoder.decode(payload.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                text = null;
            }
        }
        if (text == null) {
            return null;
        }
        return new TextSlot(location, text, s -> write.write(prefix + (base64
                ? Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))
                : java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))));
    }

    /** What a payload that is not scanned is, for the not-scanned list (and {@code policy.unscannable}). */
    public static String kind(String value, String mediaType, String fileName, String fallback) {
        String type = mediaType;
        if (value != null && value.startsWith("data:")) {
            int end = value.indexOf(';');
            int comma = value.indexOf(',');
            int e = end < 0 || comma >= 0 && comma < end ? comma : end;
            type = e > 5 && e < 200 ? value.substring(5, e) : "";
        }
        type = type == null ? "" : InboundRequest.mediaType(type);
        if (declaredText(type, fileName)) {
            return "declared text, not UTF-8 text" + (type.isEmpty() ? "" : " (" + type + ")");
        }
        return fallback + (type.isEmpty() ? "" : " (" + type + ")");
    }

    /** A text media type, or (without a usable type) a file name with a text extension. */
    static boolean declaredText(String type, String fileName) {
        if (!type.isEmpty() && !type.equals("application/octet-stream")) {
            return BodyTexts.textual(type);
        }
        if (fileName == null) {
            return false;
        }
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && BodyTexts.TEXT_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
