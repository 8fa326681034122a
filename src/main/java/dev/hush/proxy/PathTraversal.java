package dev.hush.proxy;

import java.util.Locale;

/**
 * Request targets that could leave the upstream's base path once the provider (or a proxy before it)
 * normalises them: {@code .} or {@code ..} segments, written plainly or percent-encoded, and encoded
 * slashes or backslashes that turn into separators later. Refused before any routing.
 */
final class PathTraversal {
    private PathTraversal() {
    }

    static boolean in(String uri) {
        int q = uri.indexOf('?');
        String path = (q < 0 ? uri : uri.substring(0, q)).toLowerCase(Locale.ROOT);
        if (path.contains("%2f") || path.contains("%5c") || path.indexOf('\\') >= 0 || path.contains("%25")) {
            return true;
        }
        String decoded = path.replace("%2e", ".");
        for (String seg : decoded.split("/", -1)) {
            if (seg.equals(".") || seg.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
