package dev.hush.detect.pii;

import dev.hush.config.DetectorPlugin;
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
}
