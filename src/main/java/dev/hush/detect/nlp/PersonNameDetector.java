package dev.hush.detect.nlp;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.List;
import java.util.Locale;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.util.Span;

/**
 * Finds people's names ({@code PII.PERSON}) with an ensemble: candidate phrases are runs of capitalised
 * words (and lower-case listed first names); each gets features from the gazetteer (first name, surname,
 * how common the word is), context cues (titles and offices, greetings, sign-offs, introductions,
 * {@code name:} fields, name columns of tables, an e-mail or phone number on the line; determiners and
 * company suffixes against), the OpenNLP name finder trained on annotated text, run on the candidate's
 * sentence window within a token budget per text, and the confident names elsewhere in the text.
 * {@link NameEnsemble} turns them into one calibrated confidence; candidates under the threshold are
 * dropped. {@code @handles} are never person candidates (they are {@code PII.USERNAME}).
 *
 * <p>Immutable and thread-safe: the OpenNLP finder keeps per-call state, so each thread gets its own.
 * Linear in the text: see {@link #candidates}.
 */
public final class PersonNameDetector implements Detector {
    public static final String ID = "pii.person";
    public static final String TYPE = "PII.PERSON";
    /**
     * Tokens the name finder may read per text: bounds the cost of long, name-heavy prompts; candidates past
     * the budget are judged by gazetteer, cues and echo alone (the ensemble is fitted with the same budget).
     */
    static final int MODEL_TOKEN_BUDGET = 1000;
    private static final int MAX_NAME_TOKENS = 5;
    /** Words inside sentences a text needs before its share of capitals says anything ({@link PerText#prose}). */
    private static final int PROSE_MIN_WORDS = 12;
    /** Tokens after a candidate in which a personal pronoun counts as referring back to it. */
    private static final int PRONOUN_REACH = 12;
    /** Share of capitalised words inside sentences from which capitals say nothing. */
    private static final double PROSE_CAPS = 0.3;
    /** Common-word ranks beyond this are rare enough to be surnames as often as words. */
    private static final int RARE_WORD_RANK = 5000;

    private static final java.util.Set<String> INTRO_ENDS = java.util.Set.of("is", "am", "i'm", "ist", "bin", "heiße",
            "heisse", "m'appelle", "llamo", "soy", "es", "named", "called", "cc", "by");
    private static final boolean DEBUG = Boolean.getBoolean("hush.nlp.debug");
    private final NameFinderModels models;
    private final NameLexicon lex;
    private final NameCues cues;
    private final double threshold;
    private final boolean skipPublicFigures;
    private final ThreadLocal<NameFinderME> finder;
    /** The model's compiled finder (same answers, a fraction of the cost); null: NameFinderME. */
    private final CompiledNameFinder compiled;
    private final NameEnsemble ensemble;
    /** ASCII first letters of the greetings and introduction ends ({@link #lowerCaseName}'s gate). */
    private final boolean[] gateInitials = new boolean[128];

    public PersonNameDetector(NameFinderModels models, double threshold, boolean skipPublicFigures, List<String> languages) {
        this(models, threshold, skipPublicFigures, languages, true);
    }

