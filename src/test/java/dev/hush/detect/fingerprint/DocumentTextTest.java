package dev.hush.detect.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.TestDocuments;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentTextTest {
    @TempDir
    Path dir;

    private Path zip(String name, String part, String xml) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry(part));
            z.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    @Test
    void docxTextRunsAndParagraphs() throws IOException {
        Path f = zip("plan.docx", "word/document.xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>Project </w:t></w:r><w:r><w:t>Heron</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>Offer 412 million</w:t></w:r><w:r><w:tab/><w:t>euros</w:t></w:r></w:p>"
                + "<w:p><w:r><w:instrText>IGNORED FIELD CODE</w:instrText></w:r></w:p></w:body></w:document>");
        String text = DocumentText.of(f);
        assertTrue(text.contains("Project Heron\n"), text);
        assertTrue(text.contains("Offer 412 million euros"), text);
        assertTrue(!text.contains("IGNORED"), text);
    }

    @Test
    void pptxSlidesInNumericOrder() throws IOException {
        Path f = dir.resolve("deck.pptx");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int n : new int[] {10, 2, 1}) {
                z.putNextEntry(new ZipEntry("ppt/slides/slide" + n + ".xml"));
                z.write(("<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><a:p><a:r><a:t>slide" + n + "</a:t></a:r></a:p></p:sld>")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals("slide1 slide2 slide10", DocumentText.of(f).trim().replaceAll("\\s+", " "));
    }

    @Test
    void xmlWithADoctypeIsNotResolved() throws IOException {
        Path f = zip("evil.docx", "word/document.xml",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"w\"><w:t>&x;</w:t></w:document>");
        try {
            String text = DocumentText.of(f);
            assertTrue(!text.contains("root:"), text);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("XML"), e.getMessage());
        }
    }

    @Test
    void pdfTextThroughPdfBox() throws IOException {
        Path f = dir.resolve("memo.pdf");
        Files.write(f, TestDocuments.pdf("Strictly confidential: Project Heron offer", false));
        assertTrue(DocumentText.of(f).contains("Strictly confidential: Project Heron offer"));
    }

    @Test
    void htmlLosesTagsAndScripts() throws IOException {
        Path f = dir.resolve("page.html");
        Files.writeString(f, "<html><script>var secret=1;</script><p>Board&nbsp;approved <b>Heron</b></p></html>");
        String t = DocumentText.of(f).replaceAll("\\s+", " ").trim();
        assertEquals("Board approved Heron", t);
    }

    @Test
    void binaryAndLegacyOfficeFilesAreRefused() throws IOException {
        Path bin = dir.resolve("blob.dat");
        Files.write(bin, new byte[] {1, 2, 0, 3});
        assertThrows(IOException.class, () -> DocumentText.of(bin));
        Path doc = dir.resolve("old.doc");
        Files.write(doc, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
        IOException e = assertThrows(IOException.class, () -> DocumentText.of(doc));
        assertTrue(e.getMessage().contains(".docx"), e.getMessage());
    }
}
