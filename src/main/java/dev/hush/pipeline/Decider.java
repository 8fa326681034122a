package dev.hush.pipeline;

import dev.hush.adapter.Refusal;
import dev.hush.adapter.TextSlot;
import dev.hush.audit.AuditFinding;
import dev.hush.audit.KeyedHash;
import dev.hush.detect.Finding;
import dev.hush.detect.MaskedPreview;
import dev.hush.policy.Decision;
import dev.hush.policy.PolicyAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decide stage: turns an inspection and the caller's justification into an {@link Outcome}. A refusal names
 * what was found, where and by which rule, with a masked preview: never the value.
 */
final class Decider {
    private final KeyedHash keyHash;
    private final boolean forwardOnScanFailure;

    Decider(KeyedHash keyHash, boolean forwardOnScanFailure) {
        this.keyHash = keyHash;
        this.forwardOnScanFailure = forwardOnScanFailure;
    }

    Outcome decide(Inspection in, String justification) {
        return decide(in, justification, PolicyAction.ALLOW, null);
    }

    /**
     * @param unscannable the {@code policy.unscannable} action for this destination, applied when the
     *                    request has parts Hush could not read (after any finding that refuses it)
     * @param app         the destination's name, for the message
     */
    Outcome decide(Inspection in, String justification, PolicyAction unscannable, String app) {
        List<AuditFinding> findings = auditFindings(in);
        if (in.failure() != null) {
            if (!forwardOnScanFailure) {
                return new Outcome("block", in.failure(), null, new Refusal(400, "hush_scan_failed",
                        "Hush could not inspect this request (" + in.failure()
                                + ") and blocked it; retry, or ask your administrator", null, "block"),
                        false, findings);
            }
            return new Outcome("allow", in.failure(), null, null, false, findings);
        }
        PolicyAction verdict = in.verdict().action();
        if (verdict == PolicyAction.BLOCK) {
            return refuse(in, PolicyAction.BLOCK, findings);
        }
        if (verdict == PolicyAction.WARN && (justification == null || justification.isBlank())) {
            return refuse(in, PolicyAction.WARN, findings);
        }
        List<String> unread = in.request().notScanned();
        boolean justified = justification != null && !justification.isBlank();
        if (!unread.isEmpty() && (unscannable == PolicyAction.BLOCK || unscannable == PolicyAction.WARN && !justified)) {
            String part = unread.get(0);
            String where = part.contains(": ") ? part.substring(0, part.indexOf(": ")) : part;
            String more = unread.size() > 1 ? " (and " + (unread.size() - 1) + " more)" : "";
            boolean block = unscannable == PolicyAction.BLOCK;
            String msg = (block ? "Hush blocked this request: " : "Hush held this request: ") + "Hush cannot read "
                    + part + more + ", and policy.unscannable for " + (app == null ? "this destination" : app) + " is "
                    + unscannable.label() + (block ? ". Send it as text, or ask your administrator."
                    : ". If sending it is justified, retry with the header 'X-Hush-Justification: <your reason>'.");
            Refusal r = new Refusal(400, block ? "hush_unscannable" : "hush_warning", msg, where, unscannable.label());
            return new Outcome(r.action(), "policy.unscannable", null, r, false, findings);
        }
        boolean rewrite = anyAction(in, PolicyAction.REDACT) || anyAction(in, PolicyAction.PSEUDONYMIZE);
        boolean unreadWarned = !unread.isEmpty() && unscannable == PolicyAction.WARN;
        String action = verdict == PolicyAction.WARN || unreadWarned ? "warn"
                : rewrite ? (anyAction(in, PolicyAction.PSEUDONYMIZE) ? "pseudonymize" : "redact")
                : verdict.label();
        // only an overridden warning records a justification
        String reason = unreadWarned && reasonRules(in) == null ? "policy.unscannable" : reasonRules(in);
        return new Outcome(action, reason, "warn".equals(action) ? justification : null, null, rewrite,
                findings);
    }

    private Outcome refuse(Inspection in, PolicyAction why, List<AuditFinding> findings) {
        Decision d = in.verdict().first(why);
        TextSlot slot = null;
        for (TextSlot s : in.request().slots()) { // body order: the first place it occurs, the same every time
            List<Decision> ds = in.bySlot().get(s);
            if (ds != null && ds.contains(d)) {
                slot = s;
                break;
            }
        }
        Finding f = d.finding();
        String preview = slot == null ? "" : MaskedPreview.of(slot.text().substring(f.start(), f.end()));
        String where = slot == null ? "" : slot.location();
        int count = 0;
        for (Decision x : in.verdict().decisions()) {
            if (x.action() == why) {
                count++;
            }
        }
        String more = count > 1 ? " (and " + (count - 1) + " more)" : "";
        Refusal r;
        if (why == PolicyAction.BLOCK) {
            r = new Refusal(400, "hush_blocked", "Hush blocked this request: " + f.type() + " found in " + where
                    + " [" + preview + "] by detector rule '" + f.rule() + "'; policy rule '" + d.ruleId() + "'"
                    + more + ". Remove it and send again.", where, "block");
        } else {
            r = new Refusal(400, "hush_warning", "Hush held this request: " + f.type() + " found in " + where
                    + " [" + preview + "] (policy rule '" + d.ruleId() + "')" + more
                    + ". If sending it is justified, retry with the header 'X-Hush-Justification: <your reason>'.",
                    where, "warn");
        }
        return new Outcome(r.action(), d.ruleId(), null, r, false, findings);
    }

    private List<AuditFinding> auditFindings(Inspection in) {
        List<AuditFinding> l = new ArrayList<>();
        for (TextSlot slot : in.request().slots()) {
            List<Decision> ds = in.bySlot().get(slot);
            if (ds == null) {
                continue;
            }
            for (Decision d : ds) {
                Finding f = d.finding();
                String value = slot.text().substring(f.start(), f.end());
                l.add(new AuditFinding(f.type(), f.rule(), slot.location(), f.start(), f.end(), keyHash.of(value),
                        MaskedPreview.of(value), d.action().label()));
            }
        }
        return l;
    }

    private static boolean anyAction(Inspection in, PolicyAction a) {
        for (Decision d : in.verdict().decisions()) {
            if (d.action() == a) {
                return true;
            }
        }
        return false;
    }

    private static String reasonRules(Inspection in) {
        Set<String> ids = new LinkedHashSet<>();
        for (Decision d : in.verdict().decisions()) {
            if (d.action() != PolicyAction.ALLOW) {
                ids.add(d.ruleId());
            }
        }
        return ids.isEmpty() ? null : String.join(",", ids);
    }
}