    /** {@code compiledFinder false}: always OpenNLP's NameFinderME (the reference the compiled one is tested and measured against). */
    public PersonNameDetector(NameFinderModels models, double threshold, boolean skipPublicFigures, List<String> languages,
            boolean compiledFinder) {
        this.models = models;
        this.lex = models.lexicon();
        this.cues = new NameCues(languages);
        this.threshold = threshold;
        this.skipPublicFigures = skipPublicFigures;
        this.finder = ThreadLocal.withInitial(() -> new NameFinderME(models.model()));
        this.compiled = compiledFinder ? models.compiled() : null;
        this.ensemble = models.ensemble();
        for (java.util.Set<String> words : List.of(cues.greetings, INTRO_ENDS)) {
            for (String w : words) {
                char c = w.isEmpty() ? 128 : w.charAt(0);
                if (c < 128) {
                    gateInitials[c] = true;
                }
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        candidates(text.normalized(), c -> {
            if (c.confidence >= threshold) {
                sink.add(c.start, c.end, TYPE, ID, c.confidence);
            }
        });
    }

    /**
     * Every scored candidate of {@code s}, in order: capitalised runs, and lower-case names after a strong
     * cue (reported only with that cue). Linear in the text: each token starts at most one candidate of
     * at most 8 units, and the name finder's work is capped per text.
     */
    long candidates(String s, java.util.function.Consumer<Candidate> out) {
        List<Candidate> found = new java.util.ArrayList<>();
        Tokens t = Tokens.of(s);
        PerText window = new PerText(s);
        int n = t.size();
        int i = 0;
        while (i < n) {
            window.steps++;
            int u = titleDot(t, unitEnd(t, i));
            if (u < 0 && leadingParticle(t, i) && i + 1 < n && t.singleSpaceBefore(i + 1) && unitEnd(t, i + 1) > 0
                    && !NameLexicon.isFirst(t.lookupLowerName(lex, i + 1))) {
                // "bin Tharwasi", "ibn Qadiri": the particle opens a surname (not a given name: German "ich bin Klara")
                u = unitEnd(t, i + 1);
            }
            if (u < 0 && lowerCaseName(t, i)) {
                // "my name is john smith", "name: ana ruiz", "hi john,": believed only with a strong cue
                int j = i + 1 < n && t.singleSpaceBefore(i + 1) && lowerCaseSurname(t, i + 1) ? i + 2 : i + 1;
                Candidate c = score(s, t, i, j, window);
                if (c != null && c.strong) {
                    found.add(c);
                }
                i = j;
                continue;
            }
            if (u < 0 && (lowerCaseCandidate(t, i) || capitalsCandidate(t, i)) && leftBoundaryOk(s, t.start(i))
                    && !handle(s, t.start(i))) {
                // chat writes names in lower case ("ask priya") or in capitals ("FOLLOW ME HARRY"): a listed,
                // uncommon first name, judged by the name finder and the lower-case weight of the ensemble
                int j = i + 1 < n && t.singleSpaceBefore(i + 1) && (lowerCaseSurname(t, i + 1) || capitalsSurname(t, i + 1)
                        || unlistedLowerSurname(t, i, i + 1)) ? i + 2 : i + 1;
                Candidate c = score(s, t, i, j, window);
                if (c != null) {
                    c.features[NameEnsemble.LOWER] = 1;
                    found.add(c.rescored(ensemble));
                }
                i = j;
                continue;
            }
            if (u < 0 || !leftBoundaryOk(s, t.start(i)) || handle(s, t.start(i))) {
                i++;
                continue;
            }
            int j = u;
            int units = 1;
            while (j < n && units < 8) {
                if (!t.singleSpaceBefore(j)) {
                    break;
                }
                int v = titleDot(t, unitEnd(t, j));
                if (v > 0) {
                    j = v;
                    units++;
                    continue;
                }
                if (isParticle(t, j) && j + 1 < n && t.singleSpaceBefore(j + 1) && unitEnd(t, j + 1) > 0) {
                    j = unitEnd(t, j + 1);
                    units++;
                    continue;
                }
                break;
            }
            if (j == i + 1 && j < n && t.singleSpaceBefore(j) && unlistedLowerSurname(t, i, j)) {
                j++; // "Ilvena quarrowby": a listed first name, then a lower-case word no list knows
            }
            Candidate c = score(s, t, i, j, window);
            if (c != null) {
                found.add(c);
            }
            i = j;
        }
        echo(s, found, window);
        found.forEach(out);
        return window.steps + t.work();
    }

    /** Confidence from which a found name lends its words to the other mentions in the text. */
    private static final double ECHO_FROM = 0.6;

    /**
     * Second pass, linear: the words of confidently found names ("Lord Byron", "John Edleston") make the
     * other, weaker mentions of those words in the same text ("Byron's junior", "Edleston") likelier names.
     */
    private void echo(String s, List<Candidate> found, PerText work) {
        pool(s, found, work);
        java.util.Set<String> sure = new java.util.HashSet<>();
        java.util.Set<String> against = new java.util.HashSet<>();
        for (Candidate c : found) {
            if (marksNoPerson(c)) {
                words(s, c, w -> against.add(w), work);
            } else if (c.confidence >= ECHO_FROM) {
                // a confident full name lends even its listed everyday words ("Rose Okonkwo-Lindqvist" -> "Rose")
                words(s, c, c.features[NameEnsemble.SINGLE] == 0, w -> sure.add(w), work);
            }
        }
        if (sure.isEmpty() && against.isEmpty()) {
            return;
        }
        for (int k = 0; k < found.size(); k++) {
            Candidate c = found.get(k);
            boolean weak = c.confidence < ECHO_FROM;
            boolean listed = weak && (k > 0 && joined(s, found.get(k - 1), c) || k + 1 < found.size() && joined(s, c, found.get(k + 1)));
            boolean[] hit = {false, false};
            if (weak || !against.isEmpty() && !c.strong && !marksNoPerson(c)) {
                words(s, c, true, w -> {
                    hit[0] |= sure.contains(w);
                    hit[1] |= against.contains(w);
                }, work);
            }
            hit[0] &= weak;
            hit[1] &= !c.strong && !marksNoPerson(c);
            if (listed) {
                c.features[NameEnsemble.LISTED_WITH_NAME] = 1;
            }
            if (hit[0]) {
                c.features[NameEnsemble.ECHO] = 1;
            }
            if (hit[1]) {
                c.features[NameEnsemble.AGAINST_ECHO] = 1;
            }
            if (hit[0] || hit[1] || listed) {
                found.set(k, c.rescored(ensemble));
            }
        }
    }

    /** Other mentions of a word from which {@link NameEnsemble#DOC_MENTIONS} is 1. */
    private static final int POOL_FULL = 7;

    /**
     * Document pooling, linear: every mention of a word in the text lends what the finder and the cues said
     * there to the other mentions, whatever their confidence ("Gloria" five times, each doubtful alone).
     */
    private void pool(String s, List<Candidate> found, PerText work) {
        if (found.size() < 2) {
            return;
        }
        java.util.Map<String, double[]> byWord = new java.util.HashMap<>(); // mentions, sum of votes, mentions with a cue
        List<List<String>> wordsOf = new java.util.ArrayList<>(found.size());
        for (Candidate c : found) {
            List<String> ws = new java.util.ArrayList<>(2);
            words(s, c, true, w -> {
                if (!ws.contains(w)) {
                    ws.add(w);
                }
            }, work);
            wordsOf.add(ws);
            for (String w : ws) {
                double[] a = byWord.computeIfAbsent(w, k -> new double[3]);
                a[0]++;
                a[1] += Math.sqrt(c.features[NameEnsemble.MODEL_SOFT]);
                a[2] += cued(c) ? 1 : 0;
            }
        }
        for (int k = 0; k < found.size(); k++) {
            Candidate c = found.get(k);
            double mentions = 0;
            double vote = 0;
            boolean cue = false;
            for (String w : wordsOf.get(k)) {
                double[] a = byWord.get(w);
                double others = a[0] - 1;
                if (others > 0) {
                    mentions = Math.max(mentions, Math.min(1, Math.log1p(others) / Math.log1p(POOL_FULL)));
                    vote = Math.max(vote, (a[1] - Math.sqrt(c.features[NameEnsemble.MODEL_SOFT])) / others);
                    cue |= a[2] - (cued(c) ? 1 : 0) > 0;
                }
            }
            if (mentions > 0) {
                c.features[NameEnsemble.DOC_MENTIONS] = mentions;
                c.features[NameEnsemble.DOC_VOTE] = vote;
                c.features[NameEnsemble.DOC_CUE] = cue ? 1 : 0;
                found.set(k, c.rescored(ensemble));
            }
        }
    }

    /** The candidate has a person cue of its own (strong cue, a person verb after, a pronoun soon after). */
    private static boolean cued(Candidate c) {
        return c.strong || c.features[NameEnsemble.PERSON_VERB] > 0 || c.features[NameEnsemble.PRONOUN_AFTER] > 0;
    }

    /** A phrase that a company, place, storm or ship word next to it marks as no person ("Hurricane Rita"). */
    private static boolean marksNoPerson(Candidate c) {
        return !c.strong && c.features[NameEnsemble.SUFFIX] > 0;
    }

    /** Words that join the names of a list ("Tina and Vicky", "Ana, Ben"), in the four languages. */
    private static final List<String> LIST_JOINS = List.of(",", "and", "&", ", and", "or", "und", "et", "y");

    /** Two adjacent candidates joined into a list, one of them a confidently found name (at most 7 characters apart). */
    private static boolean joined(String s, Candidate left, Candidate right) {
        if (Math.max(left.confidence, right.confidence) < ECHO_FROM || right.start - left.end > 7 || right.start <= left.end) {
            return false;
        }
        int a = left.end;
        int b = right.start;
        while (a < b && s.charAt(a) == ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == ' ') {
            b--;
        }
        for (String j : LIST_JOINS) {
            if (j.length() == b - a && s.regionMatches(a, j, 0, j.length())) {
                return true;
            }
        }
        return false;
    }

    /** The candidate's lower-cased words of three letters or more that are not common words. */
    private void words(String s, Candidate c, java.util.function.Consumer<String> out, PerText work) {
        words(s, c, false, out, work);
    }

    /**
     * As above; {@code listedToo}: also common words that are listed names ("Gloria", common in Spanish, "Bush"),
     * for pooling, whose inputs say how the other mentions were judged rather than that they were names.
     */
    private void words(String s, Candidate c, boolean listedToo, java.util.function.Consumer<String> out, PerText work) {
        int k = c.start;
        work.steps += c.end - c.start;
        while (k < c.end) {
            while (k < c.end && !Character.isLetter(s.charAt(k))) {
                k++;
            }
            int st = k;
            while (k < c.end && (Character.isLetter(s.charAt(k)) || s.charAt(k) == '-')) {
                k++;
            }
            if (k - st >= 3) {
                String w = s.substring(st, k).toLowerCase(Locale.ROOT);
                int e = lex.lookup(w);
                if (!isCommon(e) || listedToo && NameLexicon.isName(e) || work.titledWords != null && work.titledWords.contains(w)) {
                    out.accept(w);
                }
            }
        }
    }

    /** "and I", "and me" (and the same in German, French, Spanish): what is joined to the speaker is a person. */
    private static final java.util.Map<String, java.util.Set<String>> AND_ME = java.util.Map.of("and",
            java.util.Set.of("i", "me", "myself"), "&", java.util.Set.of("i", "me"), "und", java.util.Set.of("ich", "mich", "mir"),
            "et", java.util.Set.of("moi"), "y", java.util.Set.of("yo"));

    /** Tokens b, b+1 are "and I" on the same line, the pronoun a whole word ("Peder and I were", "shanna and i"). */
    private static boolean andMe(Tokens t, int b) {
        if (b + 1 >= t.size() || t.newlineBefore(b) || t.newlineBefore(b + 1) || t.kind(b + 1) != Tokens.WORD) {
            return false;
        }
        java.util.Set<String> me = AND_ME.get(lower(t, b));
        return me != null && me.contains(lower(t, b + 1));
    }

    /** Right after a verb whose object is a person, on the same line: "contact X", "forward to X", "thanks again X". */
    private static boolean personObject(Tokens t, int a) {
        if (a == 0 || t.newlineBefore(a) || t.kind(a - 1) != Tokens.WORD) {
            return false;
        }
        String w = lower(t, a - 1);
        if (NameCues.OBJECT_VERBS.contains(w)) {
            return true;
        }
        if (a < 2 || t.newlineBefore(a - 1) || t.kind(a - 2) != Tokens.WORD || !(w.equals("to") || w.equals("again"))) {
            return false;
        }
        String v = lower(t, a - 2);
        return w.equals("to") ? NameCues.TO_VERBS.contains(v) : v.equals("thanks") || v.equals("thank");
    }

    /** Scored candidate: offsets in the normalised text and the confidence. */
    record Candidate(int start, int end, double confidence, boolean strong, double[] features) {
        Candidate rescored(NameEnsemble e) {
            return new Candidate(start, end, Math.round(e.confidence(features) * 1000) / 1000.0, strong, features);
        }
    }

    /**
     * An everyday word kept as a name: the lone word right after a title ("President Bush", "Mr. Brown"), or
     * a word that followed a title earlier in the same text ("Bush nominated").
     */
    private boolean surnameAfterTitle(Tokens t, int a, int b, String w, boolean titled, PerText window) {
        if (window.titledWords != null && window.titledWords.contains(w.endsWith("'s") ? w.substring(0, w.length() - 2) : w)) {
            return true;
        }
        return b - a == 1 && Character.isUpperCase(t.charAt(a, 0)) && (titled || titleBefore(t, a));
    }

    /**
     * A sentence-level person cue ({@link SentenceCues}), read like a person verb: addressed at a sentence start
     * ("Norberta, you ..."; a listed first name only), a relative or role before ("daughter, Ysolde"), a possessive
     * before one ("Ysolde's mother"). Too rare in the tuning text for weights of their own (none of the three
     * occurs in its candidates), so they share the person verb's.
     */
    private boolean sentenceCue(Tokens t, int i, int a, int b, int firstEntry) {
        return NameLexicon.isFirst(firstEntry) && SentenceCues.addressed(t, a, b, a == i && sentenceStart(t, a))
                || SentenceCues.relationBefore(t, a)
                || SentenceCues.possessiveRelation(t, b)
                || SentenceCues.addressedAtEnd(t, a, b);
    }

    /** "X located", "X is situated", "X was founded": a participle that places or founds the phrase, on its line. */
    private static boolean placeVerbAfter(Tokens t, int b) {
        int k = b;
        if (k + 1 < t.size() && t.kind(k) == Tokens.WORD && t.length(k) <= 3 && (lower(t, k).equals("is") || lower(t, k).equals("was"))) {
            k++;
        }
        // the set first: the line checks scan the gaps
        return k < t.size() && t.kind(k) == Tokens.WORD && t.length(k) <= 13 && NameCues.PLACE_VERBS.contains(lower(t, k))
                && !t.newlineBefore(k) && (k == b || !t.newlineBefore(b));
    }

    /** How far the finder's own weight must lean to a name for an everyday word to stay a candidate. */
    private static final double NAMELIKE_LEAN = 0.3;

    /**
     * The run is one capitalised everyday word mid-sentence that the finder's training text mostly had as a
     * name ("heard that Wise approved"): kept and scored (its own input) instead of trimmed. One map look-up.
     */
    private boolean namelikeEveryday(Tokens t, int i, int j, int a, int b) {
        return j - i == 1 && a == i && b == j && t.kind(a) == Tokens.WORD && Character.isUpperCase(t.charAt(a, 0))
                && Character.isLowerCase(t.charAt(a, t.length(a) - 1)) && !sentenceStart(t, a)
                && models.finderNameLean(baseLower(t, a)) > NAMELIKE_LEAN;
    }

    /** Rank up to which a listed surname that opens a sentence is read as the word it also is. */
    private static final int OPENING_WORD_RANK = 1000;

    /**
     * Twelfth round: the first word of a run that opens a sentence is capitalised by the sentence, so a common
     * word that is listed as a surname only ("Both", "Black", "Little": no first name) is trimmed off there when a
     * word follows ("Both Ysoline and Tamsin" -> "Ysoline"); first names stay ("Will Smith", "Young Kim").
     */
    private static boolean commonSurnameOpening(Tokens t, int i, int a, int e) {
        int rank = NameLexicon.rank(e);
        return a == i && NameLexicon.isLast(e) && !NameLexicon.isFirst(e) && rank > 0 && rank <= OPENING_WORD_RANK
                && sentenceStart(t, a);
    }

    /** Scores the run [i, j) after trimming cue and common words off its ends; null when nothing is left. */
    Candidate score(String s, Tokens t, int i, int j, PerText window) {
        int a = i;
        int b = j;
        boolean titled = false;
        // leading titles, greetings and everyday words are context, not name
        while (a < b) {
            if (t.kind(a) == Tokens.PUNCT) {
                a++; // the dot of a trimmed title
                continue;
            }
            if (t.length(a) == 1 && a + 1 < b && t.isPunct(a + 1, '.')) {
                break; // an initial ("C. Spearman") is part of the name, whatever the letter means as a word
            }
            if (a + 1 < b && leadingParticle(t, a)) {
                break; // "bin Tharwasi": the particle and the name after it stay together
            }
            String w = lower(t, a);
            int e = lex.lookup(w);
            if (cues.titles.contains(w) && (a + 1 < b)) {
                a = skipDot(t, a + 1, b);
                titled = true;
            } else if ((cues.greetings.contains(w) || cues.determiners.contains(w) || NameCues.NON_PERSON_HEADS.contains(w))
                    && a + 1 < b) {
                a++; // "Hurricane Rita", "The Emperor Norton Bridge": the features below see the word before
            } else if (NameCues.NEVER_NAMES.contains(w) || isEverydayWord(e) && !surnameAfterTitle(t, a, b, w, titled, window)
                    && !namelikeEveryday(t, i, j, a, b)
                    || (NameLexicon.isName(e) && NameLexicon.rank(e) > 0 && NameLexicon.rank(e) <= 150 && a + 1 < b)
                    || a + 1 < b && commonSurnameOpening(t, i, a, e)) {
                a++;
            } else {
                break;
            }
        }
        while (b > a) {
            if (b - 2 >= a && isParticle(t, b - 2)) {
                break; // "bin Tharwasi", "van Dijk": the word after a particle is a name, whatever it means as a word
            }
            String w = lower(t, b - 1);
            int e = lex.lookup(w);
            if (NameCues.NEVER_NAMES.contains(w) || isEverydayWord(e) && !surnameAfterTitle(t, a, b, w, titled, window)
                    && !namelikeEveryday(t, i, j, a, b)
                    || t.kind(b - 1) == Tokens.PUNCT) {
                b--;
            } else {
                break;
            }
        }
        if (a >= b) {
            return null;
        }
        int start = t.start(a);
        int end = possessiveEnd(t, b - 1);
        if (!rightBoundaryOk(s, t.end(b - 1))) {
            return null;
        }
        boolean afterTitle = titleBefore(t, a);
        int words = 0;
        double gaz = 0;
        boolean initial = false;
        int unlisted = 0;
        int firstEntry = 0;
        int lastEntry = 0;
        boolean allNames = true;
        boolean unseenListed = false;
        for (int k = a; k < b; k++) {
            if (t.kind(k) != Tokens.WORD) {
                continue; // the dot of an initial
            }
            if (isParticle(t, k)) {
                continue; // "van", "bin", "al": part of the name, no evidence either way
            }
            words++;
            String w = withoutArticle(baseLower(t, k));
            int e = lex.lookup(w);
            if (e == 0 && w.indexOf('-') > 0) {
                e = hyphenated(w);
            }
            if (words == 1) {
                firstEntry = e;
            }
            lastEntry = e;
            int rank = NameLexicon.rank(e);
            double common = rank == 0 ? 0 : rank <= 1000 ? 2.0 : rank <= 3000 ? 1.2 : rank <= 6000 ? 0.6 : 0.3;
            if (t.length(k) == 1) {
                gaz += 0.2; // an initial
                initial |= k + 2 < b && t.isPunct(k + 1, '.');
            } else if (NameLexicon.isName(e)) {
                gaz += 1.2 - 0.6 * common;
                unseenListed |= !models.finderKnows(w);

            } else if (rank == 0) {
                gaz += 0.3;
                allNames = false;
                unlisted++;
            } else if (rank > RARE_WORD_RANK) {
                gaz -= 0.3; // a rare word: as likely an unlisted surname (Gallagher) as a word
                allNames = false;
            } else {
                gaz -= 1.0 + common;
                allNames = false;
            }
        }
        if (words == 0) {
            return null;
        }
        if (words >= 2 && NameLexicon.isFirst(firstEntry) && NameLexicon.isLast(lastEntry)) {
            // "Forest Green", "Will Power": both halves everyday words is weak evidence
            boolean bothCommon = isCommon(firstEntry) && isCommon(lastEntry);
            gaz += bothCommon ? 0.5 : 1.5;
        } else if (words >= 2 && NameLexicon.isFirst(firstEntry) && !isEverydayWord(lastEntry)
                && (NameLexicon.rank(firstEntry) == 0 || NameLexicon.rank(firstEntry) > 1000)) {
            gaz += 1.0; // a clear first name followed by an unlisted capitalised word: "Priya Raman"
        }
        if (words >= 2 && allNames) {
            gaz += 0.5;
        }
        double[] x = new double[NameEnsemble.INPUTS];
        x[NameEnsemble.BIAS] = 1;
        x[NameEnsemble.GAZETTEER] = gaz;
        x[NameEnsemble.TOO_LONG] = words > MAX_NAME_TOKENS ? 1 : 0;
        x[NameEnsemble.INITIAL] = initial ? 1 : 0;
        x[NameEnsemble.UNLISTED] = words >= 2 && words <= 3 && unlisted == words && !sentenceStart(t, a) ? 1 : 0;
        if (afterTitle) {
            for (int k = a; k < b; k++) {
                int e = t.kind(k) == Tokens.WORD ? lex.lookup(baseLower(t, k)) : 0;
                if (isEverydayWord(e) || isCommon(e)) {
                    // "President Bush", "Senator Brown": later "Bush" and "Brown" are names too, kept and echoed
                    window.titledWords().add(baseLower(t, k));
                }
            }
        }
        boolean strong = afterTitle || greetingBefore(t, a) && greetingOk(t, a, b)
                || introduced(t, a) || fieldKey(s, start, window) || inCell(window.cells(), start, end, window)
                || signature(t, a, b, window) || lowerCaseCued(t, a, b);
        boolean displayName = displayName(s, start, end, window);
        if (displayName && !strong && b + 2 < t.size() && t.isPunct(b, ',') && t.kind(b + 1) == Tokens.WORD
                && (b + 2 >= t.size() || t.isPunct(b + 2, '"')) && NameLexicon.isFirst(lex.lookup(baseLower(t, b + 1)))) {
            strong = true; // "Quennby, Orla" <oq@example.org>: surname, comma, a listed first name, the address
        }
        if (strong) {
            x[NameEnsemble.STRONG] = 1;
        } else if (a > 0 && !t.newlineBefore(a) && t.kind(a - 1) == Tokens.WORD
                && cues.personContext.contains(lower(t, a - 1))) {
            x[NameEnsemble.WEAK] = 1;
        }
        if (words == 1) {
            x[NameEnsemble.SINGLE] = 1;
            if (!strong && a == i && sentenceStart(t, a)) {
                x[NameEnsemble.SINGLE_AT_START] = 1;
            }
        }
        x[NameEnsemble.PERSON_OBJECT] = personObject(t, a) ? 1 : 0;
        x[NameEnsemble.PLACE_BEFORE] = !strong && (a > 0 && t.kind(a - 1) == Tokens.WORD && t.length(a - 1) <= 10
                && NameCues.PLACE_PREPOSITIONS.contains(lower(t, a - 1)) && !t.newlineBefore(a) || placeVerbAfter(t, b)) ? 1 : 0;
        x[NameEnsemble.CITATION] = SentenceCues.citation(t, b) ? 1 : 0;
        x[NameEnsemble.UNSEEN_LISTED] = unseenListed ? 1 : 0;
        x[NameEnsemble.EVERYDAY_KEPT] = words == 1 && isEverydayWord(firstEntry) && namelikeEveryday(t, i, j, a, b)
                && !surnameAfterTitle(t, a, b, baseLower(t, a), afterTitle, window) ? 1 : 0;
        x[NameEnsemble.EMAIL] = displayName ? 1.5 : emailNearby(s, end, window);
        x[NameEnsemble.PROSE] = window.prose(t);
        if (b < t.size() && !t.newlineBefore(b) && t.kind(b) == Tokens.WORD && cues.personVerbs.contains(lower(t, b))
                || andMe(t, b) || sentenceCue(t, i, a, b, firstEntry)) {
            x[NameEnsemble.PERSON_VERB] = 1;
        }
        for (int k = b; k < Math.min(t.size(), b + PRONOUN_REACH); k++) {
            if (t.kind(k) == Tokens.WORD && t.length(k) <= 7 && cues.pronouns.contains(lower(t, k))) {
                x[NameEnsemble.PRONOUN_AFTER] = 1;
                break;
            }
        }
        if (a > 0 && !t.newlineBefore(a) && t.kind(a - 1) == Tokens.WORD && cues.determiners.contains(lower(t, a - 1))
                && !strong) {
            x[NameEnsemble.DETERMINER] = 1;
        }
        if (b < t.size() && t.singleSpaceBefore(b) && NameCues.NON_PERSON_SUFFIXES.contains(baseLower(t, b))) {
            x[NameEnsemble.SUFFIX] = 1;
        }
        for (int k = a + 1; k + 1 < b && words <= 3; k++) {
            if (NameCues.NON_PERSON_SUFFIXES.contains(baseLower(t, k))) {
                x[NameEnsemble.SUFFIX] = 1; // inside a short run: "Hayes Street Grill", "Huber Corporation Guaranty"
            }
        }
        if (words >= 2 && words <= 3 && b - a >= 2 && t.kind(b - 1) == Tokens.WORD && !NameLexicon.isName(lastEntry)
                && NameCues.NON_PERSON_SUFFIXES.contains(baseLower(t, b - 1))) {
            x[NameEnsemble.SUFFIX] = 1; // the last word of the run, when it is no listed name: "Malcolm Smith Motorsports" (not "Grace Park")
        }
        if (a > 0 && !t.newlineBefore(a) && t.kind(a - 1) == Tokens.WORD && NameCues.NON_PERSON_HEADS.contains(lower(t, a - 1))) {
            x[NameEnsemble.SUFFIX] = 1; // "Hurricane Rita", "HMS Victory"
        }
        if (!strong) {
            String phrase = phrase(t, a, b);
            if (models.notPersons().contains(phrase) || skipPublicFigures && models.publicFigures().contains(phrase)) {
                return null;
            }
            if (!(words == 1 && NameLexicon.rank(firstEntry) > 0 && NameLexicon.rank(firstEntry) <= 300)) {
                // a lone function word at a sentence start ("The", "My", "In") gets no model window
                window.opinion(t, a, b, x);
            }
        }
        double confidence = ensemble.confidence(x);
        if (DEBUG) {
            System.err.printf("cand %s conf %.3f x %s%n", s.substring(start, end), confidence, java.util.Arrays.toString(x));
        }
        return new Candidate(start, end, Math.round(confidence * 1000) / 1000.0, strong, x);
    }

    /**
     * The name finder's opinion on candidates of one text, run on sentence windows and within a token
     * budget per text (bounded latency): one window serves every candidate it covers.
     */
    final class PerText {
        private final String s;
        private int budget = MODEL_TOKEN_BUDGET;
        /** Name-column cells of the text, found on first use (most texts have no candidate that asks). */
        private int[] cells;
        /** Work done on this text (tokens and characters looked at), for the linearity tests. */
        long steps;
        private int[] lineStarts;
        private int[] cuts;
        private int from = -1;
        private int to = -1;
        private Span[] spans;
        private double[] probs;
        private CompiledNameFinder.Memo memo;
        /** The compiled finder on the current window, tagged as far as its candidates so far needed. */
        private CompiledNameFinder.Decoding decoding;
        private double prose = -1;
        /** Everyday words that followed a title in this text ("Bush" after "President Bush"); null until one does. */
        java.util.Set<String> titledWords;

        java.util.Set<String> titledWords() {
            if (titledWords == null) {
                titledWords = new java.util.HashSet<>();
            }
            return titledWords;
        }

        /**
         * How much a capital means in this text: 1 for edited prose, where few words inside a sentence are
         * capitalised, down to 0 where a third or more are (headlines, title-cased tweets); 0 for short texts.
         */
        double prose(Tokens t) {
            if (prose < 0) {
                int words = 0;
                int caps = 0;
                for (int k = 1; k < t.size(); k++) {
                    if (t.kind(k) == Tokens.WORD && t.length(k) > 1 && !sentenceStart(t, k) && Character.isLetter(t.charAt(k, 0))) {
                        words++;
                        caps += Character.isUpperCase(t.charAt(k, 0)) ? 1 : 0;
                    }
                }
                steps += t.size();
                prose = words < PROSE_MIN_WORDS ? 0 : Math.max(0, 1 - (double) caps / words / PROSE_CAPS);
            }
            return prose;
        }

        PerText(String s) {
            this.s = s;
        }

        int[] cells() {
            if (cells == null) {
                cells = NameColumns.find(s);
            }
            return cells;
        }

        /** Sets the model features of x for the candidate [a, b); leaves them 0 when the budget is spent. */
        void opinion(Tokens t, int a, int b, double[] x) {
            if (!(from <= a && b <= to && (b + 2 <= to || to == sentenceEnd(t, a)))) {
                if (!run(t, a, b)) {
                    return;
                }
            }
            Span[] spans = this.spans;
            double[] probs = this.probs;
            if (decoding != null) {
                // the window's tokens tagged up to this candidate (and on to the end of a name over its last word)
                CompiledNameFinder.Tagged tagged = decoding.through(b - from);
                spans = tagged.spans();
                probs = tagged.probs();
            }
            double best = -1;
            boolean exact = false;
            double soft = 0;
            for (int k = Math.max(a, from); k < Math.min(b, to); k++) {
                boolean inName = false;
                for (Span sp : spans) {
                    inName |= sp.getStart() + from <= k && k < sp.getEnd() + from;
                }
                double p = probs[k - from];
                soft = Math.max(soft, inName ? p : 1 - p);
            }
            x[NameEnsemble.MODEL_SOFT] = soft;
            for (Span sp : spans) {
                int sa = sp.getStart() + from;
                int sb = sp.getEnd() + from;
                if (sa < b && a < sb) {
                    best = Math.max(best, sp.getProb());
                    exact |= sa == a && sb == b;
                }
            }
            if (best < 0) {
                x[NameEnsemble.MODEL_NONE] = 1;
            } else {
                x[NameEnsemble.MODEL_PERSON] = best;
                x[NameEnsemble.MODEL_EXACT] = exact ? 1 : 0;
                x[NameEnsemble.MODEL_PARTIAL] = exact ? 0 : 1;
            }
        }

        private boolean run(Tokens t, int a, int b) {
            if (cuts == null) {
                cuts = Sentences.cuts(t);
            }
            int c = sentenceIndex(a);
            int f = Math.max(cuts[c], a - 8);
            int z = Math.min(cuts[c + 1], Math.max(b + 4, a + 20));
            if (budget < z - f) {
                return false;
            }
            budget -= z - f;
            steps += z - f;
            if (compiled != null) {
                if (memo == null) {
                    memo = compiled.memo(t);
                }
                decoding = compiled.decoding(memo, f, z);
            } else {
                NameFinderME nf = finder.get();
                spans = nf.find(t.texts(f, z));
                probs = nf.probs();
                nf.clearAdaptiveData();
            }
            from = f;
            to = z;
            return true;
        }

        /** Index of the first token on token k's line (one pass over the text, on first use). */
        int lineStart(Tokens t, int k) {
            if (lineStarts == null) {
                lineStarts = new int[t.size()];
                for (int q = 1; q < t.size(); q++) {
                    lineStarts[q] = t.newlineBefore(q) ? q : lineStarts[q - 1];
                }
                steps += t.size();
            }
            return lineStarts[k];
        }

        private int sentenceEnd(Tokens t, int a) {
            if (cuts == null) {
                cuts = Sentences.cuts(t);
            }
            return cuts[sentenceIndex(a) + 1];
        }

        /** Index c with cuts[c] <= a < cuts[c + 1] (binary search: candidates come in order, texts can be long). */
        private int sentenceIndex(int a) {
            int lo = 0;
            int hi = cuts.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (cuts[mid] <= a) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /** The candidate lower-cased, words joined by one space, possessives and "&" dropped ("Ben & Jerry's" -> "ben jerry"). */
    private static String phrase(Tokens t, int a, int b) {
        StringBuilder full = new StringBuilder();
        for (int k = a; k < b; k++) {
            if (t.kind(k) != Tokens.WORD) {
                continue;
            }
            if (full.length() > 0) {
                full.append(' ');
            }
            full.append(baseLower(t, k));
        }
        return full.toString();
    }

    /** Names of a double-barrelled token ("Fisher-MacGyver"): the union of its parts' flags when all parts are names. */
    private int hyphenated(String w) {
        int flags = 0;
        for (String part : w.split("-")) {
            int e = lex.lookup(part);
            if (!NameLexicon.isName(e)) {
                return 0;
            }
            flags |= e & (NameLexicon.FIRST | NameLexicon.LAST);
        }
        return flags;
    }

    private static boolean isCommon(int entry) {
        int rank = NameLexicon.rank(entry);
        return rank > 0 && rank <= 3000;
    }

    /** A common word that is no listed name, and common enough to trim off a candidate's ends. */
    private static boolean isEverydayWord(int entry) {
        int rank = NameLexicon.rank(entry);
        return !NameLexicon.isName(entry) && rank > 0 && rank <= RARE_WORD_RANK;
    }

    // ---- token shape ----------------------------------------------------------------------------------

    /** Initials after the first that one unit takes when written together ("R.T.V."). */
    private static final int MAX_JOINED_INITIALS = 3;

    /** End of the name unit starting at k (a capitalised word, or an initial with its dot), or -1. */
    private static int unitEnd(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD) {
            return -1;
        }
        int len = t.length(k);
        char c0 = t.charAt(k, 0);
        if (!Character.isUpperCase(c0)) {
            return articlePrefixed(t, k) ? k + 1 : -1;
        }
        if (len == 1) {
            // an initial and its dot; initials written together ("R.T.V. Okonkwar", "Q.Z. Marrowby") are one unit
            int d = k + 1;
            for (int more = 0; more < MAX_JOINED_INITIALS && d + 2 < t.size() && t.isPunct(d, '.') && t.touchesPrevious(d)
                    && t.touchesPrevious(d + 1) && t.kind(d + 1) == Tokens.WORD && t.length(d + 1) == 1
                    && Character.isUpperCase(t.charAt(d + 1, 0)) && t.isPunct(d + 2, '.') && t.touchesPrevious(d + 2); more++) {
                d += 2;
            }
            return d < t.size() && t.isPunct(d, '.') && t.touchesPrevious(d) && d + 1 < t.size()
                    && t.singleSpaceBefore(d + 1) && t.kind(d + 1) == Tokens.WORD ? d + 1 : -1;
        }
        boolean lower = false;
        int seg = 0; // start of the current hyphen/apostrophe segment
        for (int p = 1; p < len; p++) {
            char c = t.charAt(k, p);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (c == '-' || c == '\'' || c == '\u2019') {
                seg = p + 1;
            } else if (Character.isUpperCase(c) && p != seg && !namePrefix(t, k, seg, p)) {
                return -1; // camel case: identifiers and product names, not people
            }
        }
        return lower ? k + 1 : -1;
    }

    /** A lower-case first name that is no everyday word ("john" yes, "will" no), at a name boundary. */
    private boolean lowerCaseName(Tokens t, int k) {
        if (k == 0 || t.kind(k) != Tokens.WORD || t.length(k) < 3 || !Character.isLowerCase(t.charAt(k, 0))) {
            return false;
        }
        // cheap gate first: only right after a field separator, a greeting or an introduction
        boolean gate = t.kind(k - 1) == Tokens.PUNCT ? ":=\"'".indexOf(t.charAt(k - 1, 0)) >= 0
                : t.length(k - 1) <= 9 && mayOpenGate(t.charAt(k - 1, 0))
                        && (cues.greetings.contains(lower(t, k - 1)) || INTRO_ENDS.contains(lower(t, k - 1)));
        if (!gate) {
            return false;
        }
        int e = t.lookupName(lex, k); // each caller wants a name
        int rank = NameLexicon.rank(e);
        return NameLexicon.isFirst(e) && (rank == 0 || rank > 1000) || chatName(t, k, e);
    }

    /**
     * False when no greeting or introduction starts with c (ASCII c only: its lower case is the lower-cased
     * word's first char), so most words skip the lower-casing and set lookups of the gate.
     */
    private boolean mayOpenGate(char c) {
        return c >= 128 || gateInitials[Character.toLowerCase(c)];
    }

    /**
     * A lower-case word that is a listed first name and no common word ("priya", not "will" or "grace"); or one
     * that is common only outside English (its English rank: "lisa", "ryan", common in other languages' subtitles,
     * where names stay untranslated) with a person cue next to it ("ask lisa", "ryan said", "lisa and i").
     */
    private boolean lowerCaseCandidate(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD || t.length(k) < 3 || !Character.isLowerCase(t.charAt(k, 0))) {
            return false;
        }
        int e = t.lookupName(lex, k); // each caller wants a name
        if (!NameLexicon.isFirst(e)) {
            return false;
        }
        int rank = NameLexicon.rank(e);
        if (rank == 0 || rank > 3000) {
            return true;
        }
        return chatName(t, k, e) && lowerCaseCue(t, k);
    }

    /**
     * A listed first name (entry e) that is no everyday English word: not among the 3000 most common English words,
     * and either the name finder's training text had it as a name more often than not ("lisa", "jake"; its own
     * weight leans to a name, where "jail", "lies", "sister" lean to "other"), or, a word it never saw, no common
     * English word at all ("priya").
     */
    private boolean chatName(Tokens t, int k, int e) {
        if (!NameLexicon.isFirst(e)) {
            return false;
        }
        int en = NameLexicon.englishRank(e);
        if (en > 0 && en <= 3000) {
            return false;
        }
        String w = lower(t, k);
        return models.finderKnows(w) ? models.finderNameLean(w) > 0 : en == 0;
    }

    /**
     * Fourteenth round: a lower-case listed first name that is no everyday English word ({@link #chatName}), with a
     * person cue right next to it ("ask priya", "priya said", "tell jake"), is believed like one after a greeting.
     */
    private boolean lowerCaseCued(Tokens t, int a, int b) {
        if (b != a + 1 && b != a + 2 || t.kind(a) != Tokens.WORD || !Character.isLowerCase(t.charAt(a, 0))) {
            return false;
        }
        return (personObject(t, a) || personVerbAfter(t, b)) && chatName(t, a, t.lookupName(lex, a));
    }

    private boolean personVerbAfter(Tokens t, int b) {
        return b < t.size() && !t.newlineBefore(b) && t.kind(b) == Tokens.WORD && cues.personVerbs.contains(lower(t, b));
    }

    /**
     * A person cue right next to a lower-case word k on its line: a verb whose object is a person before ("ask",
     * "tell", "thanks", "cc", "forward to"), or a person verb or "and I" after ("said", "told", "and i"). O(1).
     */
    private boolean lowerCaseCue(Tokens t, int k) {
        if (personObject(t, k)) {
            return true;
        }
        int b = k + 1;
        return b < t.size() && !t.newlineBefore(b) && t.kind(b) == Tokens.WORD
                && (cues.personVerbs.contains(lower(t, b)) || andMe(t, b));
    }

    /** A word in capitals that is a listed first name and no common word ("HARRY", not "WILL" or "MAX"). */
    private boolean capitalsCandidate(Tokens t, int k) {
        if (!capitals(t, k)) {
            return false;
        }
        int e = t.lookupLowerName(lex, k); // each caller wants a name
        int rank = NameLexicon.rank(e);
        return NameLexicon.isFirst(e) && (rank == 0 || rank > 3000);
    }

    private boolean capitalsSurname(Tokens t, int k) {
        if (!capitals(t, k)) {
            return false;
        }
        int e = t.lookupLowerName(lex, k); // each caller wants a name
        return NameLexicon.isName(e) && !isCommon(e);
    }

    private static boolean capitals(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD || t.length(k) < 3) {
            return false;
        }
        for (int p = 0; p < t.length(k); p++) {
            if (!Character.isUpperCase(t.charAt(k, p))) {
                return false;
            }
        }
        return true;
    }

    private boolean lowerCaseSurname(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD || t.length(k) < 2 || !Character.isLowerCase(t.charAt(k, 0))) {
            return false;
        }
        int e = t.lookupName(lex, k); // each caller wants a name
        return NameLexicon.isName(e) && !isCommon(e);
    }

