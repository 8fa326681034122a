package dev.hush.detect.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** java.util.regex engine, used for the built-in rules (each proven by its examples and a step-bound test). */
final class JdkRulePattern implements RulePattern {
    private final Pattern pattern;

    JdkRulePattern(String re2Syntax) {
        // RE2's (?P<name>...) is Java's (?<name>...)
        this.pattern = Pattern.compile(re2Syntax.replace("(?P<", "(?<"));
    }

    @Override
    public void find(CharSequence text, int from, int to, int secretGroup, MatchVisitor visitor) {
        Matcher m = pattern.matcher(text);
        m.region(from, to);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        while (m.find()) {
            int s;
            int e;
            if (secretGroup > 0 && secretGroup <= m.groupCount() && m.start(secretGroup) >= 0) {
                s = m.start(secretGroup);
                e = m.end(secretGroup);
            } else {
                s = m.start();
                e = m.end();
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                        s = m.start(g);
                        e = m.end(g);
                        break;
                    }
                }
                if (secretGroup == 0) {
                    s = m.start();
                    e = m.end();
                }
            }
            visitor.onMatch(s, e, m.start(), m.end());
            if (m.end() == m.start()) {
                if (m.end() >= to) {
                    break;
                }
                m.region(m.end() + 1, to);
            }
        }
    }

    @Override
    public boolean canMatchAt() {
        return true;
    }

    @Override
    public int matchFrom(CharSequence text, int firstStart, int lastStart, int to, int secretGroup,
            MatchVisitor visitor) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        int start = firstStart;
        boolean found = false;
        for (; start <= lastStart && start < to; start++) {
            m.region(start, to);
            if (m.lookingAt()) {
                found = true;
                break;
            }
        }
        if (!found) {
            return -1;
        }
        int s = m.start();
        int e = m.end();
        if (secretGroup > 0 && secretGroup <= m.groupCount() && m.start(secretGroup) >= 0) {
            s = m.start(secretGroup);
            e = m.end(secretGroup);
        } else if (secretGroup != 0) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                    s = m.start(g);
                    e = m.end(g);
                    break;
                }
            }
        }
        visitor.onMatch(s, e, m.start(), m.end());
        return Math.max(m.end(), start + 1);
    }

    @Override
    public int groupCount() {
        return pattern.matcher("").groupCount();
    }
}
