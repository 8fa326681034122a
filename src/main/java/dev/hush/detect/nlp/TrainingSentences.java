package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Generates labelled sentences for the name-finder model: hand-written templates in English, German,
 * French and Spanish with person slots filled from the name lists, negative slots filled with other
 * capitalised things (products, countries, companies named after people, weekdays), and random-word
 * sentences with names dropped in, so the model learns name shapes and context rather than templates.
 * Slots: {P} person, {O} other capitalised phrase, {C} company, {E} e-mail, {N} number, {D} day or month.
 */
public final class TrainingSentences {
    static final String[] EN = {
        "Draft a reply to {P} about the delayed shipment.",
        "Can you summarise the complaint {P} sent us yesterday?",
        "{P} from accounting asked for the Q3 numbers.",
        "Please ask {P} to review the pull request before {D}.",
        "I had a call with {P} and {P} about the {O} rollout.",
        "Hi {P},\nthanks for the update on {O}.\nBest,\n{P}",
        "Dear {P}, we regret to inform you that your order {N} was cancelled.",
        "Write a performance review for {P}, who joined in {D}.",
        "My name is {P} and I work at {C}.",
        "Translate this note from {P}: the meeting moved to {D}.",
        "Schedule a meeting with {P} on {D} at {N}pm.",
        "The customer {P} ({E}) wants a refund.",
        "Forward this to {P} <{E}> and cc {P}.",
        "{P} reported that the {O} dashboard is broken.",
        "Who should approve the budget, {P} or {P}?",
        "Mr. {P} called about invoice {N}.",
        "Ms. {P} will join the {O} team next week.",
        "Dr. {P} reviewed the patient file on {D}.",
        "Please update the contract for {P}, employee id {N}.",
        "Is {P} still the owner of the {O} project?",
        "Tell {P} that the {C} deal closed.",
        "Thanks,\n{P}",
        "Regards,\n{P}\n{C}",
        "We shipped {O} to {O} in {D}.",
        "The {O} release notes mention {O} and {O}.",
        "{C} acquired {C} for {N} million.",
        "Compare {O} with {O} for our use case.",
        "Summarise the {O} report for the board.",
        "Our office in {O} is closed on {D}.",
        "Rewrite this paragraph about {O} in a friendlier tone.",
        "The invoice from {C} is overdue by {N} days.",
        "{D} is the deadline for the {O} migration.",
        "name: {P}\nemail: {E}\nphone: {N}",
        "\"name\": \"{P}\", \"email\": \"{E}\"",
        "Assignee: {P}\nReporter: {P}",
        "@{P} can you take a look at this?",
        "Send the signed NDA to {P} at {E} today.",
        "According to {P}, the {O} budget is {N} dollars.",
        "{P} and I disagree on the {O} design.",
        "I am writing on behalf of {P}, who cannot attend.",
        "Please congratulate {P} on the promotion.",
        "The account belongs to {P}, born {D} {N}.",
        "List the risks of moving {O} to {O}.",
        "Explain why {O} is slower than {O}.",
        "Generate test data for the {O} service.",
        "Meeting notes: {P} presented the {O} roadmap, {P} took notes.",
    };
    static final String[] DE = {
        "Bitte antworte {P} auf die Beschwerde vom {D}.",
        "Hallo {P},\nvielen Dank für die Rückmeldung.\nViele Grüße\n{P}",
        "Sehr geehrte Frau {P}, Ihre Bestellung {N} wurde versandt.",
        "Sehr geehrter Herr {P}, wir bedauern die Verzögerung.",
        "Fasse die E-Mail von {P} zusammen.",
        "{P} aus der Buchhaltung braucht die Zahlen bis {D}.",
        "Der Kunde {P} ({E}) möchte eine Rückerstattung.",
        "Mein Name ist {P} und ich arbeite bei {C}.",
        "Die Rechnung von {C} ist seit {N} Tagen überfällig.",
        "Schreibe eine Leistungsbeurteilung für {P}.",
        "Unser Büro in {O} bleibt am {D} geschlossen.",
        "Die Lieferung nach {O} kommt am {D}.",
        "Mit freundlichen Grüßen\n{P}",
        "Kannst du {P} fragen, ob das Angebot noch gilt?",
    };
    static final String[] FR = {
        "Rédige une réponse à {P} concernant le retard de livraison.",
        "Bonjour {P},\nmerci pour votre message.\nCordialement,\n{P}",
        "Madame {P} a appelé au sujet de la facture {N}.",
        "M. {P} souhaite un remboursement.",
        "Résume le courriel de {P} du {D}.",
        "Je m'appelle {P} et je travaille chez {C}.",
        "Le client {P} ({E}) attend une réponse.",
        "La facture de {C} est en retard de {N} jours.",
        "Notre bureau de {O} est fermé le {D}.",
        "Peux-tu demander à {P} de valider le budget ?",
        "Écris une évaluation annuelle pour {P}.",
        "Cher {P}, votre commande {N} a été expédiée.",
    };
    static final String[] ES = {
        "Redacta una respuesta a {P} sobre el retraso del pedido.",
        "Hola {P},\ngracias por tu mensaje.\nSaludos,\n{P}",
        "La señora {P} llamó por la factura {N}.",
        "Sr. {P} solicita un reembolso.",
        "Resume el correo de {P} del {D}.",
        "Me llamo {P} y trabajo en {C}.",
        "El cliente {P} ({E}) espera una respuesta.",
        "La factura de {C} lleva {N} días de retraso.",
        "Nuestra oficina en {O} cierra el {D}.",
        "¿Puedes pedirle a {P} que apruebe el presupuesto?",
        "Escribe una evaluación de desempeño para {P}.",
        "Estimada {P}, su pedido {N} ha sido enviado.",
    };
    private static final String[] DAYS = {"Monday", "Tuesday", "Friday", "January", "March", "June", "October",
        "December", "Montag", "Freitag", "März", "Oktober", "lundi", "vendredi", "mars", "octobre", "lunes",
        "viernes", "marzo", "octubre", "Mon", "Nov", "Q3", "Q4"};
    private static final String[] COMPANY_SUFFIX = {"Inc", "Ltd", "GmbH", "AG", "LLC", "Group", "& Sons", "SA", "SL",
        "Consulting", "Partners", "Bank", "Labs"};
    private static final String[] DOMAINS = {"example.com", "contoso.com", "mail.de", "corp.fr", "empresa.es"};

