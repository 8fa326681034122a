package dev.hush.adapter;

import static dev.hush.TestDocuments.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

class UploadsTest {

    static InboundRequest put(String type, byte[] body) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        if (type != null) {
            h.set("content-type", type);
        }
        return new InboundRequest(HttpMethod.PUT, "files.example", "/f", h, Buffer.buffer(body), null);
    }

    @Test
    void aPdfIsReadThroughItsTextWhateverItIsCalled() throws Exception {
        ExtractedRequest er = Uploads.body(put("application/octet-stream", pdf("Quarterly numbers for Ostrava plant", false)), null);
        assertEquals(1, er.slots().size());
        assertTrue(er.slots().get(0).text().contains("Quarterly numbers for Ostrava plant"), er.slots().get(0).text());
        assertEquals(List.of(), er.notScanned());
    }

    @Test
    void anEncryptedPdfIsRecordedAsNotScanned() throws Exception {
        ExtractedRequest er = Uploads.body(put("application/pdf", pdf("hidden", true)), "locked.pdf");
        assertEquals(List.of(), er.slots());
        assertEquals(List.of("file:locked.pdf: unreadable document (encrypted or damaged)"), er.notScanned());
    }

    @Test
    void imagesAndArchivesAreNamedForTheAudit() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("notes/a.bin"));
            z.write(new byte[] {1, 2, 3});
        }
        assertEquals(List.of("file:upload: archive"), Uploads.body(put(null, zip.toByteArray()), null).notScanned());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0};
        assertEquals(List.of("file:pic: image"), Uploads.body(put("application/octet-stream", png), "pic").notScanned());
        assertNull(Uploads.sniff("plain words".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTextFileIsRewrittenInPlaceAndADocumentCannotBe() throws Exception {
        ExtractedRequest txt = Uploads.body(put("text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "t.csv");
        txt.slots().get(0).replace("a,b\n1,<X>\n");
        assertEquals("a,b\n1,<X>\n", new String(txt.encoder().encode(), StandardCharsets.UTF_8));
        ExtractedRequest doc = Uploads.body(put("application/pdf", pdf("some text", false)), "d.pdf");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> doc.slots().get(0).replace("x"),
                "a PDF's text cannot be written back: the rewrite stage refuses rather than forward the original");
    }
}
