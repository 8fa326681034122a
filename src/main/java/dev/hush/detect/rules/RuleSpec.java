package dev.hush.detect.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/** One rule as written in a YAML rule file (see docs/rule-format.md). Validated by {@link RuleCompiler}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class RuleSpec {
    public String id;
    public String type;
    public String description;
    public String pattern;
    public List<String> keywords = new ArrayList<>();
    public Integer secretGroup;
    public double entropy;
    public Integer window;
    /** Chars searched before a keyword hit, when fewer than {@code window} suffice (the keyword opens the match). */
    public Integer windowBefore;
    /**
     * Every match starts at most {@code windowBefore} chars before a keyword hit (the keyword sits in the
     * match's head, as in {@code api_key=...}); the pattern is then tried only at those start positions.
     * Implied when the pattern opens with the keyword.
     */
    public Boolean startsNearKeyword;
    public List<String> validators = new ArrayList<>();
    public boolean placeholderCheck = true;
    public Allowlist allowlist;
    /** More allowlists, each with its own target (used by the gitleaks importer). */
    public List<Allowlist> allowlists = new ArrayList<>();
    public Double confidence;
    public Examples examples;

    /** Candidates to drop even though the pattern matched. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Allowlist {
        public List<String> regexes = new ArrayList<>();
        public List<String> stopwords = new ArrayList<>();
        /**
         * {@code secret} (default), {@code match}, or {@code line}: the match and the rest of its line (at most
         * {@link CompiledRule#LINE_TAIL} chars past the match), for checks that must see the words after a value.
         */
        public String target = "secret";
    }

    /** The examples that prove the rule; run by the catalogue test. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class Examples {
        public List<String> positive = new ArrayList<>();
        public List<String> negative = new ArrayList<>();
    }

    /** A whole rule file: {@code rules: [...]}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static final class RuleFile {
        public List<RuleSpec> rules = new ArrayList<>();
    }
}
