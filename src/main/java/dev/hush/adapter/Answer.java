package dev.hush.adapter;

import java.nio.charset.StandardCharsets;

/**
 * A complete answer Hush gives instead of the destination's: a provider's JSON error, or a web app's
 * in-app message in its own stream format.
 */
public record Answer(int status, String contentType, byte[] body) {

    public static Answer json(int status, String json) {
        return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
