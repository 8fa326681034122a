package dev.hush.pipeline;

import dev.hush.detect.Finding;
import dev.hush.policy.Decision;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.policy.Verdict;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.TextSlot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Inspect stage: scans every slot (through the cache) and turns the findings into decisions and one verdict. */
final class Inspector {
    private final ScanCache cache;
    private final Policy policy;
    private final long budgetNanos;

    Inspector(ScanCache cache, Policy policy, int budgetMs) {
        this.cache = cache;
        this.policy = policy;
        this.budgetNanos = budgetMs * 1_000_000L;
    }

    Inspection inspect(ExtractedRequest req, Destination dest) {
        long t0 = System.nanoTime();
        Map<TextSlot, List<Decision>> bySlot = new IdentityHashMap<>();
        List<Decision> all = new ArrayList<>();
        long bytes = 0;
        String failure = null;
        try {
            for (TextSlot slot : req.slots()) {
                bytes += utf8Length(slot.text());
                List<Finding> findings = cache.scan(slot.text());
                if (!findings.isEmpty()) {
                    List<Decision> ds = new ArrayList<>(findings.size());
                    for (Finding f : findings) {
                        ds.add(policy.decide(f, dest));
                    }
                    bySlot.put(slot, ds);
                    all.addAll(ds);
                }
                // the scan runs on the event loop and cannot be pre-empted: the budget is checked between texts
                if (System.nanoTime() - t0 > budgetNanos) {
                    failure = "scan time budget exceeded";
                    break;
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            failure = "scan failed: " + e.getClass().getSimpleName();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        return new Inspection(req, bySlot, Verdict.of(all), bytes, micros, failure);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
