package dev.hush.adapter;

/**
 * Why Hush answers a request itself. The adapter turns it into an {@link Answer} its client understands.
 *
 * @param status  HTTP status for API clients (400 block/warn, 413, 415, 502, 503, 504, ...)
 * @param code    machine-readable code, e.g. {@code hush_blocked}
 * @param message what the user reads: what was found, where, and which rule; never a value
 * @param param   the request location at fault, or null
 * @param action  the audited action: block, warn or error
 * @param link    where a browser user can give a reason to send a held request once, or null
 */
public record Refusal(int status, String code, String message, String param, String action, String link) {

    public Refusal(int status, String code, String message, String param, String action) {
        this(status, code, message, param, action, null);
    }

    /** The same refusal with a justification link, named in the message too (apps show only the message). */
    public Refusal withLink(String url) {
        return new Refusal(status, code, message + " Or give your reason at " + url + " and send it again.", param,
                action, url);
    }

    public static Refusal error(int status, String code, String message) {
        return new Refusal(status, code, message, null, "error");
    }

    public boolean blocked() {
        return "block".equals(action) || "warn".equals(action);
    }
}
