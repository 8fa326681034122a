package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.Set;

/**
 * IPv4 and IPv6 addresses, with a CIDR prefix when one follows ({@code 10.0.0.0/8}) and an IPv6 zone
 * ({@code fe80::1%eth0}); an IPv4-mapped or embedded IPv6 address is one finding. Private, loopback and
 * link-local addresses are reported too: they map a company's network and the corpus labels them.
 *
 * <p>Not addresses: version strings ("version 1.2.3.4", "v1.2.3.4", "Chrome/120.0.0.0", "build 10.0.0.1"),
 * section numbers, SNMP/ASN.1 object ids (five or more arcs starting 0-2), dotted tokens glued to letters,
 * times and ratios ({@code 12:34:56}, {@code 1:2:3:4}), MAC addresses, C++/Rust paths ({@code std::cout})
 * and Python slices ({@code a[1::2]}). The bare unspecified address {@code ::} is not reported: alone it is
 * far more often punctuation than an address.
 */
public final class IpAddressDetector implements Detector {
    public static final String TYPE = "PII.IP_ADDRESS";
    /** Words after which a dotted quad is a version or a section number. */
    private static final Set<String> VERSION_WORDS = Set.of("version", "ver", "v", "build", "release", "rel",
            "firmware", "fw", "revision", "rev", "kernel", "sdk", "update", "patch", "tag", "windows", "chrome",
            "firefox", "safari", "edge", "android", "ios", "macos", "driver", "bios", "section", "chapter",
            "figure", "fig", "table", "step", "clause", "paragraph", "item", "rule", "oid", "appendix", "art",
            "article");

    @Override
    public String id() {
        return "pii.ip_address";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int[] v6 = detectV6(text, s, sink);
        detectV4(text, s, v6, sink);
    }

    // ---------------------------------------------------------------- IPv4

    private void detectV4(ScanText text, String s, int[] v6, FindingSink sink) {
        int n = s.length();
        int i = 0;
        int[] parts = new int[8];
        int[] partEnd = new int[8];
        int v6Cursor = 1;
        while (i < n) {
            int dot = Chars.indexOf(text, s, '.', i);
            if (dot < 0) {
                return;
            }
            // walk back to the start of the digit run before the dot
            int start = dot;
            while (start > i && Chars.isDigit(s.charAt(start - 1))) {
                start--;
            }
            if (start == dot) {
                i = dot + 1;
                continue;
            }
            text.charge(dot - start + 64);
            // the dotted token must start here: not glued to a word or a longer dotted token
            if (Chars.wordAt(s, start - 1) || (start >= 2 && s.charAt(start - 1) == '.' && Chars.isDigit(s.charAt(start - 2)))) {
                i = skipDotted(s, dot);
                continue;
            }
            int count = 0;
            int p = start;
            boolean bad = false;
            while (true) {
                int ps = p;
                int v = 0;
                while (p < n && Chars.isDigit(s.charAt(p)) && p - ps < 4) {
                    v = v * 10 + (s.charAt(p) - '0');
                    p++;
                }
                if (p == ps || p - ps > 3 || Chars.digitAt(s, p)) {
                    bad = true;
                    break;
                }
                if (count < parts.length) {
                    parts[count] = v;
                    partEnd[count] = p;
                }
                count++;
                if (p + 1 < n && s.charAt(p) == '.' && Chars.isDigit(s.charAt(p + 1))) {
                    p++;
                    continue;
                }
                break;
            }
            if (bad) {
                i = skipDotted(s, p);
                continue;
            }
            i = p;
            if (count < 4 || Chars.wordAt(s, p)) {
                continue;
            }
            if (count > 4 && parts[0] <= 2) {
                continue; // an object id such as 1.3.6.1.4.1
            }
            if (parts[0] > 255 || parts[1] > 255 || parts[2] > 255 || parts[3] > 255) {
                continue;
            }
            int end = partEnd[3];
            // IPv6 spans are sorted and candidates come in order: one cursor walks them once
            while (v6Cursor < v6[0] && v6[v6Cursor + 1] <= start) {
                v6Cursor += 2;
            }
            if (v6Cursor < v6[0] && v6[v6Cursor] <= start) {
                continue;
            }
            if (isVersionContext(text, s, start)) {
                continue;
            }
            if (count == 4) {
                end = withPrefix(s, end, 32);
            }
            sink.add(start, end, TYPE, id(), 0.9);
        }
    }

    private static int skipDotted(String s, int p) {
        int n = s.length();
        while (p < n && (Chars.isWordChar(s.charAt(p)) || s.charAt(p) == '.')) {
            p++;
        }
        return p;
    }

    /** "version 1.2.3.4", "Chrome/120.0.0.0", "build: 10.0.0.1", "appVersion=1.2.3.4". */
    private static boolean isVersionContext(ScanText text, String s, int start) {
        char prev = Chars.at(s, start - 1);
        if (prev == '/' && Chars.wordAt(s, start - 2)) {
            // a product token ("Chrome/120.0.0.0") unless it is a path ("/hosts/10.0.0.1", "http://10.0.0.1")
            int k = start - 2;
            while (k >= 0 && start - k < 256
                    && (Chars.isWordChar(s.charAt(k)) || s.charAt(k) == '-' || s.charAt(k) == '.')) {
                k--;
            }
            if (k < 0 || (s.charAt(k) != '/' && s.charAt(k) != ':')) {
                return true;
            }
        }
        String word = ContextWords.previousWord(s, start);
        return VERSION_WORDS.contains(word) || word.endsWith("version") || word.endsWith("_ver");
    }

