package dev.hush.adapter;

/**
 * Why Hush answers a request itself. The adapter turns it into an {@link Answer} its client understands.
 *
 * @param status  HTTP status for API clients (400 block/warn, 413, 415, 502, 503, 504, ...)
 * @param code    machine-readable code, e.g. {@code hush_blocked}
 * @param message what the user reads: what was found, where, and which rule; never a value
 * @param param   the request location at fault, or null
 * @param action  the audited action: block, warn or error
 */
public record Refusal(int status, String code, String message, String param, String action) {

    public static Refusal error(int status, String code, String message) {
        return new Refusal(status, code, message, null, "error");
    }

    public boolean blocked() {
        return "block".equals(action) || "warn".equals(action);
    }
}
