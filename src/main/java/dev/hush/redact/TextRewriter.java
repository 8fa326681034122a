package dev.hush.redact;

import dev.hush.policy.Decision;
import dev.hush.policy.PolicyAction;
import java.util.List;

/** Applies redact and pseudonymize decisions to one text; other decisions leave their span as it is. */
public final class TextRewriter {
    private TextRewriter() {
    }

    /** @param decisions decisions for findings of this text, sorted by start and not overlapping */
    public static String rewrite(String text, List<Decision> decisions, ConversationPseudonyms pseudonyms) {
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
            b.append(text, pos, s);
            if (d.action() == PolicyAction.REDACT) {
                b.append("[REDACTED:").append(d.finding().type()).append(']');
            } else {
                b.append(pseudonyms.placeholder(d.finding().type(), text.substring(s, e)));
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
