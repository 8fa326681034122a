package dev.hush.adapter;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;

/**
 * A request as read from the client, body decoded and complete: what adapters read. The headers are the
 * server's view of them; nobody writes to them.
 *
 * @param method  the HTTP method
 * @param host    the destination host (gateway: the upstream's; intercepted: the SNI host)
 * @param uri     path and query as the client sent them
 * @param headers request headers
 * @param body    the decoded body (empty when none, or not read because the request was refused first)
 * @param remote  the client address, or null
 */
public record InboundRequest(HttpMethod method, String host, String uri, MultiMap headers, Buffer body,
        String remote) {

    public String header(String name) {
        return headers.get(name);
    }

    /** The content type without parameters, lower case ({@code ""} when absent). */
    public String mediaType() {
        return mediaType(headers.get("content-type"));
    }

    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public InboundRequest withBody(Buffer b) {
        return new InboundRequest(method, host, uri, headers, b, remote);
    }
}