    /** Extends {@code end} over a valid "/len" prefix; an invalid one ("/123" on IPv4) is left out. */
    private static int withPrefix(String s, int end, int max) {
        int n = s.length();
        if (end + 1 < n && s.charAt(end) == '/' && Chars.isDigit(s.charAt(end + 1))) {
            int p = end + 1;
            int v = 0;
            while (p < n && Chars.isDigit(s.charAt(p)) && p - end <= 4) {
                v = v * 10 + (s.charAt(p) - '0');
                p++;
            }
            if (!Chars.wordAt(s, p) && p - end - 1 <= 3 && v <= max) {
                return p;
            }
        }
        return end;
    }

    // ---------------------------------------------------------------- IPv6

    /**
     * Reports IPv6 addresses; returns their spans ({@code [used, s0, e0, s1, e1, ...]}) so an IPv4 inside
     * one is not reported again.
     */
    private int[] detectV6(ScanText text, String s, FindingSink sink) {
        int n = s.length();
        int[] spans = {1, 0, 0};
        int colon = Chars.indexOf(text, s, ':', 0);
        while (colon >= 0) {
            int a = colon;
            while (a > 0 && isV6Char(s.charAt(a - 1)) && colon - a < 64) {
                a--;
            }
            int b = colon + 1;
            while (b < n && isV6Char(s.charAt(b)) && b - a < 64) {
                b++;
            }
            int next = b;
            text.charge(2L * (b - a) + 32);
            // "ip:2001:db8::1": a lone leading colon belongs to the text, not the address
            if (s.charAt(a) == ':' && Chars.at(s, a + 1) != ':') {
                a++;
            }
            int end = b;
            while (end > a && s.charAt(end - 1) == '.') {
                end--;
            }
            if (end > a && s.charAt(end - 1) == ':' && Chars.at(s, end - 2) != ':') {
                end--;
            }
            if (end - a >= 3 && !Chars.wordAt(s, a - 1) && !isSliceOrIndex(s, a) && isIpv6(s, a, end)) {
                int fin = end;
                // zone id: fe80::1%eth0
                if (fin + 1 < n && s.charAt(fin) == '%' && Chars.wordAt(s, fin + 1)) {
                    fin++;
                    while (fin < n && (Chars.isWordChar(s.charAt(fin)) || s.charAt(fin) == '.') && fin < end + 32) {
                        fin++;
                    }
                    while (s.charAt(fin - 1) == '.') {
                        fin--;
                    }
                }
                if (!Chars.wordAt(s, fin)) {
                    fin = withPrefix(s, fin, 128);
                    sink.add(a, fin, TYPE, id(), 0.9);
                    if (spans[0] + 2 > spans.length) {
                        spans = java.util.Arrays.copyOf(spans, spans.length * 2 + 1);
                    }
                    spans[spans[0]] = a;
                    spans[spans[0] + 1] = fin;
                    spans[0] += 2;
                    next = Math.max(next, fin);
                }
            }
            colon = Chars.indexOf(text, s, ':', Math.max(next, colon + 1));
        }
        return spans;
    }

    private static boolean isV6Char(char c) {
        return Chars.isHex(c) || c == ':' || c == '.';
    }

    /** {@code x[1::2]}, {@code a[::3]}: a subscript right after an identifier or a closing bracket. */
    private static boolean isSliceOrIndex(String s, int a) {
        if (a < 2 || s.charAt(a - 1) != '[') {
            return false;
        }
        char p = s.charAt(a - 2);
        return Chars.isWordChar(p) || p == ']' || p == ')';
    }

    /**
     * RFC 4291 text forms: eight groups of 1-4 hex digits, "::" once for a run of zero groups, an optional
     * trailing dotted IPv4 standing for two groups. Also requires a digit somewhere, so hex words joined by
     * "::" ({@code dead::beef}) are not taken, and rejects MAC-style all-two-digit groups.
     */
    static boolean isIpv6(String s, int from, int to) {
        int groups = 0;
        boolean doubleColon = false;
        boolean digit = false;
        boolean allTwo = true;
        int p = from;
        if (s.startsWith("::", p)) {
            doubleColon = true;
            p += 2;
            if (p == to) {
                return true;
            }
        } else if (s.charAt(p) == ':') {
            return false;
        }
        while (p < to) {
            int gs = p;
            while (p < to && Chars.isHex(s.charAt(p))) {
                digit |= Chars.isDigit(s.charAt(p));
                p++;
            }
            if (p < to && s.charAt(p) == '.') {
                // embedded IPv4 must be the last part
                if (!isDottedQuad(s, gs, to)) {
                    return false;
                }
                groups += 2;
                allTwo = false;
                digit = true;
                p = to;
                break;
            }
            int len = p - gs;
            if (len == 0 || len > 4) {
                return false;
            }
            allTwo &= len == 2;
            groups++;
            if (p == to) {
                break;
            }
            // p at ':'
            if (p + 1 < to && s.charAt(p + 1) == ':') {
                if (doubleColon) {
                    return false;
                }
                doubleColon = true;
                p += 2;
                if (p == to) {
                    break;
                }
                if (s.charAt(p) == ':') {
                    return false;
                }
            } else {
                p++;
                if (p == to) {
                    return false;
                }
            }
        }
        if (!digit || (allTwo && !doubleColon)) {
            return false;
        }
        return doubleColon ? groups <= 7 : groups == 8;
    }

    private static boolean isDottedQuad(String s, int from, int to) {
        int parts = 0;
        int p = from;
        while (p <= to) {
            int ps = p;
            int v = 0;
            while (p < to && Chars.isDigit(s.charAt(p))) {
                v = v * 10 + (s.charAt(p) - '0');
                p++;
            }
            if (p == ps || p - ps > 3 || v > 255) {
                return false;
            }
            parts++;
            if (p == to) {
                break;
            }
            if (s.charAt(p) != '.') {
                return false;
            }
            p++;
        }
        return parts == 4;
    }
}
