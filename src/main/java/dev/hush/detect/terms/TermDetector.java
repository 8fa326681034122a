package dev.hush.detect.terms;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A company's own terms (project code names, customer names, ...) from {@code detection.dictionaries}, all
 * dictionaries matched in one pass, case-insensitive, whole words, reported as {@code CUSTOM.<dictionary>}.
 * A term listed in two dictionaries is reported for both; the scanner keeps one.
 */
public final class TermDetector implements Detector {
    private final PhraseIndex index;
    private final String[] typeOf;
    private final String[] ruleOf;

    public TermDetector(Map<String, List<String>> dictionaries) {
        List<String> phrases = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        dictionaries.forEach((name, terms) -> {
            for (int i = 0; i < terms.size(); i++) {
                String t = terms.get(i);
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("detection.dictionaries." + name + "[" + i + "]: empty term");
                }
                phrases.add(t);
                types.add("CUSTOM." + name);
                rules.add("terms." + name);
            }
        });
        this.index = new PhraseIndex(phrases);
        this.typeOf = types.toArray(new String[0]);
        this.ruleOf = rules.toArray(new String[0]);
    }

    @Override
    public String id() {
        return "terms";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        index.search(text, (id, start, end) -> sink.add(start, end, typeOf[id], ruleOf[id], 0.9));
    }
}
