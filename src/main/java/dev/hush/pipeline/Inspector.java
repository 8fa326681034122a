package dev.hush.pipeline;

import dev.hush.detect.Finding;
import dev.hush.detect.ScanContext;
import dev.hush.detect.ScanStoppedException;
import dev.hush.policy.Decision;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.policy.Verdict;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.TextSlot;
import java.nio.charset.StandardCharsets;
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
        return inspect(req, dest, ScanContext.withBudget(budgetNanos));
    }

    /** A scan context for one request: the budget starts now; cancel it when the client goes away. */
    ScanContext newContext() {
        return ScanContext.withBudget(budgetNanos);
    }

    Inspection inspect(ExtractedRequest req, Destination dest, ScanContext context) {
        long t0 = System.nanoTime();
        Map<TextSlot, List<Decision>> bySlot = new IdentityHashMap<>();
        List<Decision> all = new ArrayList<>();
        long bytes = 0;
        List<byte[]> digests = new ArrayList<>();
        String failure = null;
        Policy.ForDestination decider = null;
        try {
            List<TextSlot> slots = req.slots();
            List<List<Finding>> own = new ArrayList<>(slots.size());
            for (TextSlot slot : slots) {
                String text = slot.text();
                if (text.length() < ScanCache.MIN_COUNTED) {
                    bytes += utf8Length(text);
                    own.add(cache.scan(text, context));
                    digests.add(null);
                    continue;
                }
                // one UTF-8 encoding gives the byte count (ASCII: the length) and the digest the cache key and
                // the conversation id are made from
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                bytes += utf8.length == text.length() ? utf8.length : utf8Length(text);
                byte[] digest = ScanCache.utf8Digest(utf8);
                digests.add(digest);
                own.add(cache.scan(text, digest, context));
            }
            // a value split across two messages or content parts is found where they meet, each half in its slot
            List<List<Finding>> crossing = slots.size() < 2 ? null
                    : cache.crossings(texts(slots), digests, own, context);
            for (int k = 0; k < slots.size(); k++) {
                TextSlot slot = slots.get(k);
                List<Finding> findings = own.get(k);
                if (crossing != null) {
                    findings = cache.scanner().merge(findings, crossing.get(k));
                }
                if (!findings.isEmpty()) {
                    if (decider == null) {
                        decider = policy.forDestination(dest);
                    }
                    List<Decision> ds = new ArrayList<>(findings.size());
                    for (Finding f : findings) {
                        ds.add(decider.decide(f));
                    }
                    bySlot.put(slot, ds);
                    all.addAll(ds);
                }
            }
        } catch (ScanStoppedException e) {
            // the detectors check the budget (and whether the client is still there) as they go
            failure = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            failure = "scan failed: " + e.getClass().getSimpleName();
        }
        long micros = (System.nanoTime() - t0) / 1000;
        return new Inspection(req, bySlot, Verdict.of(all), bytes, micros, failure, failure == null ? digests : List.of());
    }

    private static List<String> texts(List<TextSlot> slots) {
        List<String> t = new ArrayList<>(slots.size());
        for (TextSlot s : slots) {
            t.add(s.text());
        }
        return t;
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
