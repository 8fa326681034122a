package dev.hush.detect.pii;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.Set;

/**
 * {@code @handles} as written in chat, social media and code review ({@code @dmorifeu}, {@code @ana.ruiz},
 * {@code @jane-doe}): a handle identifies a person, so it is personal data of its own type,
 * {@code PII.USERNAME}. Off by default ({@code detection.usernames}), because the same shape is everyday
 * syntax in code: annotations and decorators ({@code @Override}, {@code @app.route(}), npm scopes
 * ({@code @types/node}), CSS at-rules ({@code @media}) and Javadoc tags ({@code @param}) are never reported.
 * The {@code @} is part of the finding; e-mail addresses are left to {@code pii.email}.
 */
public final class UsernameDetector implements Detector {
    public static final String TYPE = "PII.USERNAME";
    private static final int MAX = 39; // GitHub's limit; Twitter/X allows 15, Slack 80 display, 21 names
    /** Code keywords that follow an '@' in the languages people paste (lower-cased). */
    private static final Set<String> CODE = Set.of("override", "deprecated", "suppresswarnings", "functionalinterface",
            "safevarargs", "test", "before", "after", "beforeeach", "aftereach", "beforeall", "afterall", "param",
            "return", "returns", "throws", "exception", "see", "since", "author", "version", "link", "code",
            "inheritdoc", "value", "media", "import", "font-face", "keyframes", "supports", "charset", "layer",
            "apply", "tailwind", "mixin", "include", "extend", "if", "else", "each", "for", "while", "function",
            "property", "staticmethod", "classmethod", "dataclass", "abstractmethod", "cached_property", "pytest",
            "component", "injectable", "input", "output", "autowired", "bean", "service", "repository",
            "controller", "restcontroller", "entity", "table", "column", "id", "getter", "setter", "data",
            "builder", "slf4j", "nonnull", "nullable", "notnull", "valid", "transactional", "configuration",
            "jsonproperty", "echo", "ts-ignore", "ts-expect-error", "type", "typedef", "interface",
            "everyone", "here", "channel", "all");

    @Override
    public String id() {
        return "pii.username";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        String s = text.normalized();
        int n = s.length();
        int at = s.indexOf('@');
        while (at >= 0 && at + 1 < n) {
            int end = at + 1;
            while (end < n && end - at - 1 < MAX + 1 && isHandleChar(s.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
                end--; // "@ana." at a sentence end
            }
            int len = end - at - 1;
            if (len >= 2 && len <= MAX && startsHandle(s, at) && endsHandle(s, end) && Character.isLetter(s.charAt(at + 1))
                    && !CODE.contains(s.substring(at + 1, end).toLowerCase(java.util.Locale.ROOT))) {
                sink.add(at, end, TYPE, id(), 0.8);
            }
            at = s.indexOf('@', Math.max(end, at + 1));
        }
    }

    private static boolean isHandleChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    /** After the start, whitespace or opening punctuation: not the '@' of an e-mail address or a path. */
    private static boolean startsHandle(String s, int at) {
        if (at == 0) {
            return true;
        }
        char c = s.charAt(at - 1);
        return Character.isWhitespace(c) || "([{,;:\"'>".indexOf(c) >= 0;
    }

    /** Not a decorator call, a scoped package, a mail domain or a version pin. */
    private static boolean endsHandle(String s, int end) {
        if (end >= s.length()) {
            return true;
        }
        char c = s.charAt(end);
        if (c == '.' && end + 1 < s.length() && Character.isLetterOrDigit(s.charAt(end + 1))) {
            return false;
        }
        return c != '(' && c != '/' && c != '@' && c != '=';
    }
}