    private final Map<String, List<String>> first;
    private final Map<String, List<String>> last;
    private final List<String> others;
    private final List<String> commonWords;
    private final Random rnd;

    TrainingSentences(NameListBuilder lists, Random rnd) {
        this.first = lists.firstByLocale;
        this.last = lists.lastByLocale;
        this.others = lists.otherEntities.isEmpty() ? List.of("Kubernetes", "Visual Studio", "Berlin") : lists.otherEntities;
        List<String> words = new ArrayList<>();
        lists.commonRank.forEach((w, r) -> {
            if (r <= 5000 && w.length() > 2 && w.chars().allMatch(Character::isLetter)
                    && !lists.firstNames.contains(w) && !lists.lastNames.contains(w)) {
                words.add(w);
            }
        });
        this.commonWords = words.isEmpty() ? List.of("the", "report", "server") : words;
        this.rnd = rnd;
    }

    /** All templates, language-tagged, in a fixed order. */
    static List<String[]> templates() {
        List<String[]> all = new ArrayList<>();
        for (String t : EN) {
            all.add(new String[] {"en", t});
        }
        for (String t : DE) {
            all.add(new String[] {"de", t});
        }
        for (String t : FR) {
            all.add(new String[] {"fr", t});
        }
        for (String t : ES) {
            all.add(new String[] {"es", t});
        }
        return all;
    }

