package dev.hush.detect.fingerprint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text of a document to fingerprint. Plain text, markdown and code are read as UTF-8; Office Open XML
 * (.docx, .pptx, .xlsx) and OpenDocument (.odt, .odp, .ods) are zip files of XML whose text runs are read
 * with the JDK's StAX parser (no DTDs, no external entities); HTML loses its tags; PDF goes through PDFBox.
 * Legacy binary Office files (.doc, .xls, .ppt) and other binaries are refused: Apache POI would triple
 * the jar for formats that Office itself saves as .docx.
 */
public final class DocumentText {
    /** Guards against zip bombs: no part of an office file may inflate beyond this. */
    private static final long MAX_PART_BYTES = 64L << 20;
    private static final Pattern WORD_PART = Pattern.compile("word/(document|footnotes|endnotes|header\\d*|footer\\d*)\\.xml");
    private static final Pattern SLIDE_PART = Pattern.compile("ppt/(slides/slide|notesSlides/notesSlide)(\\d+)\\.xml");
    private static final Pattern SHEET_PART = Pattern.compile("xl/(sharedStrings|worksheets/sheet\\d+)\\.xml");
    private static final Set<String> BLOCK_END = Set.of("p", "h", "si", "tr", "row", "list-item");
    private static final Set<String> SPACE = Set.of("br", "tab", "cr", "s", "line-break");

    private DocumentText() {
    }

    public static String of(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        switch (ext) {
            case "pdf":
                return pdf(file);
            case "docx", "docm", "dotx":
                return zipXml(file, WORD_PART, true);
            case "pptx", "pptm":
                return zipXml(file, SLIDE_PART, true);
            case "xlsx", "xlsm":
                return zipXml(file, SHEET_PART, true);
            case "odt", "odp", "ods":
                return zipXml(file, Pattern.compile("content\\.xml"), false);
            case "doc", "xls", "ppt", "rtf":
                throw new IOException(file + ": ." + ext + " is not supported; save it as ."
                        + ("rtf".equals(ext) ? "docx" : ext + "x") + " or PDF, or add its text");
            case "html", "htm", "xhtml":
                return html(text(file));
            default:
                return text(file);
        }
    }

    static String text(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                throw new IOException(file + ": binary file; supported are text, markdown, code, .docx, .pptx, .xlsx, .odt, .pdf");
            }
        }
        int off = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b, off, b.length - off)).toString();
    }

    static String html(String s) {
        String noScript = s.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ");
        String noTags = noScript.replaceAll("(?s)<[^>]*>", " ");
        return noTags.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
    }

    static String pdf(Path file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /**
     * Text of the zip parts whose names match, in document order (slides by number). OOXML keeps text in
     * {@code t} elements ({@code w:t}, {@code a:t}); OpenDocument in the character data of any element.
     */
    static String zipXml(Path file, Pattern parts, boolean onlyT) throws IOException {
        StringBuilder out = new StringBuilder();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> wanted = new ArrayList<>();
            zip.stream().filter(e -> parts.matcher(e.getName()).matches()).forEach(wanted::add);
            wanted.sort(Comparator.comparing((ZipEntry e) -> partOrder(e.getName())).thenComparing(ZipEntry::getName));
            if (wanted.isEmpty()) {
                throw new IOException(file + ": no document text found (not an office file?)");
            }
            for (ZipEntry e : wanted) {
                try (InputStream in = zip.getInputStream(e)) {
                    xmlText(readBounded(in, file), onlyT, out);
                }
                out.append('\n');
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a valid office file");
        }
        return out.toString();
    }

    private static String partOrder(String name) {
        Matcher m = SLIDE_PART.matcher(name);
        if (m.matches()) {
            return String.format("%s%08d", m.group(1), Integer.parseInt(m.group(2)));
        }
        return name.contains("document") ? "0" + name : name;
    }

    private static byte[] readBounded(InputStream in, Path file) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > MAX_PART_BYTES) {
                throw new IOException(file + ": a part inflates beyond " + (MAX_PART_BYTES >> 20) + " MB");
            }
            b.write(buf, 0, r);
        }
        return b.toByteArray();
    }

    private static void xmlText(byte[] xml, boolean onlyT, StringBuilder out) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new java.io.ByteArrayInputStream(xml));
            int inT = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String n = r.getLocalName();
                    if ("t".equals(n)) {
                        inT++;
                    } else if (SPACE.contains(n)) {
                        out.append(' ');
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String n = r.getLocalName();
                    if ("t".equals(n)) {
                        inT--;
                    } else if (BLOCK_END.contains(n)) {
                        out.append('\n');
                    }
                } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && (!onlyT || inT > 0)) {
                    out.append(r.getText());
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("malformed XML in office file: " + e.getMessage());
        }
    }
}
