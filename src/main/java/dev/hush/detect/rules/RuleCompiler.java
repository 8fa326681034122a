package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Turns {@link RuleSpec}s into {@link CompiledRule}s, with errors that name the file, rule and key. */
public final class RuleCompiler {
    /** Which regex engine compiles the patterns. */
    public enum Engine { JDK, RE2J }

    static final int DEFAULT_WINDOW = 256;

    private RuleCompiler() {
    }

    public static CompiledRule compile(RuleSpec spec, String source, Engine engine) {
        return compile(spec, source, engine, true);
    }

    /**
     * With {@code checkRe2} false, a JDK pattern is not compiled a second time by RE2J to prove it portable: for
     * the built-in catalogue, which the build has checked ({@link RuleCatalogue#compileBuiltin}); about 0.15 s of
     * CPU at every start.
     */
    static CompiledRule compile(RuleSpec spec, String source, Engine engine, boolean checkRe2) {
        String where = source + ": rule " + (spec.id == null ? "?" : spec.id);
        if (spec.id == null || !spec.id.matches("[a-z0-9][a-z0-9._:-]*")) {
            throw new RuleException(where + ": id: must be lower-case kebab-case");
        }
        if (spec.type == null || !spec.type.matches("[A-Z][A-Z0-9_]*(\\.[A-Z0-9_]+)+")) {
            throw new RuleException(where + ": type: must look like SECRET.KIND");
        }
        if (spec.pattern == null || spec.pattern.isEmpty()) {
            throw new RuleException(where + ": pattern: missing");
        }
        RulePattern pattern;
        try {
            pattern = engine == Engine.JDK ? new JdkRulePattern(spec.pattern) : new Re2jRulePattern(spec.pattern);
            // every pattern must also be valid RE2, so the catalogue stays portable and linear-time capable
            if (engine == Engine.JDK && checkRe2) {
                com.google.re2j.Pattern.compile(spec.pattern);
            }
        } catch (RuntimeException e) {
            throw new RuleException(where + ": pattern: does not compile: " + firstLine(e.getMessage()));
        }
        int groups = pattern.groupCount();
        int secretGroup = spec.secretGroup != null ? spec.secretGroup : (groups > 0 ? 1 : 0);
        if (secretGroup < 0 || secretGroup > groups) {
            throw new RuleException(where + ": secretGroup: " + secretGroup + " but the pattern has " + groups + " groups");
        }
        List<String> keywords = new ArrayList<>();
        for (String k : spec.keywords) {
            if (k == null || k.isEmpty()) {
                throw new RuleException(where + ": keywords: empty keyword");
            }
            keywords.add(k.toLowerCase(Locale.ROOT));
        }
        List<Predicate<String>> validators = new ArrayList<>();
        for (String v : spec.validators) {
            Predicate<String> p = Validators.named(v);
            if (p == null) {
                throw new RuleException(where + ": validators: unknown validator '" + v + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(Validators.names())) + ")");
            }
            validators.add(p);
        }
        List<RulePattern> allowSecret = new ArrayList<>();
        List<RulePattern> allowMatch = new ArrayList<>();
        List<RulePattern> allowLine = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        List<RuleSpec.Allowlist> lists = new ArrayList<>(spec.allowlists);
        if (spec.allowlist != null) {
            lists.add(0, spec.allowlist);
        }
        for (RuleSpec.Allowlist al : lists) {
            String t = al.target == null ? "secret" : al.target;
            if (!t.equals("secret") && !t.equals("match") && !t.equals("line")) {
                throw new RuleException(where + ": allowlist.target: must be secret, match or line");
            }
            for (String r : al.regexes) {
                try {
                    RulePattern p = engine == Engine.JDK ? new JdkRulePattern(r) : new Re2jRulePattern(r);
                    (t.equals("match") ? allowMatch : t.equals("line") ? allowLine : allowSecret).add(p);
                } catch (RuntimeException e) {
                    throw new RuleException(where + ": allowlist.regexes: does not compile: " + firstLine(e.getMessage()));
                }
            }
            for (String s : al.stopwords) {
                stop.add(s.toLowerCase(Locale.ROOT));
            }
        }
        int window = spec.window != null ? spec.window : DEFAULT_WINDOW;
        if (window < 0) {
            throw new RuleException(where + ": window: must be >= 0");
        }
        boolean opens = keywordsOpenTheMatch(spec.pattern, keywords);
        int windowBefore = spec.windowBefore != null ? spec.windowBefore : (opens ? 0 : window);
        boolean startsNear = spec.startsNearKeyword != null ? spec.startsNearKeyword : opens;
        if (windowBefore < 0) {
            throw new RuleException(where + ": windowBefore: must be >= 0");
        }
        double confidence = spec.confidence != null ? spec.confidence : 0.9;
        if (confidence <= 0 || confidence > 1) {
            throw new RuleException(where + ": confidence: must be in (0, 1]");
        }
        return new CompiledRule(spec.id, spec.type, spec.description, pattern, keywords, secretGroup, spec.entropy,
                window, windowBefore, startsNear, validators, spec.placeholderCheck, allowSecret, allowMatch, allowLine, stop, confidence, source);
    }

    /**
     * True when every match must begin with one of the keywords: the pattern opens with a literal that
     * each keyword extends or is a prefix of (after flags, {@code \\b} and group openings). Such a rule
     * need not search before its keyword hits, which saves most of the regex work on prefixed tokens.
     */
    static boolean keywordsOpenTheMatch(String pattern, List<String> keywords) {
        if (keywords.isEmpty()) {
            return false;
        }
        String p = pattern;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String skip : new String[] {"(?i)", "\\b", "(?:", "(?P<", "(?<", "("}) {
                if (p.startsWith(skip)) {
                    p = p.substring(skip.length());
                    if (skip.equals("(?P<") || skip.equals("(?<")) {
                        int close = p.indexOf('>');
                        if (close < 0) {
                            return false;
                        }
                        p = p.substring(close + 1);
                    }
                    progress = true;
                }
            }
        }
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '@' || c == '=' || c == '/') {
                literal.append(Character.toLowerCase(c));
            } else if (c == '\\' && i + 1 < p.length() && !Character.isLetterOrDigit(p.charAt(i + 1))) {
                literal.append(p.charAt(++i));
            } else {
                // a quantifier applies to the last literal char: it is not certain to be there
                if ((c == '?' || c == '*' || c == '{') && literal.length() > 0) {
                    literal.setLength(literal.length() - 1);
                }
                break;
            }
        }
        if (literal.length() < 2) {
            return false;
        }
        String lit = literal.toString();
        for (String k : keywords) {
            if (!k.startsWith(lit) && !lit.startsWith(k)) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A rule file or rule that cannot be used; the message names where. */
    public static final class RuleException extends RuntimeException {
        public RuleException(String message) {
            super(message);
        }
    }
}