    /**
     * Fifteenth round: a lower-case word k right after a listed first name f that no list of the lexicon knows at
     * all (no name, no common word of the four languages), letters only, as a surname the lists lack ("tomek
     * brasselin", "Ilvena quarrowby"). Not after a first name that is a common word ("will", "max"). O(1): two probes.
     */
    private boolean unlistedLowerSurname(Tokens t, int f, int k) {
        int len = t.length(k);
        if (t.kind(k) != Tokens.WORD || len < 4 || len > 16 || !Character.isLowerCase(t.charAt(k, 0))) {
            return false;
        }
        for (int p = 0; p < len; p++) {
            char c = t.charAt(k, p);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        char z = t.charAt(k, len - 1);
        char y = t.charAt(k, len - 2);
        if (z == 's' || z == 'd' && y == 'e' || z == 'g' && y == 'n' || z == 'y' && y == 'l') {
            return false; // "Ilvena devastated", "tomek laughs": verbs and adverbs the frequency lists cut off
        }
        // most words after a capitalised one are common words: one probe by range (the word is lower-case ASCII)
        if (t.lookupLower(lex, k) != 0) {
            return false;
        }
        int e = t.lookupLowerName(lex, f);
        if (!NameLexicon.isFirst(e) || isCommon(e) || Character.isLowerCase(t.charAt(f, 0)) && !chatName(t, f, e)) {
            return false;
        }
        // a word the name finder's training text had often is judged by its own weight there ("stronghold": other)
        String w = t.text(k);
        return !models.finderKnows(w) || models.finderNameLean(w) > 0;
    }

    /** Surname prefixes followed by a capital: McDonald, MacGyver, DuBuque, VonRueden, DeShawn, LaToya. */
    private static boolean namePrefix(Tokens t, int k, int seg, int p) {
        int len = p - seg;
        if (len < 2 || len > 4) {
            return false;
        }
        String pre = t.text(k).substring(seg, p).toLowerCase(Locale.ROOT);
        return switch (pre) {
            case "mc", "mac", "de", "du", "di", "da", "la", "le", "van", "von", "del", "dal", "fitz" -> true;
            default -> false;
        };
    }

    private static boolean isParticle(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD || t.length(k) > 5) { // "della" is the longest
            return false;
        }
        String w = t.text(k);
        return switch (w) {
            case "van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "y", "zu", "ter", "ten", "dos", "das", "bin", "al",
                    "ibn", "bint", "abu", "el" -> true;
            default -> false;
        };
    }

