package dev.hush.detect.nlp;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words around a name that say "a person follows" (titles, greetings, sign-offs, introductions, field
 * names) or "this is not a person" (determiners, company and street suffixes), per language. All
 * lower-case; only the configured languages' words are used.
 */
final class NameCues {
    private static final Map<String, List<String>> TITLES = Map.of(
            "en", List.of("mr", "mrs", "ms", "miss", "mx", "dr", "drs", "prof", "sir", "madam", "professor", "doctor",
                    // offices and ranks written before a surname ("Judge Luebke said", "Senator Ortiz")
                    "judge", "justice", "senator", "sen", "rep", "congressman", "congresswoman", "governor", "gov",
                    "mayor", "president", "chancellor", "coach", "captain", "capt", "lt", "sgt", "col", "gen",
                    "officer", "detective", "det", "inspector", "sheriff", "lord", "lady", "dame", "rev", "reverend",
                    "pastor", "rabbi", "imam", "bishop", "cardinal", "pope", "prince", "princess", "king", "queen",
                    "uncle", "aunt", "grandma", "grandpa", "nurse", "agent"),
            "de", List.of("herr", "frau", "hr", "fr", "dr", "prof", "herrn"),
            "fr", List.of("m", "mme", "mlle", "monsieur", "madame", "mademoiselle", "dr", "me", "pr"),
            "es", List.of("sr", "sra", "srta", "señor", "señora", "señorita", "don", "doña", "dña", "dr", "dra", "lic", "ing"));
    private static final Map<String, List<String>> GREETINGS = Map.of(
            "en", List.of("hi", "hello", "hey", "dear", "morning", "afternoon", "evening", "thanks", "thank"),
            "de", List.of("hallo", "liebe", "lieber", "servus", "moin", "hey", "tag", "danke"),
            "fr", List.of("bonjour", "salut", "cher", "chère", "coucou", "bonsoir", "merci"),
            "es", List.of("hola", "estimado", "estimada", "querido", "querida", "días", "tardes", "gracias"));
    /** Sign-off lines after which a lone name is the sender (words joined by one space). */
    private static final Map<String, List<String>> CLOSINGS = Map.of(
            "en", List.of("best", "best regards", "kind regards", "regards", "warm regards", "warmest regards", "thanks",
                    "thank you", "many thanks", "thanks again", "cheers", "sincerely", "yours sincerely",
                    "sincerely yours", "yours truly", "all the best", "best wishes", "respectfully", "talk soon", "br"),
            "de", List.of("mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "viele grüße",
                    "liebe grüße", "beste grüße", "herzliche grüße", "grüße", "gruß", "mfg", "lg", "vg", "danke",
                    "vielen dank", "viele grüsse", "liebe grüsse", "beste grüsse"),
            "fr", List.of("cordialement", "bien cordialement", "bien à vous", "amicalement", "merci", "salutations",
                    "bonne journée", "bien amicalement", "sincères salutations", "à bientôt"),
            "es", List.of("saludos", "un saludo", "saludos cordiales", "atentamente", "gracias", "un abrazo",
                    "muchas gracias", "cordialmente", "besos"));
    /** Token sequences right before a self-introduced name. */
    private static final Map<String, List<String>> INTRODUCTIONS = Map.of(
            "en", List.of("name is", "name's", "i am", "i'm", "this is", "signed", "called", "named"),
            "de", List.of("name ist", "ich heiße", "ich bin", "heiße", "namens"),
            "fr", List.of("m'appelle", "nom est", "je suis", "appelle"),
            "es", List.of("me llamo", "nombre es", "soy", "llamado", "llamada"));
    /** Field and column names whose value is a person's name (with or without an underscore). */
    static final Set<String> NAME_KEYS = Set.of("name", "fullname", "full_name", "firstname", "first_name", "lastname",
            "last_name", "surname", "givenname", "given_name", "familyname", "family_name", "displayname",
            "display_name", "customer", "customername", "customer_name", "client", "clientname", "client_name",
            "employee", "employeename", "employee_name", "contact", "contactname", "contact_name", "author",
            "owner", "assignee", "reporter", "patient", "patientname", "patient_name", "manager", "approver",
            "recipient", "sender", "from", "to", "cc", "bcc", "attn", "attendee", "user", "person", "member",
            "applicant", "candidate", "cardholder", "card_holder", "holder", "account_holder", "accountholder",
            "beneficiary", "signed_by", "signedby", "requester", "requestor", "passenger", "guest", "student",
            "vorname", "nachname", "kunde", "kundin", "ansprechpartner", "empfänger", "absender", "mitarbeiter",
            "an", "von", "nom", "prénom", "prenom", "nom_complet", "destinataire", "expéditeur", "client_nom",
            "nombre", "apellido", "apellidos", "nombre_completo", "cliente", "titular", "para", "de",
            "contributor", "speaker", "interviewee", "tenant", "landlord", "buyer", "seller", "payee", "payer");
    /** Words right before a name that usually introduce a person (a weaker cue than a title). */
    private static final Map<String, List<String>> PERSON_CONTEXT = Map.of(
            "en", List.of("colleague", "coworker", "co-worker", "manager", "boss", "customer", "client", "employee",
                    "patient", "friend", "wife", "husband", "son", "daughter", "mother", "father", "sister", "brother",
                    "partner", "teammate", "intern", "candidate", "applicant", "tenant", "reply", "tell", "ask", "email",
                    "call", "thank", "congratulate", "remind", "invite", "meet", "met", "told", "asked", "emailed",
                    "called", "by", "with", "from", "to", "for", "cc", "ping", "contact", "hire", "hired",
                    "fire", "fired", "promote", "promoted", "mentor", "uncle", "aunt", "cousin", "neighbour", "neighbor"),
            "de", List.of("kollege", "kollegin", "kunde", "kundin", "mitarbeiter", "mitarbeiterin", "chef", "chefin",
                    "patient", "patientin", "freund", "freundin", "frau", "mann", "von", "an", "mit", "für",
                    "bewerber", "bewerberin", "mieter", "mieterin", "sohn", "tochter"),
            "fr", List.of("collègue", "client", "cliente", "patron", "patronne", "ami", "amie", "employé", "employée",
                    "patient", "patiente", "à", "avec", "pour", "candidat", "candidate", "locataire"),
            "es", List.of("compañero", "compañera", "cliente", "jefe", "jefa", "amigo", "amiga", "empleado",
                    "empleada", "paciente", "a", "con", "para", "candidato", "candidata", "inquilino"));
    /** Verbs whose object is a person, right before the name ("contact Vernon", "thank Nina"; English only). */
    static final Set<String> OBJECT_VERBS = Set.of("tell", "ask", "asked", "contact", "contacted", "thank", "thanks",
            "call", "called", "email", "emailed", "meet", "met", "invite", "invited", "congratulate", "remind", "ping",
            "hire", "hired", "told", "cc", "cc:", "regards", "love", "miss", "missed", "hug", "kiss", "marry", "married");
    /** Verbs before "to" whose object is a person ("forward to Brant", "talk to Ana"). */
    static final Set<String> TO_VERBS = Set.of("forward", "send", "sent", "pass", "talk", "talked", "speak", "spoke",
            "reply", "replied", "write", "wrote", "introduce", "introduced", "say", "said", "go", "give", "gave");
    /** Pronouns that refer back to a person ("Gloria developed eczema ... She died"), soon after the name. */
    private static final Map<String, List<String>> PERSON_PRONOUNS = Map.of(
            "en", List.of("he", "she", "him", "his", "her", "hers", "himself", "herself"),
            "de", List.of("er", "ihm", "ihn", "seine", "seinen", "seinem", "seiner", "ihre", "ihren", "ihrem"),
            "fr", List.of("elle", "lui"),
            "es", List.of("él", "ella"));
    /** Verbs right after a name that a person does: speech, thought, life events ("Shojai told", "Bruce indicated"). */
    private static final Map<String, List<String>> PERSON_VERBS = Map.of(
            "en", List.of("said", "says", "told", "tells", "asked", "asks", "replied", "wrote", "writes", "added",
                    "explained", "noted", "argued", "claimed", "insisted", "admitted", "thinks", "thought", "believes",
                    "believed", "wants", "wanted", "knows", "knew", "died", "married", "smiled", "laughed", "indicated",
                    "announced", "decided", "agreed", "promised", "suggested", "recalled", "called", "met", "spent",
                    "graduated", "joined", "retired", "resigned"),
            "de", List.of("sagte", "sagt", "erklärte", "meinte", "schrieb", "fragte", "antwortete", "starb", "heiratete"),
            "fr", List.of("a dit", "dit", "déclare", "déclaré", "explique", "expliqué", "écrit", "mort", "morte"),
            "es", List.of("dijo", "dice", "explicó", "afirmó", "escribió", "murió", "preguntó"));
    private static final Map<String, List<String>> DETERMINERS = Map.of(
            "en", List.of("the", "a", "an", "this", "that", "these", "those", "our", "your", "their", "its", "my", "his", "her"),
            "de", List.of("der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "unser", "unsere"),
            "fr", List.of("le", "la", "les", "un", "une", "du", "des", "notre", "votre", "ce", "cette"),
            "es", List.of("el", "los", "las", "una", "un", "nuestro", "nuestra", "este", "esta"));
    /** Words before a capitalised phrase that make it no person: storms and ships are named like people. */
    static final Set<String> NON_PERSON_HEADS = Set.of("hurricane", "cyclone", "typhoon", "storm", "tropical", "hms",
            "uss", "rms", "ss", "mv", "fort", "mount", "mt");
    /** Words after a capitalised phrase that make it a company, institution or place. */
    static final Set<String> NON_PERSON_SUFFIXES = Set.of("inc", "ltd", "llc", "gmbh", "ag", "corp", "corporation",
            "co", "sa", "sas", "sarl", "sl", "srl", "plc", "bv", "nv", "kg", "ohg", "group", "gruppe", "groupe", "grupo",
            "bank", "university", "universität", "université", "universidad", "college", "school", "hospital",
            "street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "blvd", "drive", "str", "straße",
            "strasse", "platz", "weg", "allee", "gasse", "rue", "calle", "avenida", "plaza", "foundation", "stiftung",
            "institute", "institut", "instituto", "labs", "lab", "technologies", "systems", "solutions", "consulting",
            "partners", "holdings", "holding", "ventures", "capital", "media", "studio", "studios", "airlines",
            "airport", "hotel", "park", "center", "centre", "library", "museum", "award", "prize", "law", "laws",
            "theorem", "effect", "equation", "principle", "method", "algorithm", "distribution", "test", "scale",
            "score", "index", "framework", "api", "sdk", "cloud", "server", "project", "river", "lake", "mountain",
            "county", "city", "state", "island", "islands", "valley", "bay", "beach", "station",
            // trades and businesses named after their founder ("Rodale Books", "Carr Futures", "Burch's Karate")
            "books", "press", "publishing", "publishers", "motors", "motorsports", "automotive", "auto", "futures",
            "securities", "insurance", "energy", "airways", "foods", "restaurant", "grill", "cafe", "bakery",
            "pharmacy", "clinic", "records", "pictures", "entertainment", "software", "networks", "industries",
            "enterprises", "associates", "financial", "investments", "realty", "properties", "construction",
            "services", "electric", "karate", "salon", "spa", "market", "lakes", "falls",
            // landforms and waters named after a person or with a first name in them ("Mariana Trench", "Ross Sea"),
            // and a benchmark crude ("Brent crude"); not "ocean", "forest", "hill": people are named those
            "trench", "ridge", "canyon", "gorge", "glacier", "basin", "plateau", "peninsula", "strait", "straits",
            "reef", "desert", "harbor", "harbour", "crater", "volcano", "lagoon", "fjord", "creek", "mountains",
            "hills", "heights", "sea", "crude");
    /** Prepositions of place right before a phrase ("in", "near", "through"): places follow them, people seldom do. */
    static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "at", "near", "through", "across", "around", "throughout",
            "outside", "inside", "into", "toward", "towards", "via", "nach", "bei", "à", "en", "dans", "près", "cerca");
    /** Participles after a phrase (or after "is"/"was" and it) that say it is a place or an organisation ("Quillan was founded"). */
    static final Set<String> PLACE_VERBS = Set.of("located", "situated", "based", "founded", "established", "incorporated",
            "headquartered", "bordered", "renamed", "annexed", "populated", "inhabited");
    /** Capitalised words that are never names: calendar words and pronouns in the four languages. */
    static final Set<String> NEVER_NAMES = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan",
            "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "montag", "dienstag",
            "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz", "mai", "juni",
            "juli", "oktober", "dezember", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
            "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
            "décembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "enero", "febrero",
            "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
            "i", "you", "he", "she", "we", "they", "ich", "je", "yo", "sie", "ihr", "vous", "usted", "ustedes", "hr", "it", "ceo", "cto", "cfo", "ok",
            "okay", "yes", "no", "please", "bitte", "merci", "gracias", "todo", "todos", "note", "notes", "hinweis",
            "christmas", "easter", "weihnachten", "ostern", "noël", "navidad", "dear", "hello", "hi", "hey", "hola",
            "hallo", "bonjour", "thanks", "regards", "best", "cheers", "sincerely", "cordialement", "saludos",
            "subject", "betreff", "objet", "asunto", "re", "fw", "fwd", "aw", "wg", "tr");

    final Set<String> titles = new HashSet<>();
    final Set<String> greetings = new HashSet<>();
    final Set<String> closings = new HashSet<>();
    final Set<String> introductions = new HashSet<>();
    /**
     * "called" and "named" introduce a person only after a word for one ("a guy named Sam", "she is called
     * Ana"); a town, a shop or a pet is called something too ("the city called Miramar").
     */
    static final Set<String> NAMING_WORDS = Set.of("called", "named");
    static final Set<String> PERSON_NOUNS = Set.of("i", "he", "she", "someone", "somebody", "person", "guy", "girl",
            "boy", "man", "woman", "lady", "gentleman", "friend", "colleague", "coworker", "customer", "client",
            "son", "daughter", "kid", "child", "baby", "wife", "husband", "brother", "sister", "doctor", "nurse",
            "teacher", "student", "employee", "manager", "user", "patient", "contractor", "engineer", "dude");
    final Set<String> determiners = new HashSet<>();
    final Set<String> personContext = new HashSet<>();
    final Set<String> pronouns = new HashSet<>();
    final Set<String> personVerbs = new HashSet<>();

    NameCues(List<String> languages) {
        for (String lang : languages) {
            titles.addAll(TITLES.getOrDefault(lang, List.of()));
            greetings.addAll(GREETINGS.getOrDefault(lang, List.of()));
            closings.addAll(CLOSINGS.getOrDefault(lang, List.of()));
            introductions.addAll(INTRODUCTIONS.getOrDefault(lang, List.of()));
            determiners.addAll(DETERMINERS.getOrDefault(lang, List.of()));
            personContext.addAll(PERSON_CONTEXT.getOrDefault(lang, List.of()));
            pronouns.addAll(PERSON_PRONOUNS.getOrDefault(lang, List.of()));
            for (String v : PERSON_VERBS.getOrDefault(lang, List.of())) {
                personVerbs.add(v.substring(v.lastIndexOf(' ') + 1)); // one token: "a dit" is read as "dit"
            }
        }
    }

    /** A field key whose value is a name: listed, or ending in "name" but not a technical name. */
    static boolean isNameKey(String key) {
        if (NAME_KEYS.contains(key)) {
            return true;
        }
        String k = key.replace("-", "_");
        if (NAME_KEYS.contains(k)) {
            return true;
        }
        if (!(k.endsWith("_name") || k.endsWith("name"))) {
            return false;
        }
        for (String tech : TECHNICAL_NAME_PREFIXES) {
            if (k.startsWith(tech)) {
                return false;
            }
        }
        return k.contains("customer") || k.contains("employee") || k.contains("contact") || k.contains("person")
                || k.contains("patient") || k.contains("client") || k.contains("holder") || k.contains("user")
                || k.contains("full") || k.contains("first") || k.contains("last") || k.contains("display");
    }

    private static final List<String> TECHNICAL_NAME_PREFIXES = List.of("host", "file", "bucket", "project", "table",
            "db", "database", "app", "service", "class", "func", "method", "branch", "repo", "image", "container",
            "cluster", "region", "zone", "key", "queue", "topic", "domain", "device", "product", "company", "org",
            "team", "group", "role", "field", "column", "index", "schema", "package", "module", "job", "task", "stage",
            "env", "var", "server", "node", "pod", "namespace", "deployment", "secret", "model", "dataset", "metric",
            "event", "tag", "label", "brand", "city", "country", "street", "path", "dir", "folder", "bot", "channel",
            "site", "store", "shop", "vendor", "merchant", "bank", "account_name", "username", "user_name", "login");
}
