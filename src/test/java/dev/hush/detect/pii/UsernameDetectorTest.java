package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsernameDetectorTest {
    private final UsernameDetector d = new UsernameDetector();

    @Test
    void handlesInChatAndSocialText() {
        assertEquals(List.of("@qv_marlowe", "@tess.okonkwo-7"), Found.by(d,
                "thanks @qv_marlowe! and (@tess.okonkwo-7) will review."));
        assertEquals(List.of("@brindle42"), Found.by(d, "cc @brindle42."));
        assertEquals(List.of("@Halvard"), Found.by(d, "@Halvard can you take a look?"));
    }

    @Test
    void codeAndAddressesAreNotHandles() {
        assertEquals(List.of(), Found.by(d, "@Override\npublic String toString() { return name; }"));
        assertEquals(List.of(), Found.by(d, "npm i @types/node @angular/core"));
        assertEquals(List.of(), Found.by(d, "@media (max-width: 600px) { body { margin: 0 } }"));
        assertEquals(List.of(), Found.by(d, "@app.route('/x')\ndef x(): pass"));
        assertEquals(List.of(), Found.by(d, " * @param name the name\n * @return it"));
        assertEquals(List.of(), Found.by(d, "write to rill.okafor@example.org or git@github.com:o/r.git"));
        assertEquals(List.of(), Found.by(d, "@ alone, @x too short"));
    }

    @Test
    void offByDefaultAndAPolicyTypeWhenOn() throws Exception {
        String text = "ping @qv_marlowe about the deploy";
        HushConfig off = new HushConfig();
        assertFalse(off.detection.usernames);
        assertTrue(ScannerFactory.build(off).scan(text).stream().noneMatch(f -> f.type().equals(UsernameDetector.TYPE)));
        HushConfig on = new HushConfig();
        on.detection.usernames = true;
        List<Finding> found = ScannerFactory.build(on).scan(text);
        assertTrue(found.stream().anyMatch(f -> f.type().equals("PII.USERNAME") && text.substring(f.start(), f.end()).equals("@qv_marlowe")),
                found::toString);
        assertTrue(found.stream().noneMatch(f -> f.type().equals("PII.PERSON")), found::toString);
    }
}