    /** Lower-case particles that can open a name before a capitalised word ("bin Tharwasi", "ibn Qadiri"). */
    private static boolean leadingParticle(Tokens t, int k) {
        if (t.kind(k) != Tokens.WORD || t.length(k) < 3 || t.length(k) > 4) {
            return false;
        }
        char c = t.charAt(k, 0);
        if (c != 'b' && c != 'i' && c != 'a') {
            return false; // most lower-case words of the walk: no substring made for them
        }
        String w = t.text(k);
        return w.equals("bin") || w.equals("ibn") || w.equals("bint") || w.equals("abu");
    }

    /** Arabic articles written joined to a name by a hyphen ("al-Qarawandi", "el-Marwazi", "ash-Tabbani"). */
    private static final java.util.Set<String> ARTICLES = java.util.Set.of("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ul");

    /** A lower-case article, a hyphen, then a capitalised name ("al-Qarawandi"): a name unit. */
    private static boolean articlePrefixed(Tokens t, int k) {
        int len = t.length(k);
        if (len < 5) {
            return false;
        }
        int h = t.charAt(k, 2) == '-' ? 2 : t.charAt(k, 3) == '-' ? 3 : -1;
        if (h < 0 || !Character.isUpperCase(t.charAt(k, h + 1)) || !Character.isLowerCase(t.charAt(k, len - 1))) {
            return false;
        }
        return ARTICLES.contains(t.text(k).substring(0, h));
    }

