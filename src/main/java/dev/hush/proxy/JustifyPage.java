package dev.hush.proxy;

import dev.hush.pipeline.JustificationPasses;
import dev.hush.pipeline.RequestPipeline;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /justify} on the admin port (no admin token: the one-time link is the credential): shows what Hush
 * held and asks for a reason; the reason is scanned, stored masked in the audit, and grants the link's user
 * one pass for that exact content for a few minutes.
 */
public final class JustifyPage {
    private static final int MAX_FORM = 8192;
    private final RequestPipeline pipeline;

    public JustifyPage(RequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public void handle(HttpServerRequest req) {
        if (req.method() == HttpMethod.GET) {
            String token = req.getParam("t");
            JustificationPasses.Held h = pipeline.passes().held(token);
            if (h == null) {
                page(req, 404, "Link expired", "<p>This link is unknown or has expired. Send your message again to get a new one.</p>");
                return;
            }
            page(req, 200, "Give a reason", "<p>" + esc(h.message()) + "</p><p>App: <code>" + esc(h.app())
                    + "</code> &middot; host: <code>" + esc(h.host() == null ? "" : h.host()) + "</code></p>"
                    + "<form method=\"post\" action=\"/justify\"><input type=\"hidden\" name=\"t\" value=\"" + esc(token)
                    + "\"><p><label for=\"reason\">Why is sending this justified?</label></p>"
                    + "<p><textarea id=\"reason\" name=\"reason\" rows=\"4\" cols=\"60\" maxlength=\"500\" required></textarea></p>"
                    + "<p><button type=\"submit\">Send once</button></p></form>"
                    + "<p>Your reason is recorded. The pass is for this message only and expires in a few minutes.</p>");
            return;
        }
        if (req.method() != HttpMethod.POST) {
            req.response().setStatusCode(405).putHeader("allow", "GET, POST").end();
            return;
        }
        req.bodyHandler(b -> {
            if (b.length() > MAX_FORM) {
                page(req, 413, "Too long", "<p>A reason is at most 500 characters.</p>");
                return;
            }
            String token = null;
            String reason = null;
            try {
                for (String kv : b.toString(StandardCharsets.UTF_8).split("&")) {
                    int eq = kv.indexOf('=');
                    String k = eq < 0 ? kv : kv.substring(0, eq);
                    String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                    if (k.equals("t")) {
                        token = v;
                    } else if (k.equals("reason")) {
                        reason = v.trim();
                    }
                }
            } catch (IllegalArgumentException e) {
                token = null;
            }
            if (token == null || reason == null || reason.isEmpty()) {
                page(req, 400, "A reason is needed", "<p>Go back and type why sending this is justified.</p>");
                return;
            }
            pipeline.justify(token, reason).onComplete(ar -> {
                if (ar.succeeded()) {
                    page(req, 200, "Thank you", "<p>Your reason was recorded. Go back to the app and send the same"
                            + " message again within a few minutes: it will go through once.</p>");
                } else {
                    page(req, 404, "Link expired", "<p>This link is unknown, used or expired, or Hush could not record"
                            + " your reason. Send your message again to get a new one.</p>");
                }
            });
        });
    }

    private static void page(HttpServerRequest req, int status, String title, String body) {
        req.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store").putHeader("referrer-policy", "no-referrer")
                .end("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hush: " + esc(title)
                        + "</title><style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem}"
                        + "</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
