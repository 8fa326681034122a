package dev.hush.adapter.webapp;

import dev.hush.adapter.Answer;
import dev.hush.adapter.Refusal;
import java.nio.charset.StandardCharsets;

/** The HTML page a browser shows when Hush refuses a page navigation to an intercepted app. */
final class BlockPage {
    private BlockPage() {
    }

    static Answer of(String app, String host, Refusal r) {
        String title = r.blocked() ? "Blocked by Hush" : "Hush could not deliver this page";
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:4rem auto;"
                + "padding:0 1rem;color:#222}h1{font-size:1.4rem}code{background:#f3f3f3;padding:0 .2rem}</style>"
                + "</head><body><h1>" + title + "</h1><p>" + Html.escape(r.message()) + "</p>"
                + "<p>App: <code>" + Html.escape(app) + "</code> &middot; host: <code>" + Html.escape(host == null ? "" : host)
                + "</code> &middot; code: <code>" + Html.escape(r.code()) + "</code></p>"
                + (r.link() == null ? "" : "<p><a href=\"" + Html.escape(r.link()) + "\">Give your reason to send it once</a></p>")
                + "<p>This decision was recorded. Ask your administrator if you think it is wrong.</p></body></html>";
        int status = r.blocked() ? 403 : r.status();
        return new Answer(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
