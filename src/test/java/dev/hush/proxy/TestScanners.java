package dev.hush.proxy;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny scanner for gateway tests, so they do not depend on the real detector catalogue. */
final class TestScanners {
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

    private TestScanners() {
    }

    static Detector regex(String id, String regex, String type) {
        Pattern p = Pattern.compile(regex);
        return new Detector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void detect(ScanText text, FindingSink sink) {
                Matcher m = p.matcher(text.normalized());
                while (m.find()) {
                    sink.add(m.start(), m.end(), type, id, 0.9);
                }
            }
        };
    }

    static Scanner scanner() {
        return new Scanner(List.of(
                regex("test-aws", "AKIA[0-9A-Z]{16}", "SECRET.AWS_ACCESS_KEY_ID"),
                regex("test-email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "PII.EMAIL"),
                regex("test-marker", "TOP SECRET", "CONFIDENTIAL.MARKER")), "test-1");
    }
}