    /** The name after a joined article ("al-qarawandi" -> "qarawandi"), for the lists and the finder's vocabulary. */
    private static String withoutArticle(String w) {
        int h = w.indexOf('-');
        return h == 2 || h == 3 ? ARTICLES.contains(w.substring(0, h)) ? w.substring(h + 1) : w : w;
    }

    /** Names start after whitespace, an opening quote or bracket, or a field separator; not inside identifiers or paths. */
    private static boolean leftBoundaryOk(String s, int start) {
        if (start == 0) {
            return true;
        }
        char c = s.charAt(start - 1);
        if (Character.isWhitespace(c) || "\"'([{,;:=>|*`\u201c\u00ab".indexOf(c) >= 0) {
            return true;
        }
        return c == '@' && (start < 2 || Character.isWhitespace(s.charAt(start - 2)));
    }

    private static boolean rightBoundaryOk(String s, int end) {
        if (end >= s.length()) {
            return true;
        }
        char c = s.charAt(end);
        if (Character.isWhitespace(c) || "\"'),;:!?]}<>|*`\u201d\u00bb".indexOf(c) >= 0) {
            return true;
        }
        if (c == '.') {
            return end + 1 >= s.length() || !Character.isLetterOrDigit(s.charAt(end + 1));
        }
        // mail-system addresses in headers: "Ana Ruiz@ACME", "Ana Ruiz/HOU/ACME@ACME"
        return (c == '@' || c == '/') && end + 1 < s.length() && Character.isUpperCase(s.charAt(end + 1));
    }

