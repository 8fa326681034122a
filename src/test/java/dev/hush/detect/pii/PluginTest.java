package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.DetectorPlugin;
import dev.hush.config.HushConfig;
import dev.hush.detect.terms.TermsPlugin;
import java.util.ArrayList;
import java.util.ServiceLoader;
import dev.hush.detect.Detector;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PluginTest {

    /** Only this family's plug-ins, so the test does not depend on other detector families. */
    private static Scanner scanner(HushConfig config) {
        List<Detector> detectors = new ArrayList<>(new PiiPlugin().create(config));
        detectors.addAll(new TermsPlugin().create(config));
        detectors.removeIf(d -> config.detection.disabled.contains(d.id()));
        return new Scanner(detectors, "test");
    }

    @Test
    void pluginsAreListedForTheServiceLoader() {
        List<Class<?>> types = ServiceLoader.load(DetectorPlugin.class).stream()
                .map(ServiceLoader.Provider::type).collect(Collectors.toList());
        assertTrue(types.contains(PiiPlugin.class) && types.contains(TermsPlugin.class), types.toString());
    }

    @Test
    void pluginsAreConfigured() {
        HushConfig config = new HushConfig();
        config.detection.dictionaries.put("CODENAMES", List.of("Bluebird"));
        config.detection.disabled.add("pii.ip_address");
        Scanner scanner = scanner(config);
        List<String> ids = scanner.detectors().stream().map(Detector::id).collect(Collectors.toList());
        assertTrue(ids.containsAll(List.of("pii.email", "pii.phone", "pii.credit_card", "pii.iban", "pii.us_ssn",
                "markers", "terms")), ids.toString());
        assertTrue(!ids.contains("pii.ip_address"));

        String text = "CONFIDENTIAL\nBluebird launch: mail ana@contoso.com, card 4111 1111 1111 1111, host 10.0.0.1";
        Map<String, String> byType = scanner.scan(text).stream()
                .collect(Collectors.toMap(Finding::type, f -> text.substring(f.start(), f.end()), (a, b) -> a));
        assertEquals("CONFIDENTIAL", byType.get("CONFIDENTIAL.MARKER"));
        assertEquals("Bluebird", byType.get("CUSTOM.CODENAMES"));
        assertEquals("ana@contoso.com", byType.get("PII.EMAIL"));
        assertEquals("4111 1111 1111 1111", byType.get("PII.CREDIT_CARD"));
        assertTrue(!byType.containsKey("PII.IP_ADDRESS"));
    }

    @Test
    void mapsOffsetsBackThroughNormalisation() {
        Scanner scanner = scanner(new HushConfig());
        String text = "{\"msg\":\"mail ana\\u0040contoso.com\u200b now\"}";
        List<Finding> f = scanner.scan(text);
        assertEquals(1, f.size(), f.toString());
        assertEquals("ana\\u0040contoso.com", text.substring(f.get(0).start(), f.get(0).end()));
    }

    @Test
    void badRegionFailsAtStart() {
        HushConfig config = new HushConfig();
        config.detection.phoneRegion = "ZZ";
        assertThrows(IllegalArgumentException.class, () -> new PiiPlugin().create(config));
    }

    @Test
    void emptyMarkerListSwitchesMarkersOff() {
        HushConfig config = new HushConfig();
        config.detection.markers = List.of();
        Scanner scanner = scanner(config);
        assertTrue(scanner.scan("CONFIDENTIAL\nplan").isEmpty());
    }
}
