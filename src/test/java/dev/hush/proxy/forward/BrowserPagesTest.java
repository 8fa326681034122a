package dev.hush.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port's /ca.crt, /ca and /proxy.pac, without any token. */
class BrowserPagesTest {
    @TempDir
    static Path dir;
    static BrowserModeFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new BrowserModeFixture(dir, "proxy:\n  bypass: [api.anthropic.com]\n  deny: [chat.unsanctioned-ai.example]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.run.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void caCertificateAndInstallPage() throws Exception {
        HttpResponse<String> crt = get("/ca.crt");
        assertEquals(200, crt.statusCode());
        assertEquals(Files.readString(fx.caPem), crt.body());
        HttpResponse<String> page = get("/ca");
        assertEquals(200, page.statusCode());
        for (String os : new String[] {"Windows", "macOS", "Linux", "Firefox", "MDM", "/ca.crt"}) {
            assertTrue(page.body().contains(os), os);
        }
    }

    @Test
    void pacSendsInterceptedAndDeniedHostsThroughHushAndTheRestDirect() throws Exception {
        HttpResponse<String> pac = get("/proxy.pac");
        assertEquals(200, pac.statusCode());
        assertEquals("application/x-ns-proxy-autoconfig", pac.headers().firstValue("content-type").orElse(""));
        String js = pac.body();
        String via = "PROXY 127.0.0.1:" + fx.port();
        assertTrue(js.contains("shExpMatch(host, \"chatgpt.com\")) return \"" + via + "\""), js);
        assertTrue(js.contains("shExpMatch(host, \"*.oaiusercontent.com\")) return \"" + via + "\""), js);
        assertTrue(js.contains("shExpMatch(host, \"chat.unsanctioned-ai.example\")) return \"" + via + "\""), js);
        assertTrue(js.indexOf("\"api.anthropic.com\")) return \"DIRECT\"") < js.indexOf("\"api.anthropic.com\")) return \"PROXY"),
                "bypass comes first: " + js);
        assertTrue(js.strip().endsWith("return \"DIRECT\";\n}".strip()), js);
    }

    @Test
    void pacNamesTheConfiguredAddress() {
        assertEquals("proxy.corp.example:3128", new BrowserPages(null, settings("proxy.corp.example:3128"), () -> 8080)
                .proxyAddress("hush.corp.example"));
        assertEquals("hush.corp.example:8080", new BrowserPages(null, settings(""), () -> 8080).proxyAddress("hush.corp.example"));
    }

    static dev.hush.config.ProxySettings settings(String pac) {
        dev.hush.config.ProxySettings s = new dev.hush.config.ProxySettings();
        s.pacAddress = pac;
        return s;
    }
}