    private static int skipDot(Tokens t, int k, int b) {
        return k < b && t.isPunct(k, '.') ? k + 1 : k;
    }

    private static String lower(Tokens t, int k) {
        return t.lower(k);
    }

    /** Lower-cased token without a possessive 's. */
    private static String baseLower(Tokens t, int k) {
        String w = lower(t, k);
        if (w.length() > 3 && (w.endsWith("'s") || w.endsWith("\u2019s"))) {
            return w.substring(0, w.length() - 2);
        }
        return w;
    }

    private static int possessiveEnd(Tokens t, int k) {
        int e = t.end(k);
        int len = t.length(k);
        if (len > 3 && t.charAt(k, len - 1) == 's' && (t.charAt(k, len - 2) == '\'' || t.charAt(k, len - 2) == '\u2019')) {
            return e - 2; // "Ruiz's": read in place, no copy of the token
        }
        return e;
    }

    private static boolean sentenceStart(Tokens t, int k) {
        if (k == 0 || t.newlineBefore(k)) {
            return true;
        }
        return t.kind(k - 1) == Tokens.PUNCT && ".!?:\"*#>-".indexOf(t.charAt(k - 1, 0)) >= 0;
    }

    // ---- context cues ---------------------------------------------------------------------------------

    /** Skips the dot after a title inside a run ("Mr. Smith" is one run). */
    private int titleDot(Tokens t, int v) {
        if (v > 0 && v + 1 < t.size() && t.isPunct(v, '.') && t.touchesPrevious(v) && t.singleSpaceBefore(v + 1)
                && cues.titles.contains(lower(t, v - 1))) {
            return v + 1;
        }
        return v;
    }

