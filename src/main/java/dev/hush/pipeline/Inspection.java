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
 */
public record Inspection(ExtractedRequest request, Map<TextSlot, List<Decision>> bySlot, Verdict verdict,
        long bytesScanned, long scanMicros, String failure) {
}
