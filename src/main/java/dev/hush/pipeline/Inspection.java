package dev.hush.pipeline;

import dev.hush.policy.Decision;
import dev.hush.policy.Verdict;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.TextSlot;
import java.util.List;
import java.util.Map;

/**
 * The result of scanning a request and applying policy.
 *
 * @param request      what the adapter extracted
 * @param bySlot       decisions per slot (only slots with findings)
 * @param verdict      the one verdict for the request
 * @param bytesScanned UTF-8 bytes of scanned text
 * @param scanMicros   time spent scanning
 * @param failure      why scanning failed or ran over budget, else null
 * @param digests      per slot (in {@code request.slots()} order), the SHA-256 of its UTF-8 text when the scan
 *                     cache keyed it by that digest, else null; empty when none was kept
 */
public record Inspection(ExtractedRequest request, Map<TextSlot, List<Decision>> bySlot, Verdict verdict,
        long bytesScanned, long scanMicros, String failure, List<byte[]> digests) {

    public Inspection(ExtractedRequest request, Map<TextSlot, List<Decision>> bySlot, Verdict verdict,
            long bytesScanned, long scanMicros, String failure) {
        this(request, bySlot, verdict, bytesScanned, scanMicros, failure, List.of());
    }

    /** The digest kept for the slot whose text is this very string, or null (compute it). */
    public byte[] digestOf(String text) {
        List<TextSlot> slots = request.slots();
        for (int k = 0; k < digests.size() && k < slots.size(); k++) {
            if (slots.get(k).text() == text) {
                return digests.get(k);
            }
        }
        return null;
    }
}
