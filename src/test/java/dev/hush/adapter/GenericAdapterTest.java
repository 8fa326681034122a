package dev.hush.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every string of every common body kind is a slot, and writing slots back keeps the format valid. */
class GenericAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static InboundRequest request(String contentType, byte[] body) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        if (contentType != null) {
            h.set("content-type", contentType);
        }
        return new InboundRequest(HttpMethod.POST, "app.example", "/api", h, Buffer.buffer(body), "127.0.0.1");
    }

    static ExtractedRequest extract(String contentType, String body) {
        return GenericAdapter.extractAll(request(contentType, body.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, String> texts(ExtractedRequest er) {
        return er.slots().stream().collect(Collectors.toMap(TextSlot::location, TextSlot::text, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    static String encode(ExtractedRequest er) {
        return new String(er.encoder().encode(), StandardCharsets.UTF_8);
    }

    @Test
    void everyJsonStringIncludingJsonInsideStringsIsASlot() throws Exception {
        String inner = JSON.writeValueAsString(List.of("q", Map.of("prompt", "mail ann@corp.example")));
        String body = JSON.writeValueAsString(Map.of("a", List.of("one", 2, Map.of("b", "two")), "nested", inner));
        ExtractedRequest er = extract("application/json", body);
        Map<String, String> t = texts(er);
        assertEquals("one", t.get("a[0]"));
        assertEquals("two", t.get("a[2].b"));
        assertEquals("q", t.get("nested<json>[0]"));
        assertEquals("mail ann@corp.example", t.get("nested<json>[1].prompt"));
        assertEquals(4, t.size());

        er.slots().stream().filter(s -> s.location().endsWith("prompt")).findFirst().orElseThrow()
                .replace("mail <EMAIL_1>");
        JsonNode out = JSON.readTree(encode(er));
        assertEquals("two", out.at("/a/2/b").asText());
        // the inner document is still a JSON string holding valid JSON, with the new text in place
        JsonNode back = JSON.readTree(out.get("nested").asText());
        assertEquals("mail <EMAIL_1>", back.at("/1/prompt").asText());
        assertEquals("q", back.at("/0").asText());
    }

    @Test
    void nothingWrittenMeansTheOriginalBytes() {
        byte[] body = "{ \"x\" : \"spaced   out\" }".getBytes(StandardCharsets.UTF_8);
        ExtractedRequest er = GenericAdapter.extractAll(request("application/json", body));
        assertEquals(1, er.slots().size());
        assertArrayEquals(body, er.encoder().encode()); // not re-serialised: the spacing survives
    }

    @Test
    void formFieldsAreDecodedAndReEncodedWithJsonInsideDecodedToo() throws Exception {
        // the shape of Gemini's batchexecute: f.req holds JSON whose strings hold JSON again
        String freq = JSON.writeValueAsString(List.of(List.of(java.util.Arrays.asList("XqA3Ic",
                JSON.writeValueAsString(List.of("write to bo.lee@corp.example & co", 1)), null, "generic"))));
        String body = "f.req=" + URLEncoder.encode(freq, StandardCharsets.UTF_8) + "&at=tok%3A1&flag&empty=";
        ExtractedRequest er = extract("application/x-www-form-urlencoded;charset=UTF-8", body);
        Map<String, String> t = texts(er);
        assertEquals("write to bo.lee@corp.example & co", t.get("form:f.req<json>[0][0][1]<json>[0]"), t.toString());
        assertEquals("tok:1", t.get("form:at"));
        assertEquals("XqA3Ic", t.get("form:f.req<json>[0][0][0]"));

        for (TextSlot s : er.slots()) {
            if (s.text().contains("@")) {
                s.replace("write to <EMAIL_1> & co");
            }
        }
        String out = encode(er);
        assertTrue(out.endsWith("&at=tok%3A1&flag&empty="), "untouched fields keep their bytes: " + out);
        String freqOut = URLDecoder.decode(out.substring("f.req=".length(), out.indexOf('&')), StandardCharsets.UTF_8);
        JsonNode outer = JSON.readTree(freqOut);
        JsonNode innermost = JSON.readTree(outer.at("/0/0/1").asText());
        assertEquals("write to <EMAIL_1> & co", innermost.get(0).asText());
        assertEquals(1, innermost.get(1).asInt());
    }

    @Test
    void multipartTextPartsAreSlotsAndBinaryPartsKeepEveryByte() throws Exception {
        byte[] png = new byte[300];
        new Random(7).nextBytes(png);
        png[0] = (byte) 0x89; // not UTF-8
        String b = "----hushTestBoundary7";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nsee cy@corp.example\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pic.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"notes\"; filename=\"notes.csv\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nname,mail\r\ncy,cy@corp.example\r\n"
                + "--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] original = body.toByteArray();
        ExtractedRequest er = GenericAdapter.extractAll(request("multipart/form-data; boundary=" + b, original));
        Map<String, String> t = texts(er);
        assertEquals("see cy@corp.example", t.get("part:prompt"));
        assertEquals("name,mail\r\ncy,cy@corp.example", t.get("part:notes"));
        assertEquals(List.of("part:file: file png (image/png)"), er.notScanned());

        for (TextSlot s : er.slots()) {
            s.replace(s.text().replace("cy@corp.example", "<EMAIL_1>"));
        }
        byte[] out = er.encoder().encode();
        String outText = new String(out, StandardCharsets.ISO_8859_1);
        assertTrue(outText.contains("name=\"prompt\"\r\n\r\nsee <EMAIL_1>\r\n--" + b), outText);
        assertTrue(outText.contains("cy,<EMAIL_1>\r\n--" + b + "--\r\n"));
        int at = outText.indexOf("image/png\r\n\r\n") + "image/png\r\n\r\n".length();
        byte[] pngOut = java.util.Arrays.copyOfRange(out, at, at + png.length);
        assertArrayEquals(png, pngOut);
        assertEquals("\r\n--" + b, outText.substring(at + png.length, at + png.length + b.length() + 4));
    }

    @Test
    void textBodiesAreOneSlotAndBinaryIsRecordedAsNotScanned() {
        ExtractedRequest er = extract("text/plain", "hello dee@corp.example");
        assertEquals(Map.of("body", "hello dee@corp.example"), texts(er));
        er.slots().get(0).replace("hello <EMAIL_1>");
        assertEquals("hello <EMAIL_1>", encode(er));

        ExtractedRequest bin = GenericAdapter.extractAll(request("application/octet-stream", new byte[] {(byte) 0xff, 0, 1}));
        assertTrue(bin.slots().isEmpty());
        assertEquals(List.of("body: application/octet-stream"), bin.notScanned());

        // a body that claims JSON but is not is still read, as text
        ExtractedRequest broken = extract("application/json", "{\"unterminated\": \"eve@corp.example");
        assertEquals(1, broken.slots().size());
        assertEquals("body", broken.slots().get(0).location());
    }

    @Test
    void dataUrlsAreNotScannedAndDepthIsBounded() throws Exception {
        String deep = "\"x\"";
        for (int i = 0; i < BodyTexts.MAX_DEPTH + 3; i++) {
            deep = JSON.writeValueAsString(List.of(JSON.readTree(deep).isTextual() ? JSON.readTree(deep).asText() : deep));
        }
        ExtractedRequest er = extract("application/json",
                JSON.writeValueAsString(Map.of("img", "data:image/png;base64,iVBORw0KGgo=", "deep", deep)));
        assertEquals(List.of("img: data URL (image/png)"), er.notScanned());
        assertEquals(1, er.slots().size());
        // beyond the depth limit the remaining JSON text is scanned as one string rather than decoded further
        int levels = er.slots().get(0).location().split("<json>", -1).length - 1;
        assertEquals(BodyTexts.MAX_DEPTH, levels, er.slots().get(0).location());
    }

    @Test
    void webSocketFramesAreReadAndRestoredAsJson() throws Exception {
        String frame = "{\"event\":\"send\",\"content\":[{\"type\":\"text\",\"text\":\"ask hal@corp.example\"}]}";
        ExtractedRequest er = GenericAdapter.INSTANCE.extractFrame(frame);
        assertEquals("ask hal@corp.example", texts(er).get("content[0].text"));
        er.slots().stream().filter(s -> s.text().contains("@")).findFirst().orElseThrow().replace("ask <EMAIL_1>");
        assertEquals("ask <EMAIL_1>", JSON.readTree(encode(er)).at("/content/0/text").asText());

        dev.hush.redact.ConversationPseudonyms conv = new dev.hush.redact.ConversationPseudonyms();
        conv.placeholder("PII.EMAIL", "hal@corp.example");
        FrameRestorer r = GenericAdapter.INSTANCE.frameRestorer(conv);
        assertEquals("hal@corp.example", JSON.readTree(r.restore("{\"text\":\"<EMAIL_1>\"}")).get("text").asText());
        assertEquals("plain hal@corp.example", r.restore("plain <EMAIL_1>"));
    }

    @Test
    void refusalIsAJsonError() throws Exception {
        Answer a = GenericAdapter.INSTANCE.refusal(new Refusal(400, "hush_blocked", "Hush blocked this request", "form:q",
                "block"), request(null, new byte[0]));
        assertEquals(400, a.status());
        assertEquals("application/json", a.contentType());
        JsonNode n = JSON.readTree(a.body());
        assertEquals("hush_blocked", n.at("/error/code").asText());
        assertEquals("form:q", n.at("/error/param").asText());
    }
}