    /** {@code count} samples from the given templates, a fifth of them random-word sentences. */
    List<NameSample> generate(List<String[]> templates, int count) {
        List<NameSample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (rnd.nextInt(5) == 0) {
                out.add(randomWords());
            } else {
                String[] t = templates.get(rnd.nextInt(templates.size()));
                out.add(fill(t[0], t[1]));
            }
        }
        return out;
    }

    NameSample fill(String lang, String template) {
        StringBuilder b = new StringBuilder();
        List<int[]> persons = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                b.append(template, i, template.length());
                break;
            }
            b.append(template, i, open);
            int close = template.indexOf('}', open);
            String slot = template.substring(open + 1, close);
            switch (slot) {
                case "P" -> {
                    int s = b.length();
                    b.append(person(lang));
                    persons.add(new int[] {s, b.length()});
                }
                case "O" -> b.append(pick(others));
                case "C" -> b.append(company(lang));
                case "E" -> b.append(pick(commonWords)).append('.').append(pick(commonWords)).append('@').append(pick(List.of(DOMAINS)));
                case "N" -> b.append(1 + rnd.nextInt(rnd.nextBoolean() ? 30 : 99999));
                case "D" -> b.append(DAYS[rnd.nextInt(DAYS.length)]);
                default -> b.append(slot);
            }
            i = close + 1;
        }
        return toSample(b.toString(), persons);
    }

    /** A sentence of random common words, some capitalised, with up to two names at random places. */
    NameSample randomWords() {
        StringBuilder b = new StringBuilder();
        List<int[]> persons = new ArrayList<>();
        int n = 5 + rnd.nextInt(12);
        int names = rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                b.append(' ');
            }
            if (names > 0 && rnd.nextInt(n) < 2) {
                int s = b.length();
                b.append(person(pickLang()));
                persons.add(new int[] {s, b.length()});
                names--;
                continue;
            }
            String w = rnd.nextInt(8) == 0 ? pick(others) : pick(commonWords);
            if (k == 0 || rnd.nextInt(6) == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            b.append(w);
        }
        b.append(rnd.nextBoolean() ? "." : "");
        return toSample(b.toString(), persons);
    }

    private String pickLang() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "de";
            case 1 -> "fr";
            case 2 -> "es";
            default -> "en";
        };
    }

    /** A person's name as people write it: full, first only, with initials or middle names. */
    String person(String lang) {
        String group = rnd.nextInt(4) == 0 ? "other" : lang;
        String f = pickName(first, group);
        String l = pickName(last, group);
        int form = rnd.nextInt(20);
        String s;
        if (form < 10) {
            s = f + " " + l;
        } else if (form < 14) {
            s = f;
        } else if (form < 16) {
            s = f + " " + pickName(first, group) + " " + l;
        } else if (form < 17) {
            s = f + " " + l + (lang.equals("es") ? " " + pickName(last, group) : "-" + pickName(last, group));
        } else if (form < 18) {
            s = f.charAt(0) + ". " + l;
        } else if (form < 19) {
            s = l;
        } else {
            s = (f + " " + l).toLowerCase(java.util.Locale.ROOT);
        }
        return s;
    }

    private String company(String lang) {
        if (rnd.nextBoolean()) {
            return pickName(last, lang) + " " + COMPANY_SUFFIX[rnd.nextInt(COMPANY_SUFFIX.length)];
        }
        String w = pick(others);
        return w + " " + COMPANY_SUFFIX[rnd.nextInt(COMPANY_SUFFIX.length)];
    }

    private String pickName(Map<String, List<String>> byGroup, String group) {
        List<String> l = byGroup.get(group);
        if (l == null || l.isEmpty()) {
            l = byGroup.get("en");
        }
        if (l == null || l.isEmpty()) {
            l = byGroup.values().iterator().next();
        }
        return l.get(rnd.nextInt(l.size()));
    }

    private <T> T pick(List<T> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    /** Tokenises with the detector's tokenizer and turns character spans into token spans. */
    static NameSample toSample(String text, List<int[]> persons) {
        Tokens t = Tokens.of(text);
        String[] toks = t.texts(0, t.size());
        List<Span> spans = new ArrayList<>();
        for (int[] p : persons) {
            int a = -1;
            int z = -1;
            for (int k = 0; k < t.size(); k++) {
                if (t.start(k) >= p[0] && t.end(k) <= p[1]) {
                    if (a < 0) {
                        a = k;
                    }
                    z = k + 1;
                }
            }
            if (a >= 0) {
                spans.add(new Span(a, z, NameFinderModels.PERSON));
            }
        }
        return new NameSample(toks, spans.toArray(new Span[0]), true);
    }
}
