package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Detector;
import dev.hush.detect.Finding;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScannerFactoryTest {

    @Test
    void pluginsBuiltOnSeveralThreadsGiveTheScannerBuiltOnOne() throws Exception {
        HushConfig config = new HushConfig();
        Scanner one = ScannerFactory.build(config, 1);
        Scanner four = ScannerFactory.build(config, 4);
        assertEquals(ids(one), ids(four));
        assertEquals(one.version(), four.version());
        String text = "Mail jane.roe@example.org or call +44 20 7946 0000; key ghp_" + "k".repeat(36)
                + " from Maria Lopez, SECRET//NOFORN";
        List<Finding> expected = one.scan(text);
        assertEquals(expected, four.scan(text));
        assertTrue(expected.size() >= 3, expected.toString());
    }

    @Test
    void theFirstFailureInPluginOrderIsThrownAsItWas() {
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        ConfigLoader.ConfigException bad = new ConfigLoader.ConfigException("bad plug-in");
        List<DetectorPlugin> plugins = List.of(plugin("a", created, null), plugin("b", created, bad),
                plugin("c", created, new IllegalStateException("later")));
        ConfigLoader.ConfigException thrown = assertThrows(ConfigLoader.ConfigException.class,
                () -> ScannerFactory.createAll(plugins, new HushConfig(), 3));
        assertSame(bad, thrown);
    }

    @Test
    void detectorsComeBackInPluginOrder() throws Exception {
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        List<DetectorPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            plugins.add(plugin("p" + i, created, null));
        }
        List<List<Detector>> built = ScannerFactory.createAll(plugins, new HushConfig(), 3);
        assertEquals(8, built.size());
        for (int i = 0; i < 8; i++) {
            assertEquals("p" + i, built.get(i).get(0).id());
        }
        assertEquals(8, created.size());
        assertEquals(Set.copyOf(created), Set.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"));
    }

    @Test
    void slowPluginsStartFirstAndComeBackInPluginOrder() throws Exception {
        java.util.concurrent.CountDownLatch slowStarted = new java.util.concurrent.CountDownLatch(1);
        List<String> sawSlowStarted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        List<DetectorPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DetectorPlugin quick = plugin("q" + i, created, null);
            plugins.add(config -> {
                // two threads: were the slow one queued behind these, neither thread would have started it
                if (slowStarted.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    sawSlowStarted.add("yes");
                }
                return quick.create(config);
            });
        }
        DetectorPlugin slowBody = plugin("slow", created, null);
        plugins.add(new DetectorPlugin() {
            @Override
            public boolean slowToCreate() {
                return true;
            }

            @Override
            public List<Detector> create(HushConfig config) throws Exception {
                slowStarted.countDown();
                return slowBody.create(config);
            }
        });
        List<List<Detector>> built = ScannerFactory.createAll(plugins, new HushConfig(), 2);
        assertEquals(List.of("q0", "q1", "q2", "q3", "slow"), built.stream().map(d -> d.get(0).id()).toList());
        assertEquals(4, sawSlowStarted.size(), "every quick plug-in began after the slow one had started");
    }

    private static List<String> ids(Scanner s) {
        return s.detectors().stream().map(Detector::id).toList();
    }

    private static DetectorPlugin plugin(String id, List<String> created, Exception failure) {
        return config -> {
            if (failure != null) {
                throw failure;
            }
            created.add(id);
            return List.of(new Detector() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public void detect(ScanText text, FindingSink sink) {
                }
            });
        };
    }
}
