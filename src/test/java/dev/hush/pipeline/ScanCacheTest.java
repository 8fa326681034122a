package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.LiteralDetector;
import dev.hush.detect.Finding;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanCacheTest {
    private static final String TEXT = "Please forward the quarterly plan to the CONFIDENTIAL folder"
            + " before the meeting on Thursday, and copy the whole planning team.";

    /** The marker detector, counting the texts and the characters handed to it. */
    private static Detector countingMarker(AtomicLong texts, AtomicLong chars) {
        Detector inner = markerScanner().detectors().get(0);
        return new Detector() {
            @Override
            public String id() {
                return "counting-marker";
            }

            @Override
            public void detect(ScanText text, FindingSink sink) {
                texts.incrementAndGet();
                chars.addAndGet(text.original().length());
                inner.detect(text, sink);
            }
        };
    }

    /** Finds each occurrence of the word CONFIDENTIAL. */
    private static Scanner markerScanner() {
        return new Scanner(List.of(new LiteralDetector("test-marker", "CONFIDENTIAL", "CONFIDENTIAL.MARKER")), "test-1");
    }

    /** A long text scanned with the digest its caller computed hits the entry a plain scan made, and back. */
    @Test
    void aTextAndItsDigestShareOneEntry() {
        ScanCache cache = new ScanCache(markerScanner(), 100);
        byte[] digest = ScanCache.utf8Digest(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Finding> first = cache.scan(TEXT);
        assertEquals(first, cache.scan(TEXT, digest, dev.hush.detect.ScanContext.unbounded()));
        String other = TEXT.replace("Thursday", "Friday, caf\u00e9 \ud83d\ude00");
        List<Finding> second = cache.scan(other, ScanCache.utf8Digest(other.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                dev.hush.detect.ScanContext.unbounded());
        assertEquals(second, cache.scan(other));
        assertEquals(2, cache.misses());
        assertEquals(2, cache.hits());
    }

    @Test
    void cachesByTextAndNeverScansTheSameTextTwiceInSequence() {
        ScanCache cache = new ScanCache(markerScanner(), 100);
        List<Finding> first = cache.scan(TEXT);
        List<Finding> again = cache.scan(TEXT);
        assertEquals(1, first.size());
        assertEquals(first, again);
        assertEquals(1, cache.misses());
        assertEquals(1, cache.hits());
        List<Finding> other = cache.scan(TEXT.replace("Thursday", "Friday"));
        assertEquals(1, other.size());
        assertEquals(2, cache.misses());
    }

    /** A scan in progress holds no lock: a second thread with the same new text scans it too, without waiting. */
    @Test
    void aSlowScanDoesNotHoldUpAnotherThread() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Detector gated = new Detector() {
            @Override
            public String id() {
                return "gated";
            }

            @Override
            public void detect(ScanText text, FindingSink sink) {
                if (calls.incrementAndGet() == 1) {
                    firstInside.countDown();
                    try {
                        releaseFirst.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                sink.add(0, 6, "CONFIDENTIAL.MARKER", "gated", 0.9);
            }
        };
        ScanCache cache = new ScanCache(new Scanner(List.of(gated), "gated-1"), 100);
        CompletableFuture<List<Finding>> slow = CompletableFuture.supplyAsync(() -> cache.scan(TEXT));
        assertTrue(firstInside.await(30, TimeUnit.SECONDS));
        // with a computing load this call would block on the first one's bin lock until releaseFirst
        CompletableFuture<List<Finding>> fast = CompletableFuture.supplyAsync(() -> cache.scan(TEXT));
        List<Finding> second = fast.get(30, TimeUnit.SECONDS);
        assertFalse(slow.isDone(), "the first scan is still held inside the detector");
        releaseFirst.countDown();
        assertEquals(second, slow.get(30, TimeUnit.SECONDS));
        assertEquals(2, calls.get());
        assertEquals(1, cache.scan(TEXT).size());
        assertEquals(2, calls.get(), "published: the third call is a hit");
    }

    /** The window around a boundary between two texts is scanned once; a repeated request reuses it. */
    @Test
    void crossingsAreCachedPerWindow() {
        AtomicLong scanned = new AtomicLong();
        ScanCache cache = new ScanCache(new Scanner(List.of(countingMarker(scanned, new AtomicLong())), "count-1"), 100);
        List<String> parts = List.of("Please file the quarterly plan in the folder marked CONFI",
                "DENTIAL before the meeting on Thursday, and copy the whole planning team.");
        List<List<Finding>> own = List.of(cache.scan(parts.get(0)), cache.scan(parts.get(1)));
        assertTrue(own.get(0).isEmpty() && own.get(1).isEmpty(), "neither half is a marker on its own");
        long before = scanned.get();
        List<List<Finding>> first = cache.crossings(parts, own, dev.hush.detect.ScanContext.unbounded());
        long windowScans = scanned.get() - before;
        assertTrue(windowScans > 0, "the window was scanned");
        assertEquals(List.of(new Finding(52, 57, "CONFIDENTIAL.MARKER", "test-marker", 0.9)), first.get(0));
        assertEquals(List.of(new Finding(0, 7, "CONFIDENTIAL.MARKER", "test-marker", 0.9)), first.get(1));
        List<List<Finding>> again = cache.crossings(parts, own, dev.hush.detect.ScanContext.unbounded());
        assertEquals(first, again);
        assertEquals(before + windowScans, scanned.get(), "the second time the window came from the cache");
        List<List<Finding>> other = cache.crossings(List.of(parts.get(0), parts.get(1).replace("Thursday", "Friday")),
                own, dev.hush.detect.ScanContext.unbounded());
        assertEquals(first.get(0), other.get(0));
        assertTrue(scanned.get() > before + windowScans, "a changed window is scanned again");
    }
    /**
     * A request's crossings as a whole: the same findings as the scanner's own, a repeat of the request scans no
     * window at all, and a list that differs in one part (or only in where the parts split) is not taken for it.
     */
    @Test
    void aRepeatedRequestsCrossingsComeFromOneEntry() {
        AtomicLong scanned = new AtomicLong();
        ScanCache cache = new ScanCache(new Scanner(List.of(countingMarker(scanned, new AtomicLong())), "count-3"), 100);
        String longHalf = "The quarterly plan is in the shared drive, in the folder for the board, marked CONFI";
        List<String> parts = List.of(longHalf, "DENTIAL until Monday.", "v1");
        List<byte[]> digests = java.util.Arrays.asList(
                ScanCache.utf8Digest(longHalf.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null);
        List<List<Finding>> own = List.of(cache.scan(parts.get(0)), cache.scan(parts.get(1)), cache.scan(parts.get(2)));
        dev.hush.detect.ScanContext ctx = dev.hush.detect.ScanContext.unbounded();
        List<List<Finding>> expected = cache.scanner().crossings(parts, own, ctx);
        assertEquals(1, expected.get(0).size(), "the split marker is a crossing");
        long before = scanned.get();
        assertEquals(expected, cache.crossings(parts, digests, own, ctx));
        long first = scanned.get() - before;
        assertTrue(first > 0, "the first time its windows are scanned");
        assertEquals(expected, cache.crossings(parts, digests, own, ctx));
        assertEquals(before + first, scanned.get(), "the repeat scanned nothing");
        // the same characters split elsewhere: other parts, other crossings
        List<String> moved = List.of(longHalf + "D", "ENTIAL until Monday.", "v1");
        List<byte[]> movedDigests = java.util.Arrays.asList(
                ScanCache.utf8Digest(moved.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8)), null, null);
        List<List<Finding>> movedOwn = List.of(cache.scan(moved.get(0)), cache.scan(moved.get(1)), cache.scan(moved.get(2)));
        List<List<Finding>> got = cache.crossings(moved, movedDigests, movedOwn, ctx);
        assertEquals(cache.scanner().crossings(moved, movedOwn, ctx), got);
        assertEquals(0, got.get(1).get(0).start(), "the second half starts the second part");
        assertEquals(6, got.get(1).get(0).end());
        List<String> shortChanged = List.of(longHalf, "DENTIAL until Monday.", "v2");
        assertEquals(cache.scanner().crossings(shortChanged, own, ctx), cache.crossings(shortChanged, digests, own, ctx));
    }

    /**
     * A conversation of 200 short messages sent turn by turn (each turn the previous messages and one more):
     * the characters handed to the detectors per turn stay bounded by the new text plus a few windows, not the
     * conversation, and a value split across the newest two messages is still found.
     */
    @Test
    void aGrowingConversationScansOnlyItsNewTextEachTurn() {
        AtomicLong chars = new AtomicLong();
        ScanCache cache = new ScanCache(new Scanner(List.of(countingMarker(new AtomicLong(), chars)), "count-2"), 10_000);
        java.util.Random rnd = new java.util.Random(5);
        List<String> conversation = new java.util.ArrayList<>();
        long maxTurn = 0;
        long total = 0;
        for (int turn = 0; turn < 200; turn++) {
            String message = "Message " + turn + " says the plan " + Long.toHexString(rnd.nextLong()) + " is ready.";
            boolean split = turn % 20 == 19;
            if (split) {
                // the previous message ends with half a marker, this one starts with the rest
                conversation.set(turn - 1, conversation.get(turn - 1) + " CONFI");
                message = "DENTIAL " + message;
            }
            conversation.add(message);
            long before = chars.get();
            List<List<Finding>> own = new java.util.ArrayList<>();
            for (String m : conversation) {
                own.add(cache.scan(m));
            }
            List<List<Finding>> crossing = cache.crossings(conversation, own, dev.hush.detect.ScanContext.unbounded());
            long scanned = chars.get() - before;
            if (split) {
                assertEquals(1, crossing.get(turn).size(), "the split marker is found at turn " + turn);
                assertEquals(1, crossing.get(turn - 1).size());
            }
            if (turn >= 20) {
                maxTurn = Math.max(maxTurn, scanned);
            }
            total += scanned;
        }
        int conversationChars = conversation.stream().mapToInt(String::length).sum();
        // the new message's own scan and the windows of the last boundaries: at most two groups whose text
        // changed, each Scanner.GROUP_CHARS (1024) of boundaries and a window (256 + 64 context + a word) each side
        long bound = 2 * (1024 + 2 * (256 + 64 + 32)) + 200;
        assertTrue(maxTurn <= bound, "per turn " + maxTurn + " chars, bound " + bound);
        assertTrue(maxTurn * 3 < conversationChars, "per turn " + maxTurn + " vs conversation " + conversationChars);
        assertTrue(total < 200L * bound, "total " + total);
    }
}
