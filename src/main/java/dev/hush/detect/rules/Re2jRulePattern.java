package dev.hush.detect.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/** RE2J engine: guaranteed linear time, so an imported or user pattern cannot hang the scanner. */
final class Re2jRulePattern implements RulePattern {
    private final Pattern pattern;

    Re2jRulePattern(String re2Syntax) {
        this.pattern = Pattern.compile(re2Syntax);
    }

    @Override
    public void find(CharSequence text, int from, int to, int secretGroup, MatchVisitor visitor) {
        CharSequence region = (from == 0 && to == text.length()) ? text : text.subSequence(from, to);
        Matcher m = pattern.matcher(region);
        int groups = m.groupCount();
        while (m.find()) {
            int s;
            int e;
            if (secretGroup > 0 && secretGroup <= groups && m.start(secretGroup) >= 0) {
                s = m.start(secretGroup);
                e = m.end(secretGroup);
            } else if (secretGroup == 0) {
                s = m.start();
                e = m.end();
            } else {
                s = m.start();
                e = m.end();
                for (int g = 1; g <= groups; g++) {
                    if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                        s = m.start(g);
                        e = m.end(g);
                        break;
                    }
                }
            }
            visitor.onMatch(from + s, from + e, from + m.start(), from + m.end());
        }
    }

    @Override
    public boolean matchesAnywhere(CharSequence text) {
        return pattern.matcher(text).find();
    }

    @Override
    public String regex() {
        return pattern.pattern();
    }

    @Override
    public int groupCount() {
        return pattern.groupCount();
    }
}
