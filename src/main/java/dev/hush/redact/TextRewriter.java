package dev.hush.redact;

import dev.hush.policy.Decision;
import dev.hush.policy.PolicyAction;
import java.util.List;

/** Applies redact and pseudonymize decisions to one text; other decisions leave their span as it is. */
public final class TextRewriter {
    private TextRewriter() {
    }

    /**
     * @param decisions decisions for findings of this text, sorted by start; value findings never overlap,
     *                  but a region finding (a pasted document) may contain others: whichever rewrite starts
     *                  first covers its span and rewrites inside it are skipped
     */
    public static String rewrite(String text, List<Decision> decisions, ConversationPseudonyms pseudonyms) {
        return rewrite(text, decisions, pseudonyms, null);
    }

    /** A span [start, end) of the original text and what replaced it. */
    @FunctionalInterface
    public interface Edit {
        void replaced(int start, int end, String with);
    }

    /** As {@link #rewrite(String, List, ConversationPseudonyms)}, telling {@code edits} (if not null) each replaced span, in order. */
    public static String rewrite(String text, List<Decision> decisions, ConversationPseudonyms pseudonyms, Edit edits) {
        StringBuilder b = null;
        int pos = 0;
        for (Decision d : decisions) {
            if (!d.action().rewrites()) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16);
            }
            int s = d.finding().start();
            int e = d.finding().end();
            if (s < pos) {
                continue;
            }
            b.append(text, pos, s);
            String with = d.action() == PolicyAction.REDACT ? "[REDACTED:" + d.finding().type() + "]"
                    : pseudonyms.placeholder(d.finding().type(), text.substring(s, e));
            b.append(with);
            if (edits != null) {
                edits.replaced(s, e, with);
            }
            pos = e;
        }
        if (b == null) {
            return text;
        }
        b.append(text, pos, text.length());
        return b.toString();
    }
}
