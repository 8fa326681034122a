package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Office documents and PDFs embedded as base64 in JSON bodies (OpenAI {@code input_file}/{@code file_data}, {@code data:}
 * URLs, Anthropic base64 documents, Gemini {@code inlineData}) are scanned through their text; documents generated here.
 */
class GatewayEmbeddedDocumentsTest {
    static final String PDF = "application/pdf";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
        fx.upstream.responder = (req, rec) -> req.response().putHeader("content-type", "application/json").end("{}");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    static byte[] pdf(String text, boolean encrypted) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            if (encrypted) {
                StandardProtectionPolicy p = new StandardProtectionPolicy("owner-7h2x", "user-4q9z", new AccessPermission());
                p.setEncryptionKeyLength(128);
                doc.protect(p);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A minimal OOXML package: the one part whose text the reader takes. */
    static byte[] office(String type, String text) throws Exception {
        String part;
        String xml;
        if (type.equals(DOCX)) {
            part = "word/document.xml";
            xml = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>";
        } else if (type.equals(XLSX)) {
            part = "xl/sharedStrings.xml";
            xml = "<sst xmlns=\"s\"><si><t>" + text + "</t></si></sst>";
        } else {
            part = "ppt/slides/slide1.xml";
            xml = "<p:sld xmlns:p=\"p\" xmlns:a=\"a\"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>" + text
                    + "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry(part));
            z.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static byte[] document(String type, String text) throws Exception {
        return type.equals(PDF) ? pdf(text, false) : office(type, text);
    }

    /** Each carrier, with a template taking the document's media type ${T} and base64 ${D}. */
    static Stream<Arguments> carriers() {
        String[] types = {PDF, DOCX, XLSX, PPTX};
        String[][] carriers = {
            {"responses input_file data URL", "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"input_text\",\"text\":\"summarise\"},{\"type\":\"input_file\","
                    + "\"filename\":\"report\",\"file_data\":\"data:${T};base64,${D}\"}]}]}"},
            {"responses input_file raw base64 by file name", "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":["
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"filename\":\"report.${X}\","
                    + "\"file_data\":\"${D}\"}]}]}"},
            {"chat file part", "/openai/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"file\",\"file\":{\"filename\":\"r\",\"file_data\":\"data:${T};base64,${D}\"}}]}]}"},
            {"anthropic base64 document", "/anthropic/v1/messages", "{\"model\":\"c\",\"max_tokens\":9,\"messages\":[{\"role\":"
                    + "\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"${T}\","
                    + "\"data\":\"${D}\"}}]}]}"},
            {"gemini inlineData", "/gemini/v1beta/models/g:generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":"
                    + "[{\"inlineData\":{\"mimeType\":\"${T}\",\"data\":\"${D}\"}}]}]}"},
            {"gemini inlineData as octet-stream, known by its bytes", "/gemini/v1beta/models/g:generateContent",
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"application/octet-stream\","
                    + "\"data\":\"${D}\"}}]}]}"},
        };
        Stream.Builder<Arguments> out = Stream.builder();
        for (String[] c : carriers) {
            for (String t : types) {
                out.add(Arguments.of(c[0], c[1], c[2], t));
            }
        }
        return out.build();
    }

    static String ext(String type) {
        return type.equals(PDF) ? "pdf" : type.equals(DOCX) ? "docx" : type.equals(XLSX) ? "xlsx" : "pptx";
    }

    String body(String template, String type, byte[] doc) {
        return template.replace("${T}", type).replace("${X}", ext(type))
                .replace("${D}", Base64.getEncoder().encodeToString(doc));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("carriers")
    void aSecretInsideAnEmbeddedDocumentIsBlockedAndACleanOneForwardedUnchanged(String name, String path,
            String template, String type) throws Exception {
        String secret = GatewayScanEverythingTest.secret();
        HttpResponse<String> r = fx.post(path, body(template, type, document(type, "deploy key " + secret + " now")));
        assertEquals(400, r.statusCode(), name + ": " + r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        AuditRecord a = fx.audit.last();
        assertEquals("block", a.action());
        assertTrue(a.findings().stream().anyMatch(f -> f.type().equals("SECRET.AWS_ACCESS_KEY_ID")), a.findings().toString());
        assertFalse(a.toString().contains(secret));

        String clean = body(template, type, document(type, "Quarterly numbers for the plant"));
        HttpResponse<String> ok = fx.post(path, clean);
        assertEquals(200, ok.statusCode(), name + ": " + ok.body());
        assertEquals(Echo.JSON.readTree(clean), Echo.JSON.readTree(fx.upstream.last().body()), "forwarded as sent");
        assertEquals(java.util.List.of(), fx.audit.last().notScanned(), "the document was read");
    }

    @Test
    void dataThatPolicyRewritesInsideADocumentRefusesItNamingWhere() throws Exception {
        String t = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":"
                + "{\"filename\":\"r.pdf\",\"file_data\":\"data:application/pdf;base64,${D}\"}}]}]}";
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions",
                t.replace("${D}", Base64.getEncoder().encodeToString(pdf("mail " + GatewayChatTest.EMAIL, false))));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("a document cannot be rewritten"), r.body());
        assertTrue(r.body().contains("messages[0].content[0].file.file_data"), r.body());
        assertFalse(r.body().contains(GatewayChatTest.EMAIL));
        assertTrue(fx.upstream.received.isEmpty());
        assertEquals("block", fx.audit.last().action());
    }

    @Test
    void anUnreadableDocumentIsLeftToPolicyUnscannable() throws Exception {
        String t = "{\"model\":\"c\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"${D}\"}}]}]}";
        String locked = t.replace("${D}", Base64.getEncoder().encodeToString(pdf("hidden words", true)));
        assertEquals(200, fx.post("/anthropic/v1/messages", locked).statusCode(), "policy.unscannable default: allow");
        assertTrue(fx.audit.last().notScanned().stream().anyMatch(n -> n.contains("unreadable document")),
                fx.audit.last().notScanned().toString());
        fx.close();
        fx = new GatewayFixture(c -> c.policy.unscannable.put("anthropic", "block"));
        HttpResponse<String> r = fx.post("/anthropic/v1/messages", locked);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("policy.unscannable"), r.body());
        assertTrue(fx.upstream.received.isEmpty());
    }
}
