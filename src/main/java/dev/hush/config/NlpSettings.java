package dev.hush.config;

import java.util.ArrayList;
import java.util.List;

/** The {@code nlp} section: language-model detectors (person names). */
public final class NlpSettings {
    public PersonSettings person = new PersonSettings();

    /** {@code nlp.person}: the {@code pii.person} detector. */
    public static final class PersonSettings {
        public static final List<String> SUPPORTED_LANGUAGES = List.of("en", "de", "fr", "es");

        public boolean enabled = true;
        /** Minimum confidence (0..1) for a name to be reported; higher means fewer, surer findings. */
        public double threshold = 0.45;
        /** Languages whose titles, greetings and sign-offs are used as cues. */
        public List<String> languages = new ArrayList<>(SUPPORTED_LANGUAGES);
        /** Do not report well-known public figures in general questions ("explain Newton's laws"). */
        public boolean skipPublicFigures = true;
        /** Folder with a retrained model set ({@code hush train names --out DIR}); empty uses the one in the jar. */
        public String modelDir = "";

        void validate(String path, List<String> errors) {
            if (!(threshold > 0.0 && threshold < 1.0)) {
                errors.add(path + ".threshold: must be between 0 and 1 (exclusive)");
            }
            if (languages == null || languages.isEmpty()) {
                errors.add(path + ".languages: needs at least one of " + SUPPORTED_LANGUAGES);
            } else {
                for (int i = 0; i < languages.size(); i++) {
                    if (!SUPPORTED_LANGUAGES.contains(languages.get(i))) {
                        errors.add(path + ".languages[" + i + "]: unsupported, use one of " + SUPPORTED_LANGUAGES);
                    }
                }
            }
            if (modelDir == null) {
                errors.add(path + ".modelDir: must not be null (use \"\" for the built-in model)");
            }
        }
    }

    void validate(String path, List<String> errors) {
        if (person == null) {
            errors.add(path + ".person: must not be null");
        } else {
            person.validate(path + ".person", errors);
        }
    }
}