    private boolean titleBefore(Tokens t, int a) {
        int k = a - 1;
        boolean dot = k >= 0 && t.isPunct(k, '.');
        if (dot) {
            k--;
        }
        if (dot && k >= 0 && (t.length(k) > 5 || !Character.isUpperCase(t.charAt(k, 0)))) {
            return false; // "to me. The work", "the agent. As such": a sentence end, not "Me." or "Gen."
        }
        return k >= 0 && t.kind(k) == Tokens.WORD && !t.newlineBefore(a) && cues.titles.contains(lower(t, k));
    }

    private boolean greetingBefore(Tokens t, int a) {
        if (a == 0 || t.newlineBefore(a)) {
            return false;
        }
        int k = a - 1;
        if (t.isPunct(k, ',') && !t.newlineBefore(k)) {
            k--;
        }
        if (k < 0 || t.kind(k) != Tokens.WORD) {
            return false;
        }
        String w = lower(t, k);
        return cues.greetings.contains(w) || w.equals("you") && k > 0 && lower(t, k - 1).equals("thank");
    }

    /** A greeting counts when it opens the line or the name is followed by a comma, '!' or the line end. */
    private static boolean greetingOk(Tokens t, int a, int b) {
        int g = a - 1;
        while (g > 0 && t.kind(g) == Tokens.WORD && !t.newlineBefore(g) && a - g < 3) {
            g--;
        }
        boolean lineStart = t.newlineBefore(g) || g == 0;
        boolean closed = b >= t.size() || t.newlineBefore(b) || t.isPunct(b, ',') || t.isPunct(b, '!');
        return lineStart || closed;
    }

    private boolean introduced(Tokens t, int a) {
        if (a == 0 || t.newlineBefore(a)) {
            return false;
        }
        String one = lower(t, a - 1);
        if (NameCues.NAMING_WORDS.contains(one)) {
            int k = a - 2;
            if (k >= 0 && !t.newlineBefore(k + 1) && (lower(t, k).equals("is") || lower(t, k).equals("was"))) {
                k--; // "she is called Ana"
            }
            return k >= 0 && !t.newlineBefore(k + 1) && t.kind(k) == Tokens.WORD && NameCues.PERSON_NOUNS.contains(lower(t, k));
        }
        if (cues.introductions.contains(one)) {
            return true;
        }
        if (a >= 2 && !t.newlineBefore(a - 1)) {
            return cues.introductions.contains(lower(t, a - 2) + " " + one);
        }
        return false;
    }

