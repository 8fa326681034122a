package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A user-supplied pattern with nested quantifiers must not hang the scanner. Work is measured in
 * characters read (deterministic), not time: RE2J's reads stay linear in the text, while the same
 * pattern on a backtracking engine blows through any linear budget.
 */
class CatastrophicPatternTest {

    /** A CharSequence that counts reads and gives up past a budget. */
    static final class CountingText implements CharSequence {
        final String s;
        final long budget;
        long reads;

        CountingText(String s, long budget) {
            this.s = s;
            this.budget = budget;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads > budget) {
                throw new IllegalStateException("budget exceeded");
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingSlice(this, start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    record CountingSlice(CountingText parent, int start, int end) implements CharSequence {
        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return parent.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int s, int e) {
            return new CountingSlice(parent, start + s, start + e);
        }

        @Override
        public String toString() {
            return parent.s.substring(start, end);
        }
    }

    private static final String EVIL = "(.*a){10}$";

    @Test
    void re2jStaysLinearOnANestedQuantifier() {
        String input = "a".repeat(30) + "!";
        CountingText text = new CountingText(input, 200L * input.length());
        int[] matches = {0};
        new Re2jRulePattern(EVIL).find(text, 0, text.length(), 0, (s, e, ms, me) -> matches[0]++);
        assertEquals(0, matches[0]);
        assertTrue(text.reads <= 200L * input.length());
        // and on a long input too
        String longInput = "a".repeat(20000) + "!";
        CountingText big = new CountingText(longInput, 200L * longInput.length());
        new Re2jRulePattern(EVIL).find(big, 0, big.length(), 0, (s, e, ms, me) -> matches[0]++);
        assertEquals(0, matches[0]);
    }

    @Test
    void theSamePatternOnABacktrackingEngineExceedsAnyLinearBudget() {
        String input = "a".repeat(40) + "!";
        CountingText text = new CountingText(input, 200L * input.length());
        assertThrows(IllegalStateException.class,
                () -> new JdkRulePattern(EVIL).find(text, 0, text.length(), 0, (s, e, ms, me) -> { }));
    }

    @Test
    void userRuleFilesCompileWithRe2j() {
        RuleSpec spec = new RuleSpec();
        spec.id = "user-evil";
        spec.type = "SECRET.USER";
        spec.pattern = EVIL;
        CompiledRule rule = RuleCompiler.compile(spec, "user.yaml", RuleCompiler.Engine.RE2J);
        assertTrue(rule.pattern instanceof Re2jRulePattern);
    }
}
