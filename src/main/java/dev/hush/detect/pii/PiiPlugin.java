package dev.hush.detect.pii;

import dev.hush.config.DetectorPlugin;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import java.util.List;

/** The structured-PII family: email, phone, payment card, IBAN, US SSN and IP address detectors. */
public final class PiiPlugin implements DetectorPlugin {

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Detector> create(HushConfig config) {
        return List.of(
                new EmailDetector(),
                new PhoneDetector(config.detection.phoneRegion),
                new PaymentCardDetector(),
                new IbanDetector(),
                new UsSsnDetector(),
                new IpAddressDetector());
    }
}
