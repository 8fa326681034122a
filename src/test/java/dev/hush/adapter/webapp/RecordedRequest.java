package dev.hush.adapter.webapp;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request as an app sends it, kept under {@code src/test/resources/webapp/} in HTTP message form (request
 * line, headers, blank line, body). {@code {{TEXT}}} marks what the user typed; the header
 * {@code X-Fixture-Escape} lists the layers it sits in, innermost first ({@code json}: inside a JSON string;
 * {@code form}: a form field), so a test can put any text there. Values in the fixtures are made up.
 */
record RecordedRequest(String method, String uri, String host, Map<String, String> headers, String body) {

    static RecordedRequest load(String name, String text) {
        String raw;
        try (InputStream in = RecordedRequest.class.getResourceAsStream("/webapp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int split = raw.indexOf("\n\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 2);
        if (body.endsWith("\n") && !body.endsWith("\r\n")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] lines = head.split("\n");
        String[] rl = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String host = null;
        String escape = "";
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            String k = lines[i].substring(0, c).trim();
            String v = lines[i].substring(c + 1).trim();
            if (k.equalsIgnoreCase("host")) {
                host = v;
            } else if (k.equalsIgnoreCase("x-fixture-escape")) {
                escape = v;
            } else {
                headers.put(k, v);
            }
        }
        String t = text;
        for (String layer : escape.isEmpty() ? new String[0] : escape.split(",")) {
            t = switch (layer.trim()) {
                case "json" -> new String(JsonStringEncoder.getInstance().quoteAsString(t));
                case "form" -> URLEncoder.encode(t, StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("unknown layer " + layer);
            };
        }
        return new RecordedRequest(rl[0], rl[1], host, headers, body.replace("{{TEXT}}", t));
    }
}
