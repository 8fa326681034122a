package dev.hush.adapter;

import dev.hush.detect.fingerprint.DocumentText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Files users upload to an app: text files are scanned (and rewritten) as text; office documents and PDFs
 * are scanned through their text ({@link DocumentText}, the fingerprint reader) but cannot be rewritten, so
 * a finding that needs a rewrite refuses them; anything else (images, archives, encrypted documents) is
 * recorded as not scanned and left to the {@code policy.unscannable} action.
 */
public final class Uploads {
    /** Documents whose text {@link DocumentText} reads. */
    static final Set<String> DOCUMENTS = Set.of("pdf", "docx", "docm", "dotx", "pptx", "pptm", "xlsx", "xlsm", "odt",
            "odp", "ods");
    private static final Set<String> DOCUMENT_TYPES = Set.of("application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");

    private Uploads() {
    }

    /** A request whose whole body is one file (a PUT to blob storage, a raw upload). */
    public static ExtractedRequest body(InboundRequest request, String fileName) {
        byte[] bytes = request.body().getBytes();
        String type = request.mediaType();
        String where = "file:" + (fileName == null || fileName.isBlank() ? "upload" : fileName);
        String ext = extension(fileName);
        if (ext.isEmpty() || !DOCUMENTS.contains(ext) && !BodyTexts.TEXT_EXTENSIONS.contains(ext)) {
            String sniffed = sniff(bytes);
            if (sniffed != null) {
                ext = sniffed;
                type = "";
            }
        }
        if (document(ext, type)) {
            String text = documentText(bytes, DOCUMENT_TYPES.contains(type) && !DOCUMENTS.contains(ext) ? extFor(type) : ext);
            if (text == null) {
                return notScanned(where + ": " + EmbeddedFile.UNREADABLE_DOCUMENT);
            }
            return new ExtractedRequest(List.of(readOnly(where, text)), List.of(), null, "", () -> bytes);
        }
        if (bytes.length > 0 && (BodyTexts.textual(type) || BodyTexts.TEXT_EXTENSIONS.contains(ext)
                || type.equals("application/octet-stream") && BodyTexts.TEXT_EXTENSIONS.contains(ext))) {
            String text = BodyTexts.utf8(bytes);
            if (text != null) {
                String[] out = {text};
                TextSlot slot = new TextSlot(where, text, s -> out[0] = s);
                return new ExtractedRequest(List.of(slot), List.of(), null, "",
                        () -> out[0].getBytes(StandardCharsets.UTF_8));
            }
        }
        if (bytes.length == 0) {
            return ExtractedRequest.empty();
        }
        if (EmbeddedFile.declaredText(type, fileName)) {
            return notScanned(where + ": " + EmbeddedFile.mislabelledLabel(type, fileName)); // declared text, is not
        }
        return notScanned(where + ": " + kind(ext, type));
    }

    /**
     * The kind of a file from its first bytes, for uploads that name neither file nor type (resumable
     * upload chunks): pdf, an office document by its zip entries, png, jpg, gif, zip; null when unknown.
     */
    static String sniff(byte[] b) {
        if (startsWith(b, "%PDF-".getBytes(StandardCharsets.ISO_8859_1))) {
            return "pdf";
        }
        if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "png";
        }
        if (startsWith(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "jpg";
        }
        if (startsWith(b, "GIF8".getBytes(StandardCharsets.ISO_8859_1))) {
            return "gif";
        }
        if (startsWith(b, new byte[] {'P', 'K', 3, 4})) {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(b))) {
                for (int i = 0; i < 200; i++) { // the parts that name the kind come first; bounded either way
                    ZipEntry e = z.getNextEntry();
                    if (e == null) {
                        break;
                    }
                    String n = e.getName();
                    if (n.startsWith("word/")) {
                        return "docx";
                    }
                    if (n.startsWith("xl/")) {
                        return "xlsx";
                    }
                    if (n.startsWith("ppt/")) {
                        return "pptx";
                    }
                }
            } catch (IOException e) {
                // an unreadable zip: an archive
            }
            return "zip";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ExtractedRequest notScanned(String what) {
        return new ExtractedRequest(List.of(), List.of(what), null, "", () -> new byte[0]);
    }

    /** A document's text, which is scanned but cannot be written back into the document. */
    static TextSlot readOnly(String where, String text) {
        return new TextSlot(where, text, s -> {
            throw new ReadOnlyText(where);
        });
    }

    static boolean document(String ext, String mediaType) {
        return DOCUMENTS.contains(ext) || DOCUMENT_TYPES.contains(mediaType);
    }

    /**
     * The text of a document's bytes, or null when it cannot be read (encrypted, damaged). DocumentText reads
     * files, so the bytes go through a private temporary file that is deleted at once.
     */
    static String documentText(byte[] bytes, String ext) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("hush-upload-", "." + ext);
            Files.write(tmp, bytes);
            return DocumentText.of(tmp);
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temp directory is cleaned by the system
                }
            }
        }
    }

    static String extFor(String type) {
        if (type.equals("application/pdf")) {
            return "pdf";
        }
        if (type.contains("wordprocessingml")) {
            return "docx";
        }
        if (type.contains("presentationml")) {
            return "pptx";
        }
        if (type.contains("spreadsheetml")) {
            return "xlsx";
        }
        return type.endsWith(".text") ? "odt" : type.endsWith("spreadsheet") ? "ods" : "odp";
    }

    /** What a file that cannot be read is, for the audit record: image, archive, audio, video or binary. */
    static String kind(String ext, String type) {
        if (type.startsWith("image/") || Set.of("png", "jpg", "jpeg", "gif", "webp", "heic", "bmp", "tiff").contains(ext)) {
            return "image";
        }
        if (Set.of("zip", "gz", "tgz", "7z", "rar", "tar", "bz2", "xz").contains(ext) || type.contains("zip")
                || type.contains("compressed") || type.contains("x-tar")) {
            return "archive";
        }
        if (type.startsWith("audio/")) {
            return "audio";
        }
        if (type.startsWith("video/")) {
            return "video";
        }
        return "binary" + (ext.isEmpty() ? "" : " ." + ext);
    }

    static String extension(String file) {
        if (file == null) {
            return "";
        }
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
