package dev.hush.proxy.forward;

import static dev.hush.adapter.webapp.Html.escape;

import io.vertx.core.http.HttpServerResponse;

/** The 403 page the proxy answers with when it will not connect somewhere, saying why. */
final class RefusalPage {
    private RefusalPage() {
    }

    static void send(HttpServerResponse resp, int status, String title, String why) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Hush: " + escape(title) + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>Hush: " + escape(title) + "</h1>"
                + "<p>" + escape(why) + "</p><p>Ask your administrator if you need this site for your work.</p></body></html>";
        if (resp.ended() || resp.closed()) {
            return;
        }
        resp.setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("X-Hush-Action", "block").end(html);
    }
}
