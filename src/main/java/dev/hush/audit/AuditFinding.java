package dev.hush.audit;

/**
 * One finding as the audit log keeps it: never the value, only a keyed hash (to correlate repeats
 * without revealing them) and a masked preview.
 *
 * @param type     finding type, e.g. {@code SECRET.AWS_ACCESS_KEY_ID}
 * @param rule     rule or detector id
 * @param location where in the request, e.g. {@code messages[2].content}
 * @param start    UTF-16 offset in that text
 * @param end      end offset (exclusive)
 * @param hash     {@link KeyedHash} of the value
 * @param preview  {@link dev.hush.detect.MaskedPreview} of the value
 * @param action   what policy did with it: block, redact, pseudonymize, warn, allow
 * @param policyRule the policy rule that decided it (allow included), or null when no policy applied
 */
public record AuditFinding(String type, String rule, String location, int start, int end, String hash,
        String preview, String action, String policyRule) {

    public AuditFinding(String type, String rule, String location, int start, int end, String hash, String preview,
            String action) {
        this(type, rule, location, start, end, hash, preview, action, null);
    }
}
