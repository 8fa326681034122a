package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {
    private final EmailDetector d = new EmailDetector();

    @Test
    void findsAddressesInProseAndKeepsSpanTight() {
        assertEquals(List.of("lina.vasquez@umbrella-labs.de"),
                Found.by(d, "Write a reply to Geo (lina.vasquez@umbrella-labs.de). Thanks"));
        assertEquals(List.of("info@presidio.site", "another.info+tag@presidio.co.uk"),
                Found.by(d, "try info@presidio.site or another.info+tag@presidio.co.uk."));
        assertEquals(List.of("user@xn--80ak6aa92e.com"), Found.by(d, "my email is user@xn--80ak6aa92e.com today"));
        assertEquals(List.of("a@xn--d1acufc.xn--p1ai"), Found.by(d, "a@xn--d1acufc.xn--p1ai"));
        assertEquals(List.of("jürgen@müller.de"), Found.by(d, "mail jürgen@müller.de now"));
        assertEquals(List.of("john@acme.com"), Found.by(d, "mailto:john@acme.com"));
        assertEquals(List.of("x@y.org"), Found.by(d, "email: x@y.org: please confirm"));
        assertEquals(List.of("john@x.com"), Found.by(d, "write to...john@x.com"));
        assertEquals(List.of(), Found.by(d, "a".repeat(70) + "@x.com"));
    }

    @Test
    void findsEscapedAt() {
        assertEquals(List.of("john.doe@example.com"), Found.by(d, "to=john.doe%40example.com&x=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "@Override public String toString()",
        "ssh user@localhost -p 22",
        "git clone git@github.com:org/repo.git",
        "npm i lodash@4.17.21 @types/node@20.1.0",
        "uses: actions/checkout@c2c5efbebbd98df4cd3cca03e08d4f3bd5aaadae",
        "my email is info@presidio.",
        "this is not an email: hello-world here",
        "postgresql://svc:p4ss@db.internal.example.com:5432/app",
        "\"client_email\": \"deployer@proj-123.iam.gserviceaccount.com\"",
        "image@sha256:abcdef0123",
        "a@b.c",
    })
    void ignoresCodeTokensAndNonAddresses(String text) {
        assertEquals(List.of(), Found.by(d, text));
    }
}
