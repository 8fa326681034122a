package dev.hush.adapter.webapp;

/** HTML escaping for the pages Hush writes itself (the web-app block page, the proxy's refusal page). */
public final class Html {
    private Html() {
    }

    /** The text safe inside an element body or a quoted attribute. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
