package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Detector;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameDetectorTest {
    private static final List<String> ALL = List.of("en", "de", "fr", "es");
    private static NameFinderModels models;
    private static Scanner scanner;

    @BeforeAll
    static void load() throws Exception {
        models = NameFinderModels.load(null); // from the classpath, as packaged in the jar
        scanner = new Scanner(List.of(new PersonNameDetector(models, 0.5, true, ALL)), "test");
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        models = null;
        scanner = null;
    }

    private static List<String> names(Scanner s, String text) {
        return s.scan(text).stream().filter(f -> f.type().equals(PersonNameDetector.TYPE))
                .map(f -> text.substring(f.start(), f.end())).collect(Collectors.toList());
    }

    /** The highest person confidence in the text, 0 when nothing reaches the detector's threshold. */
    private static double confidence(Scanner s, String text) {
        return s.scan(text).stream().filter(f -> f.type().equals(PersonNameDetector.TYPE))
                .mapToDouble(Finding::confidence).max().orElse(0);
    }

    private static void assertSpan(String text, String name) {
        List<Finding> found = scanner.scan(text);
        int start = text.indexOf(name);
        assertTrue(found.stream().anyMatch(f -> f.start() == start && f.end() == start + name.length()
                && f.type().equals("PII.PERSON") && f.rule().equals("pii.person")),
                () -> "expected " + name + " at " + start + " in: " + text + " but got " + found);
    }

    @Test
    void findsNamesWithExactOffsets() {
        assertSpan("Write a polite reply to Oren Castellanos (oren.castellanos@example.de) about the refund.", "Oren Castellanos");
        assertSpan("Summarize the performance issues of Stephanie Vandervort, employee 82077.", "Stephanie Vandervort");
        assertSpan("Please draft a reference letter for Dr. Hiroshi Tanaka, who worked with us.", "Hiroshi Tanaka");
        assertSpan("The patient, Mr. Dimitri Papadopoulos, reports chest pain.", "Dimitri Papadopoulos");
        assertSpan("Our customer Gwendolyn Pryce-Adebayo called twice.", "Gwendolyn Pryce-Adebayo");
    }

    @Test
    void contextCuesInFourLanguages() {
        assertSpan("Hi Olumide,\n\nCould you check the deploy?\n\nThanks,\nMarta", "Olumide");
        assertSpan("Hi Olumide,\n\nCould you check the deploy?\n\nThanks,\nMarta", "Marta");
        assertSpan("Sehr geehrte Frau Schneider, vielen Dank für Ihre Nachricht.", "Schneider");
        assertSpan("Hallo Jana,\nkannst du mir die Folien schicken?\nViele Grüße\nTimo", "Timo");
        assertSpan("Bonjour Camille,\nmerci pour le compte rendu.\nCordialement,\nSophie Lambert", "Sophie Lambert");
        assertSpan("Redacta un correo para Javier Ortega Ruiz sobre su pedido.", "Javier Ortega Ruiz");
        assertSpan("El señor Ramírez llamó por la factura de marzo.", "Ramírez");
        assertSpan("My name is Aoife Gallagher and I need a cover letter.", "Aoife Gallagher");
    }

    @Test
    void structuredFieldsAndTables() {
        assertSpan("{\"customer\": {\"name\": \"Daniela Kovač\", \"tier\": \"gold\"}}", "Daniela Kovač");
        assertSpan("owner: Rahul Mehta\nteam: payments\n", "Rahul Mehta");
        String csv = "Format this:\n\nfirst_name;last_name;city\nIngrid;Solberg;Oslo\nMateus;Carvalho;Porto\n";
        assertSpan(csv, "Ingrid");
        assertSpan(csv, "Carvalho");
        assertFalse(names(scanner, csv).contains("Oslo"), "a city column is not a name column");
        assertSpan("| Name | Role |\n|---|---|\n| Chiara Bellini | Designer |\n", "Chiara Bellini");
    }

    @Test
    void realTextShapes() {
        // an office before a lone surname; names the lists do not hold, read by the trained finder
        assertSpan("Judge Kvelstad said the filing was late.", "Kvelstad");
        assertSpan("We met Nguyen Van Minh and Oluwaseun Adebayo-Okafor in Lagos.", "Nguyen Van Minh");
        assertSpan("We met Nguyen Van Minh and Oluwaseun Adebayo-Okafor in Lagos.", "Oluwaseun Adebayo-Okafor");
        // a mention that repeats a name found confidently elsewhere in the text
        assertEquals(List.of("Orla Vantongeren", "Vantongeren"),
                names(scanner, "Yesterday Orla Vantongeren met the board. The board thanked Vantongeren today."));
        // clubs, ships and places named like people stay quiet
        assertEquals(List.of(), names(scanner, "Liverpool beat Arsenal at Anfield, and the Titanic sank in 1912."));
        // a handle is a user name (PII.USERNAME when enabled), not a person's name as written
        assertEquals(List.of(), names(scanner, "thanks @Marguerite for the fix"));
    }

    /** The scored candidates of the text by their phrase (the last one wins when a phrase repeats). */
    private static java.util.Map<String, PersonNameDetector.Candidate> candidates(String text) {
        PersonNameDetector det = new PersonNameDetector(models, 0.5, true, ALL);
        java.util.Map<String, PersonNameDetector.Candidate> out = new java.util.LinkedHashMap<>();
        det.candidates(text, c -> out.put(text.substring(c.start(), c.end()), c));
        return out;
    }

    @Test
    void stormShipAndPlaceWordsMarkThePhraseAndItsOtherMentions() {
        String text = "Yesterday Hurricane Zelphine reached the coast, and officials said Zelphine weakened over land.";
        PersonNameDetector det = new PersonNameDetector(models, 0.5, true, ALL);
        List<PersonNameDetector.Candidate> all = new ArrayList<>();
        det.candidates(text, c -> {
            if (text.substring(c.start(), c.end()).equals("Zelphine")) {
                all.add(c);
            }
        });
        assertEquals(2, all.size(), all::toString);
        assertEquals(1.0, all.get(0).features()[NameEnsemble.SUFFIX], all::toString); // "Hurricane" before it
        assertEquals(1.0, all.get(1).features()[NameEnsemble.AGAINST_ECHO], all::toString); // the same word later
        assertEquals(List.of(), names(scanner, text));
        // a company or place word inside a short run: "Hayes Street Grill"
        assertEquals(1.0, candidates("We ate at Brennick Street Grill last night.").get("Brennick Street Grill")
                .features()[NameEnsemble.SUFFIX]);
    }

    @Test
    void aWordAfterATitleIsANameForTheRestOfTheText() {
        // "Brown" and "Bush" are common words: after a title they are surnames, and so are their later mentions
        String text = "Senator Brown spoke to reporters on Monday. The vote was close, and later Brown told them the bill would pass.";
        var all = new ArrayList<PersonNameDetector.Candidate>();
        new PersonNameDetector(models, 0.5, true, ALL).candidates(text, all::add);
        var browns = all.stream().filter(c -> text.substring(c.start(), c.end()).equals("Brown")).toList();
        assertEquals(2, browns.size(), all::toString);
        assertEquals(1.0, browns.get(1).features()[NameEnsemble.ECHO], browns::toString);
        assertEquals(List.of("Brown", "Brown"), names(scanner, text));
        // an everyday word that is no listed name is kept after the title, and later on, instead of trimmed
        String bush = "President Bush spoke on Tuesday. Later that day Bush nominated two judges.";
        var bushes = new ArrayList<String>();
        new PersonNameDetector(models, 0.5, true, ALL).candidates(bush, c -> bushes.add(bush.substring(c.start(), c.end())));
        assertEquals(2, bushes.stream().filter("Bush"::equals).count(), bushes::toString);
        // without the title it is still scored (the finder leans to it as a name), but as an everyday word kept
        assertEquals(1.0, candidates("Later that day Bush nominated two judges.").get("Bush").features()[NameEnsemble.EVERYDAY_KEPT]);
        var titled = new ArrayList<PersonNameDetector.Candidate>();
        new PersonNameDetector(models, 0.5, true, ALL).candidates(bush, titled::add);
        assertTrue(titled.stream().allMatch(c -> c.features()[NameEnsemble.EVERYDAY_KEPT] == 0), titled::toString);
    }

    @Test
    void aTradeWordAfterAPhraseMarksABusiness() {
        String text = "The report was printed by Hallworth Books in Leeds, and the prints came from Carrow Futures last spring.";
        var c = candidates(text);
        assertEquals(1.0, c.get("Hallworth").features()[NameEnsemble.SUFFIX], c::toString);
        assertEquals(1.0, c.get("Carrow").features()[NameEnsemble.SUFFIX], c::toString);
        assertEquals(List.of(), names(scanner, text));
    }

    @Test
    void aTradeWordEndingTheRunMarksABusinessUnlessItIsAListedName() {
        String text = "Calls are now forwarded to Dale Brenner Motorsports down the road.";
        var c = candidates(text);
        assertEquals(1.0, c.get("Dale Brenner Motorsports").features()[NameEnsemble.SUFFIX], c::toString);
        assertEquals(List.of(), names(scanner, text));
        // "park" is a trade word and a listed surname: the last word of a short run is only a mark when it is no name
        var k = candidates("Yesterday I had lunch with Grace Park and her team.");
        assertEquals(0.0, k.get("Grace Park").features()[NameEnsemble.SUFFIX], k::toString);
    }

    @Test
    void poolingCountsListedNamesThatAreAlsoCommonWords() {
        // "esperanza" ranks among the common (Spanish) words: pooled all the same, as a listed name
        String text = "The clinic treated Esperanza for months. Later the nurse said Esperanza had improved, "
                + "and by spring Esperanza was walking again.";
        PersonNameDetector det = new PersonNameDetector(models, 0.5, true, ALL);
        List<PersonNameDetector.Candidate> all = new ArrayList<>();
        det.candidates(text, all::add);
        List<PersonNameDetector.Candidate> named = all.stream().filter(c -> text.substring(c.start(), c.end()).endsWith("Esperanza")).toList();
        assertFalse(named.isEmpty(), all::toString);
        for (PersonNameDetector.Candidate c : named) {
            assertTrue(c.features()[NameEnsemble.DOC_MENTIONS] > 0, all::toString);
        }
    }

    @Test
    void pronounsAndVerbsAfterACandidateAreCues() {
        var c = candidates("At the hearing Oswin told the court that she had paid.");
        assertEquals(1.0, c.get("Oswin").features()[NameEnsemble.PERSON_VERB], c::toString);
        assertEquals(1.0, c.get("Oswin").features()[NameEnsemble.PRONOUN_AFTER], c::toString);
        var d = candidates("At the hearing Oswin Lane was closed to traffic for a day.");
        assertEquals(0.0, d.get("Oswin Lane").features()[NameEnsemble.PERSON_VERB], d::toString);
        assertEquals(0.0, d.get("Oswin Lane").features()[NameEnsemble.PRONOUN_AFTER], d::toString);
    }

    @Test
    void aBylineIsASignature() {
        assertTrue(candidates("Great night out, go and see them!\nBy Ysolde Marrin").get("Ysolde Marrin").strong());
        assertTrue(candidates("Thanks to everyone who came.\nPosted by Ysolde").get("Ysolde").strong());
        assertTrue(candidates("Thanks to everyone who came.\nPosted by priya").get("priya").strong());
        assertFalse(candidates("The award was won by Ysolde Marrin last year.").get("Ysolde Marrin").strong());
        assertFalse(candidates("Thanks to everyone.\nBy Ysolde Marrin we mean the house.").get("Ysolde Marrin").strong());
    }

    @Test
    void aWordJoinedToTheSpeakerIsAPersonCue() {
        var c = candidates("In fact Tomasz and I were remarking on how agreeable the weather was.");
        assertEquals(1.0, c.get("Tomasz").features()[NameEnsemble.PERSON_VERB], c::toString);
        var d = candidates("We drove from Tomasz and Ivory Coast to the lake.");
        assertEquals(0.0, d.get("Tomasz").features()[NameEnsemble.PERSON_VERB], d::toString);
        var e = candidates("Yesterday Tomasz and\nI went home.");
        assertEquals(0.0, e.get("Tomasz").features()[NameEnsemble.PERSON_VERB], e::toString);
    }

    @Test
    void prosePartOfTheTextSaysHowMuchACapitalMeans() {
        String prose = "We walked down to the harbour after lunch and watched the boats come in while the light was fading slowly.";
        String titled = "Big Game Night Tonight, With All The Best Friends, Great Food And Drinks At The Old Harbour Bar! Oswin waved.";
        assertTrue(candidates(prose + " Oswin waved.").get("Oswin").features()[NameEnsemble.PROSE] > 0.8);
        var c = candidates(titled);
        assertEquals(0.0, c.get("Oswin").features()[NameEnsemble.PROSE], c::toString);
    }

    @Test
    void aNameListedWithAConfidentNameLeansTowardsAPerson() {
        String text = "Dr. Imelda Okonkwo and Tasmin were very helpful.";
        var c = candidates(text);
        assertTrue(c.get("Imelda Okonkwo").confidence() >= 0.8, c::toString);
        assertEquals(1.0, c.get("Tasmin").features()[NameEnsemble.LISTED_WITH_NAME], c::toString);
        assertEquals(0.0, candidates("Tasmin were very helpful.").get("Tasmin").features()[NameEnsemble.LISTED_WITH_NAME]);
    }

    @Test
    void mailSystemAddressesAndCapitalsAreCandidates() {
        // Lotus-Notes style headers: the name runs into "@ORG" or "/ORG"
        assertTrue(candidates("From: Perpetua Lindqvist@ACMECORP 08/16/2000").containsKey("Perpetua Lindqvist"));
        assertTrue(candidates("Perpetua Lindqvist/HOU/ACMECORP@ACMECORP wrote").containsKey("Perpetua Lindqvist"));
        // but not inside an ordinary address
        assertFalse(candidates("write to perpetua@lindqvist.example").containsKey("Lindqvist"));
        // a listed, uncommon first name in capitals is judged like one in lower case
        var c = candidates("FOLLOW ME PLEASE PRIYANKA");
        assertTrue(c.containsKey("PRIYANKA"), c::toString);
        assertEquals(1.0, c.get("PRIYANKA").features()[NameEnsemble.LOWER]);
        assertFalse(candidates("PLEASE WILL YOU FOLLOW").containsKey("WILL"), "a common word in capitals is no candidate");
    }

    @Test
    void lowerCaseNamesOnlyAfterAStrongCue() {
        assertSpan("hi, my name is priya and I lost my badge", "priya");
        assertSpan("name: jonas lindqvist\nrole: admin", "jonas lindqvist");
        assertEquals(List.of(), names(scanner, "it is priya who decides, and the grace period ends soon"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Compare Kubernetes and Docker Swarm for a small team.",
        "How do I configure Visual Studio Code to format Python on save?",
        "The Washington Post and The New York Times covered the outage.",
        "Write a product description for the Bespoke Granite Keyboard in Ocean Blue and Forest Green.",
        "Create a SQL query for orders from Acme Corporation and Globex Industries in Q3.",
        "Schreibe eine Zusammenfassung: Die Abteilung Vertrieb hat die Ziele übertroffen, der Einkauf meldet Engpässe.",
        "Resume la historia de la Revolución Francesa en cinco puntos.",
        "Compare Morgan Stanley and Goldman Sachs on fees.",
        "public class InvoiceService { private final CustomerRepository repo; }",
        "Why does Spring Boot fail with BeanCreationException for bean 'dataSource'?",
        "Next review on Sat Nov 28 2026; see commit e88ca9e4bebfdcd2515f13a96ed0fed4f21e000a.",
    })
    void staysQuietOnCapitalisedNonNames(String text) {
        assertEquals(List.of(), names(scanner, text));
    }

    @Test
    void publicFiguresAreAPolicyOption() throws Exception {
        String q = "Explain Newton's laws of motion and what Albert Einstein added.";
        assertEquals(List.of(), names(scanner, q));
        Scanner strict = new Scanner(List.of(new PersonNameDetector(models, 0.5, false, ALL)), "strict");
        List<String> found = names(strict, q);
        assertTrue(found.contains("Albert Einstein"), found::toString);
        // a personal cue wins over the list: a private person may share a famous surname
        assertSpan("Dear Mr. Newton, your parcel is delayed.", "Newton");
    }

    @Test
    void thresholdTradesRecallForPrecision() {
        String text = "Tell Grace that Priya Raman and Bill Ortega approved it; Hi Olumide, thanks.";
        Scanner loose = new Scanner(List.of(new PersonNameDetector(models, 0.05, true, ALL)), "loose");
        Scanner tight = new Scanner(List.of(new PersonNameDetector(models, 0.95, true, ALL)), "tight");
        List<Finding> many = loose.scan(text);
        List<Finding> few = tight.scan(text);
        assertTrue(many.size() > few.size(), () -> many + " vs " + few);
        for (Finding f : few) {
            assertTrue(f.confidence() >= 0.95, f::toString);
            assertTrue(many.stream().anyMatch(m -> m.start() == f.start() && m.end() == f.end()));
        }
        for (Finding f : many) {
            assertTrue(f.confidence() >= 0.05 && f.confidence() <= 1.0, f::toString);
        }
    }

    @Test
    void languagesLimitTheCues() {
        Scanner englishOnly = new Scanner(List.of(new PersonNameDetector(models, 0.5, true, List.of("en"))), "en");
        String text = "Sehr geehrter Herr Vogt, wir bedauern die Verzögerung.";
        assertEquals(List.of("Vogt"), names(scanner, text));
        // without German, "Herr" is no cue: the lone surname may still be found on its own evidence, but weaker
        double withGerman = confidence(scanner, text);
        double withoutGerman = confidence(englishOnly, text);
        assertTrue(withoutGerman < withGerman - 0.15, "the German title is a cue only when German is on: "
                + withGerman + " vs " + withoutGerman);
    }

    @Test
    void offsetsMapBackThroughNormalisation() {
        // a zero-width space and a JSON escape make the scanner normalise; offsets must still hit the original
        String text = "{\"text\": \"Bitte antworte J\\u00fcrgen M\u00fcller\u200b (j@example.de) heute.\"}";
        List<Finding> found = scanner.scan(text);
        assertEquals(1, found.size(), found::toString);
        assertEquals("J\\u00fcrgen M\u00fcller", text.substring(found.get(0).start(), found.get(0).end()));
    }

    @Test
    void aCredentialOrEmailContainingTheNameWins() {
        String text = "db password is \"Anna Schmidt 2024!\" and mail anna.schmidt@example.com, ask Anna Schmidt.";
        int secretStart = text.indexOf("Anna Schmidt 2024!");
        Detector secret = new Detector() {
            @Override
            public String id() {
                return "test.secret";
            }

            @Override
            public void detect(dev.hush.detect.ScanText t, dev.hush.detect.FindingSink sink) {
                sink.add(secretStart, secretStart + "Anna Schmidt 2024!".length(), "SECRET.PASSWORD", "test", 1.0);
            }
        };
        Scanner both = new Scanner(List.of(new PersonNameDetector(models, 0.5, true, ALL), secret), "both");
        List<Finding> found = both.scan(text);
        List<String> persons = new ArrayList<>();
        for (Finding f : found) {
            if (f.type().equals("PII.PERSON")) {
                persons.add(f.start() + ":" + text.substring(f.start(), f.end()));
            }
        }
        assertEquals(List.of(text.lastIndexOf("Anna Schmidt") + ":Anna Schmidt"), persons,
                "only the free-standing name is a person finding; the one inside the password is not repeated");
        assertTrue(found.stream().anyMatch(f -> f.type().equals("SECRET.PASSWORD")));
    }
}
