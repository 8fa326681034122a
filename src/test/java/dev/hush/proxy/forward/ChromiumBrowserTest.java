package dev.hush.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.proxy.tls.CertificateAuthority;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser through Hush: headless Chromium with {@code --proxy-server} trusts Hush's CA by its SPKI
 * hash, loads a stub chat page served as {@code https://chatgpt.com}, which submits a prompt holding a
 * secret to {@code /backend-api/conversation} and shows the answer. The page must show Hush's block message
 * and the secret must never reach the stub. Skipped when Chromium is not installed ({@code .ci/run} installs it).
 */
@Tag("browser")
class ChromiumBrowserTest {

    static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    static String secret() {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            b.append(abc.charAt(r.nextInt(abc.length())));
        }
        return b.toString();
    }

    /** The stub chat page: sends the prompt when it loads (synchronously, so the DOM is final at load) and shows the answer. */
    static String page(String prompt) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>stub chat</title></head><body>"
                + "<div id=\"answer\">waiting</div><script>"
                + "var x = new XMLHttpRequest();"
                + "x.open('POST', '/backend-api/conversation', false);"
                + "x.setRequestHeader('content-type', 'application/json');"
                + "x.send(JSON.stringify({action: 'next', messages: [{author: {role: 'user'}, content: {content_type: 'text', parts: ['"
                + prompt + "']}}]}));"
                // read the answer as ChatGPT's client does: server-sent events whose message is the assistant's
                + "var shown = null, el = document.getElementById('answer');"
                + "x.responseText.split('\\n').forEach(function (l) {"
                + "  if (l.indexOf('data: {') !== 0) return;"
                + "  var d = JSON.parse(l.substring(6));"
                + "  if (d.message && d.message.author.role === 'assistant') shown = d.message.content.parts[0];"
                + "});"
                + "el.setAttribute('data-role', shown === null ? 'none' : 'assistant');"
                + "el.textContent = shown === null ? 'status ' + x.status + ': ' + x.responseText : shown;"
                + "</script></body></html>";
    }

    @Test
    void chromiumSeesHushsBlockMessageInsteadOfTheAnswer(@TempDir Path dir) throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium; .ci/run does it): browser test skipped");
        String s = secret();
        try (BrowserModeFixture fx = new BrowserModeFixture(dir, "")) {
            fx.responder = (req, body) -> {
                if (req.method().name().equals("GET") && req.path().equals("/")) {
                    req.response().putHeader("content-type", "text/html; charset=utf-8").end(page("please deploy with " + s));
                } else if (req.path().equals("/backend-api/conversation")) {
                    req.response().putHeader("content-type", "text/event-stream").end("data: {\"message\":{\"author\":"
                            + "{\"role\":\"assistant\"},\"content\":{\"content_type\":\"text\",\"parts\":[\"the model answered\"]}}}\n\n"
                            + "data: [DONE]\n\n");
                } else {
                    req.response().setStatusCode(404).end();
                }
            };
            String spki = CertificateAuthority.load(dir.resolve("data")).spkiSha256();
            Path shot = Path.of("target", "browser-mode-block.png").toAbsolutePath();
            Files.createDirectories(shot.getParent());
            String dom = run(chromium, dir, fx, spki, "--dump-dom");
            // the block is an assistant message in ChatGPT's own stream format, shown by the app as its answer
            assertTrue(dom.contains("data-role=\"assistant\""), dom);
            assertTrue(dom.contains("Hush blocked this request") && dom.contains("messages[0].content.parts[0]")
                    && dom.contains("policy rule"), dom);
            assertFalse(dom.contains("the model answered"), dom);
            assertTrue(fx.received.stream().noneMatch(r -> r.body().contains(s)), "the secret never reached the stub");
            assertEquals(1, fx.received.stream().filter(r -> r.uri().equals("/")).count(), "the page itself came through Hush");

            Files.deleteIfExists(shot);
            run(chromium, dir, fx, spki, "--screenshot=" + shot, "--window-size=1000,400");
            assertTrue(Files.size(shot) > 0, "screenshot saved under target/");
        }
    }

    static String run(String chromium, Path dir, BrowserModeFixture fx, String spki, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--proxy-server=" + fx.proxy(),
                "--ignore-certificate-errors-spki-list=" + spki, "--virtual-time-budget=10000"));
        cmd.addAll(List.of(extra));
        cmd.add("https://chatgpt.com/");
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        // a bound for a hung browser, not a wait for an event: the output above is read until chromium exits
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String dom = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("chromium.log")));
        }
        return dom;
    }
}
