package dev.hush.detect;

/** Finding-type families and the precedence used when findings overlap. */
public final class FindingTypes {
    public static final String SECRET = "SECRET";
    public static final String PII = "PII";
    public static final String CONFIDENTIAL = "CONFIDENTIAL";
    public static final String CUSTOM = "CUSTOM";
    public static final String EDM = "EDM";

    private FindingTypes() {
    }

    /**
     * Scoring family of a type: {@code SECRET}, {@code CONFIDENTIAL}, {@code CUSTOM}, {@code EDM}, or for PII
     * the full two-part type ({@code PII.EMAIL}) because each PII kind is scored on its own.
     */
    public static String family(String type) {
        int dot = type.indexOf('.');
        if (dot < 0) {
            return type;
        }
        String head = type.substring(0, dot);
        if (head.equals(PII)) {
            int second = type.indexOf('.', dot + 1);
            return second < 0 ? type : type.substring(0, second);
        }
        return head;
    }

    /**
     * Region findings mark a stretch of text (a pasted confidential document) rather than one value. They
     * stand beside the value findings inside them instead of competing with them.
     */
    public static boolean isRegion(String type) {
        return type.equals("CONFIDENTIAL.DOCUMENT");
    }

    /**
     * Lower number wins an overlap. A credential beats the PII inside it (an email in a connection string),
     * company records beat generic PII, and markers and terms never hide a value.
     */
    public static int precedence(String type) {
        if (type.startsWith(SECRET)) {
            return 0;
        }
        if (type.startsWith(EDM)) {
            return 1;
        }
        if (type.startsWith(PII)) {
            return type.equals("PII.PERSON") ? 3 : 2;
        }
        if (type.startsWith(CUSTOM)) {
            return 4;
        }
        if (type.startsWith(CONFIDENTIAL)) {
            return 5;
        }
        return 6;
    }
}
