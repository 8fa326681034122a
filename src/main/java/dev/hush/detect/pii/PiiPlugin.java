package dev.hush.detect.pii;

import dev.hush.config.DetectorPlugin;
import java.util.Set;
import dev.hush.config.Vocabulary;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import java.util.List;

/**
 * The structured-PII family: email, phone, payment card, IBAN, US SSN and IP address detectors, and
 * {@code @handles} when {@code detection.usernames} is on.
 */
public final class PiiPlugin implements DetectorPlugin {

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Detector> create(HushConfig config) {
        List<Detector> all = new java.util.ArrayList<>(List.of(
                new EmailDetector(),
                new PhoneDetector(config.detection.phoneRegion),
                new PaymentCardDetector(),
                new IbanDetector(),
                new UsSsnDetector(),
                new IpAddressDetector()));
        if (config.detection.usernames) {
            all.add(new UsernameDetector());
        }
        return List.copyOf(all);
    }

    @Override
    public Vocabulary vocabulary(HushConfig config, List<Detector> created) {
        return Vocabulary.of(
                Set.of("pii.email", "pii.phone", "pii.credit_card", "pii.iban", "pii.us_ssn", "pii.ip_address"),
                Set.of(EmailDetector.TYPE, PhoneDetector.TYPE, PaymentCardDetector.TYPE, IbanDetector.TYPE,
                        UsSsnDetector.TYPE, IpAddressDetector.TYPE));
    }
}