    /** {@code name: X}, {@code "customer_name": "X"}, {@code Name=X}: the key before the value names a person. */
    private static boolean fieldKey(String s, int start, PerText work) {
        int k = start - 1;
        int floor = Math.max(-1, start - 80); // a key and its separator sit right before the value
        while (k > floor && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'' || s.charAt(k) == '\t')) {
            k--;
        }
        work.steps += start - k;
        if (k <= floor) {
            return false;
        }
        if (k < 0 || (s.charAt(k) != ':' && s.charAt(k) != '=')) {
            return false;
        }
        k--;
        while (k > floor && (s.charAt(k) == ' ' || s.charAt(k) == '"' || s.charAt(k) == '\'')) {
            k--;
        }
        int keyEnd = k + 1;
        while (k > floor && (Character.isLetter(s.charAt(k)) || s.charAt(k) == '_' || s.charAt(k) == '-')) {
            k--;
        }
        work.steps += keyEnd - k;
        if (keyEnd - (k + 1) < 2 || keyEnd - (k + 1) > 40) {
            return false;
        }
        return NameCues.isNameKey(s.substring(k + 1, keyEnd).toLowerCase(Locale.ROOT));
    }

    /** Cells come in text order and do not overlap: binary search for the last cell starting at or before start. */
    private static boolean inCell(int[] cells, int start, int end, PerText work) {
        int lo = 0;
        int hi = cells.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            work.steps++;
            int mid = (lo + hi) >>> 1;
            if (cells[2 * mid] <= start) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && end <= cells[2 * found + 1];
    }

    /** A name alone on its line under a sign-off ("Best regards,"), or after one on the same line ("Thanks, Ana"). */
    private boolean signature(Tokens t, int a, int b, PerText work) {
        boolean aloneToEnd = b >= t.size() || t.newlineBefore(b) || t.kind(b) == Tokens.PUNCT && (b + 1 >= t.size() || t.newlineBefore(b + 1));
        if (!aloneToEnd) {
            return false;
        }
        int lineStart = work.lineStart(t, a);
        if (lineStart < a) {
            // same line: closing words, a comma, then the name
            int end = a;
            if (t.isPunct(end - 1, ',')) {
                end--;
            }
            return closing(t, lineStart, end) || byline(t, lineStart, a);
        }
        if (lineStart == 0) {
            return false;
        }
        int prevStart = work.lineStart(t, lineStart - 1);
        int prevEnd = lineStart;
        while (prevEnd > prevStart && t.kind(prevEnd - 1) == Tokens.PUNCT && lineStart - prevEnd < 8) {
            prevEnd--;
            work.steps++;
        }
        return closing(t, prevStart, prevEnd) || prevEnd - prevStart == 1 && t.isPunct(prevStart, '-');
    }

    /** Words that open a byline before "by" ("Posted by", "Written by"). */
    private static final java.util.Set<String> BYLINE_VERBS = java.util.Set.of("posted", "written", "reported", "submitted",
            "edited", "photo", "photos", "text", "story", "review", "reviewed", "sent");

    /** The line so far is a byline: "By", "Posted by", "— by" (then the name runs to the end of the line). */
    private static boolean byline(Tokens t, int from, int to) {
        while (from < to && t.kind(from) == Tokens.PUNCT) {
            from++; // "-- by", "— Posted by"
        }
        if (to - from == 1) {
            String w = lower(t, from);
            return w.equals("by") || w.equals("von") || w.equals("par") || w.equals("por");
        }
        return to - from == 2 && lower(t, from + 1).equals("by") && BYLINE_VERBS.contains(lower(t, from));
    }

    private boolean closing(Tokens t, int from, int to) {
        if (to <= from || to - from > 4) {
            return false;
        }
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (t.kind(k) != Tokens.WORD) {
                return false;
            }
            if (k > from) {
                b.append(' ');
            }
            b.append(lower(t, k));
        }
        return cues.closings.contains(b.toString());
    }

    /** "@handle": a user name (see {@code PII.USERNAME}), not a person's name as written. */
    private static boolean handle(String s, int start) {
        return start > 0 && s.charAt(start - 1) == '@';
    }

    /**
     * An e-mail address right after the name ("Ana Ruiz (ana@x.es)", "<ana@x.es>") or later on its line
     * (1.5 or 0.7), or a phone number of seven digits or more later on its line (0.7): a signature or byline.
     */
    private static double emailNearby(String s, int end, PerText work) {
        int limit = Math.min(s.length(), end + 60);
        work.steps += limit - end;
        int digits = 0;
        for (int k = end; k < limit; k++) {
            char c = s.charAt(k);
            if (c == '\n') {
                break;
            }
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c) && digits < 7) {
                digits = 0;
            }
            if (c == '@' && k > end + 1 && Character.isLetterOrDigit(s.charAt(k - 1))) {
                int gap = k - end;
                return gap < 30 && (s.charAt(end) == ' ' || s.charAt(end) == ',') && "(<".indexOf(charAfterSpace(s, end)) >= 0 ? 1.5 : 0.7;
            }
        }
        return digits >= 7 ? 0.7 : 0;
    }

    /** How far a quoted display name reaches on either side of a candidate inside it. */
    private static final int DISPLAY_NAME_REACH = 40;

    /**
     * Twelfth round: the candidate lies inside a quoted display name that an address in angle brackets follows,
     * as mail programs write senders and recipients: {@code "Quennby, Orla" <oq@example.org>} (surname first, so
     * the surname is a lone word of its own) or {@code "Orla Quennby" <oq@example.org>}. Only letters, spaces,
     * commas, dots, hyphens and apostrophes between the quotes; both scans bounded.
     */
    private static boolean displayName(String s, int start, int end, PerText work) {
        int k = start - 1;
        int floor = Math.max(-1, start - DISPLAY_NAME_REACH);
        while (k > floor && nameChar(s.charAt(k))) {
            k--;
        }
        work.steps += start - k;
        if (k <= floor || s.charAt(k) != '"') {
            return false;
        }
        int q = end;
        int limit = Math.min(s.length(), end + DISPLAY_NAME_REACH);
        while (q < limit && nameChar(s.charAt(q))) {
            q++;
        }
        work.steps += q - end;
        if (q >= limit || s.charAt(q) != '"') {
            return false;
        }
        int lt = q + 1;
        while (lt < limit && s.charAt(lt) == ' ') {
            lt++;
        }
        work.steps += lt - q;
        if (lt + 2 >= s.length() || s.charAt(lt) != '<') {
            return false;
        }
        int at = lt + 1;
        int atLimit = Math.min(s.length(), lt + 1 + 64);
        while (at < atLimit && s.charAt(at) != '>' && s.charAt(at) != '@' && s.charAt(at) != '\n' && s.charAt(at) != ' ') {
            at++;
        }
        work.steps += at - lt;
        return at < atLimit && s.charAt(at) == '@' && at > lt + 1;
    }

    private static boolean nameChar(char c) {
        return Character.isLetter(c) || c == ' ' || c == ',' || c == '.' || c == '-' || c == '\'' || c == '\u2019';
    }

    private static char charAfterSpace(String s, int end) {
        int k = end;
        while (k < s.length() && k < end + 60 && (s.charAt(k) == ' ' || s.charAt(k) == ',')) {
            k++;
        }
        return k < s.length() ? s.charAt(k) : ' ';
    }
}
