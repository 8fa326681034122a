package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.Set;

/**
 * Email addresses, found around each '@' (no regex over the text). The local part takes the dot-atom
 * characters people actually use; the domain needs two or more labels and an alphabetic or punycode
 * top-level label, so {@code @Override}, {@code user@localhost}, {@code pkg@1.2.3} and
 * {@code actions/checkout@sha} are not addresses. Also skipped: SCP-style git remotes
 * ({@code git@github.com:org/repo}, a host login, not a mailbox), URL user-info
 * ({@code scheme://user:pass@host}, a credential the secret rules own), and machine identities
 * (cloud service accounts), which name no person.
 */
public final class EmailDetector implements Detector {
    public static final String TYPE = "PII.EMAIL";
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    /** Domains whose addresses are service identities, not people. */
    private static final Set<String> MACHINE_DOMAINS = Set.of("gserviceaccount.com");

    @Override
    public String id() {
        return "pii.email";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int at = Chars.indexOf(text, s, '@', 0);
        int lastEnd = 0;
        while (at >= 0) {
            int end = scan(text, s, at, lastEnd, sink);
            if (end > at) {
                lastEnd = end;
            }
            at = Chars.indexOf(text, s, '@', Math.max(at + 1, end));
        }
    }

    /** Tries the address around the '@' at {@code at}; returns its end, or -1. */
    private int scan(ScanText text, String s, int at, int notBefore, FindingSink sink) {
        int start = at;
        while (start > notBefore && at - start < MAX_LOCAL && isLocalChar(s.charAt(start - 1))) {
            start--;
        }
        if (start > notBefore && isLocalChar(s.charAt(start - 1))) {
            return -1; // local part longer than RFC 5321 allows: a token, not an address
        }
        // no leading dots, no empty or ".."-broken local part
        while (start < at && s.charAt(start) == '.') {
            start++;
        }
        if (start == at || s.charAt(at - 1) == '.') {
            return -1;
        }
        // the local part after the last ".." (searched within the local part only: linear in the text)
        for (int k = at - 2; k >= start; k--) {
            if (s.charAt(k) == '.' && s.charAt(k + 1) == '.') {
                start = k + 2;
                break;
            }
        }
        text.charge(2L * (at - start) + 256);
        if (isUrlUserInfo(s, start)) {
            return -1;
        }
        int end = at + 1;
        int n = s.length();
        while (end < n && end - at <= MAX_DOMAIN && isDomainChar(s.charAt(end))) {
            end++;
        }
        while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
            end--;
        }
        text.charge(2L * (end - at));
        if (!validDomain(s, at + 1, end)) {
            return -1;
        }
        // git@github.com:org/repo.git and similar SCP-style remotes
        if (end + 1 < n && s.charAt(end) == ':' && !Character.isWhitespace(s.charAt(end + 1))) {
            return -1;
        }
        for (String m : MACHINE_DOMAINS) {
            int ms = end - m.length();
            if (ms > at && s.regionMatches(true, ms, m, 0, m.length()) && (ms == at + 1 || s.charAt(ms - 1) == '.')) {
                return end;
            }
        }
        sink.add(start, end, TYPE, id(), 0.95);
        return end;
    }

    /** {@code scheme://user:pass@host}: the part before '@' is a password, not a mailbox. */
    private static boolean isUrlUserInfo(String s, int localStart) {
        if (localStart == 0 || s.charAt(localStart - 1) != ':') {
            return false;
        }
        int from = localStart - 1;
        for (int i = from - 1; i >= 0 && from - i < 256; i--) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>') {
                return false;
            }
            if (c == '/' && i > 0 && s.charAt(i - 1) == '/' && i > 1 && s.charAt(i - 2) == ':') {
                return true;
            }
        }
        return false;
    }

    static boolean isLocalChar(char c) {
        if (c < 0x80) {
            return Chars.isDigit(c) || Chars.isAsciiLetter(c) || c == '.' || c == '_' || c == '%' || c == '+'
                    || c == '-';
        }
        return Character.isLetterOrDigit(c);
    }

    static boolean isDomainChar(char c) {
        if (c < 0x80) {
            return Chars.isDigit(c) || Chars.isAsciiLetter(c) || c == '.' || c == '-';
        }
        return Character.isLetterOrDigit(c);
    }

    /** Two or more labels of 1..63 chars, no edge hyphens, alphabetic (or punycode) top-level label. */
    static boolean validDomain(String s, int from, int to) {
        if (to - from < 4) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && validTld(s, labelStart, to);
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static boolean validTld(String s, int from, int to) {
        if (to - from >= 5 && s.regionMatches(true, from, "xn--", 0, 4)) {
            for (int i = from + 4; i < to; i++) {
                char c = s.charAt(i);
                if (!Chars.isDigit(c) && !Chars.isAsciiLetter(c) && c != '-') {
                    return false;
                }
            }
            return true;
        }
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
