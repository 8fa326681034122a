package dev.hush.adapter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A file carried inside a request body: a {@code data:} URL or a base64 payload with a declared media type
 * or file name (OpenAI {@code file_data}, Anthropic base64 {@code document} sources, Gemini
 * {@code inlineData}). One of a text type is decoded and scanned as text, and a rewrite is encoded back the
 * way it came; an office document or PDF is scanned through its text ({@link Uploads#documentText}) and cannot be
 * rewritten; anything else is for the caller to record as not scanned, with {@link #kind}.
 */
public final class EmbeddedFile {
    /** The not-scanned label of a payload declared text whose bytes are not text ({@code policy.unscannable.mislabelled}). */
    public static final String MISLABELLED = "declared text, not UTF-8 text";

    private EmbeddedFile() {
    }

    /** Whether a not-scanned entry ({@code location: what}) is a payload declared text whose bytes are not text. */
    public static boolean mislabelled(String notScanned) {
        return notScanned.contains(": " + MISLABELLED);
    }

    /** The not-scanned label of a mislabelled payload, with what declared it text (a type, or a file extension). */
    static String mislabelledLabel(String type, String fileName) {
        String why = type != null && !type.isEmpty() && !type.equals("application/octet-stream") ? type
                : fileName == null ? "" : "." + Uploads.extension(fileName);
        return MISLABELLED + (why.isEmpty() ? "" : " (" + why + ")");
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
        String doc = documentExtension(type, fileName, base64 ? payload : null);
        if (doc != null) {
            // an office document or PDF: its text is scanned; it cannot be written back, so a rewrite refuses it
            byte[] bytes = decode(payload);
            String text = bytes == null ? null : Uploads.documentText(bytes, doc);
            return text == null ? null : Uploads.readOnly(location, text);
        }
        if (!declaredText(type, fileName)) {
            return null;
        }
        String text;
        if (base64) {
            byte[] bytes = decode(payload);
            if (bytes == null) {
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

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The not-scanned label of an office document or PDF whose text could not be read. */
    static final String UNREADABLE_DOCUMENT = "unreadable document (encrypted or damaged)";

    /**
     * The extension {@link Uploads#documentText} reads a base64 payload as, when it is an office document or PDF:
     * by its declared type, its file name, or (declared only as octet-stream, or not at all) its first bytes; else null.
     */
    static String documentExtension(String type, String fileName, String base64) {
        String ext = Uploads.extension(fileName);
        if (Uploads.DOCUMENTS.contains(ext)) {
            return ext;
        }
        if (Uploads.document("", type)) {
            return Uploads.extFor(type);
        }
        if (base64 == null || !(type.isEmpty() || type.equals("application/octet-stream"))
                || !base64.startsWith(PDF_BASE64) && !base64.startsWith(ZIP_BASE64)) {
            return null;
        }
        byte[] bytes = decode(base64);
        String sniffed = bytes == null ? null : Uploads.sniff(bytes);
        return sniffed != null && Uploads.DOCUMENTS.contains(sniffed) ? sniffed : null;
    }

    /** "%PDF-" and a zip's "PK\3\4" as the start of base64: a body holding neither embeds no document. */
    private static final String PDF_BASE64 = "JVBER";
    private static final String ZIP_BASE64 = "UEsDB";

    /**
     * Whether a body may embed an office document or PDF as base64 (cheap: two substrings); such a body is
     * read on a worker, since reading a document's text is work for one.
     */
    public static boolean mayEmbedDocument(String body) {
        return body.contains(PDF_BASE64) || body.contains(ZIP_BASE64);
    }

    /**
     * {@link #mayEmbedDocument(String)} on the body's bytes, without decoding them into a string first (the
     * gateway asked this of every request and made an ISO-8859-1 copy of the whole body for it). Both markers are
     * ASCII, so a byte-wise match is the same as the string's under ISO-8859-1.
     */
    public static boolean mayEmbedDocument(io.vertx.core.buffer.Buffer body) {
        io.netty.buffer.ByteBuf b = ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf();
        int from = b.readerIndex();
        int n = b.readableBytes();
        if (b.hasArray()) {
            return mayEmbedDocument(b.array(), b.arrayOffset() + from, n);
        }
        byte[] copy = new byte[n];
        b.getBytes(from, copy);
        return mayEmbedDocument(copy, 0, n);
    }

    /** Whether {@code bytes[from, from + n)} holds "JVBER" or "UEsDB". */
    static boolean mayEmbedDocument(byte[] bytes, int from, int n) {
        int last = from + n - 5;
        for (int i = from; i <= last; i++) {
            byte c = bytes[i];
            if (c == 'J' ? bytes[i + 1] == 'V' && bytes[i + 2] == 'B' && bytes[i + 3] == 'E' && bytes[i + 4] == 'R'
                    : c == 'U' && bytes[i + 1] == 'E' && bytes[i + 2] == 's' && bytes[i + 3] == 'D' && bytes[i + 4] == 'B') {
                return true;
            }
        }
        return false;
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
        if (documentExtension(type, fileName, null) != null) {
            return UNREADABLE_DOCUMENT;
        }
        if (declaredText(type, fileName)) {
            return mislabelledLabel(type, fileName);
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
