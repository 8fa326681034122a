package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris on the first request head, with raw sockets: a client that trickles the bytes of its first
 * head, each well within the header timeout, is closed before the head is complete, and 1,200 of them at once
 * neither stop the gateway from serving nor leave descriptors behind. Bounded by counting the bytes each
 * client managed to send (the head is far longer than what fits in the timeout), not by timing the close.
 */
class SlowLorisTest {
    static final int HEADER_TIMEOUT_MS = 500;
    /** One trickled byte per this many ms: 25 bytes per header timeout, never an idle gap. */
    static final int TRICKLE_MS = 20;
    GatewayFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    /** A request head of about 6 KB: 300 trickled rounds per 6 s, far more than the timeout allows. */
    static byte[] longHead() {
        StringBuilder sb = new StringBuilder("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; sb.length() < 6000; i++) {
            sb.append("X-Slow-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aTrickledFirstHeadIsClosedBeforeItIsComplete() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = HEADER_TIMEOUT_MS);
        byte[] head = longHead();
        int sent = 0;
        try (Socket s = new Socket("127.0.0.1", fx.port)) {
            s.setSoTimeout(TRICKLE_MS);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            boolean closed = false;
            while (!closed && sent < head.length) {
                try {
                    out.write(head[sent]);
                    out.flush();
                    sent++;
                } catch (IOException e) {
                    closed = true; // reset by the server
                    break;
                }
                try {
                    closed = in.read() < 0; // the pacing of the trickle: one byte per read timeout
                } catch (SocketTimeoutException stillOpen) {
                    // not closed yet: trickle the next byte
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertTrue(closed, "the server kept a trickling connection open for the whole head");
        }
        assertTrue(sent < head.length / 2, "closed after " + sent + " of " + head.length + " bytes");
        assertTrue(fx.upstream.received.isEmpty());
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        assertEquals(200, freshPost("hi"));
    }

    /**
     * A chat request on a new connection: a pooled keep-alive connection may be one the header timeout has
     * just closed (the timeout is short here), which would fail the request for the wrong reason.
     */
    int freshPost(String text) throws Exception {
        String body = GatewayChatTest.chat(text);
        try (Socket s = new Socket("127.0.0.1", fx.port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("POST /openai/v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void twelveHundredSlowConnectionsAreAllClosedAndTheGatewayKeepsServing() throws Exception {
        fx = new GatewayFixture(c -> c.gateway.headerTimeoutMs = HEADER_TIMEOUT_MS);
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "fine");
        assertEquals(200, freshPost("warm"));
        long fdsBefore = FaultLeakTest.fds();
        byte[] head = longHead();
        int n = 1200;
        List<SocketChannel> open = new ArrayList<>(n);
        int[] sent = new int[n];
        int closedCount = 0;
        int maxSent = 0;
        try (Selector sel = Selector.open()) {
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", fx.port));
                ch.configureBlocking(false);
                ch.register(sel, SelectionKey.OP_READ, i);
                open.add(ch);
            }
            boolean served = false;
            ByteBuffer one = ByteBuffer.allocate(1);
            ByteBuffer sink = ByteBuffer.allocate(1024);
            for (int round = 0; closedCount < n && round < head.length; round++) {
                for (int i = 0; i < n; i++) {
                    SocketChannel ch = open.get(i);
                    if (ch != null && ch.isOpen()) {
                        try {
                            one.clear();
                            one.put(head[sent[i]]).flip();
                            sent[i] += ch.write(one);
                        } catch (IOException reset) {
                            ch.close();
                            open.set(i, null);
                            closedCount++;
                        }
                    }
                }
                if (round == 5 && !served) {
                    // while all of them are open and trickling, a real client is served
                    assertEquals(200, freshPost("hi"));
                    served = true;
                }
                sel.select(TRICKLE_MS); // the trickle's pace; closes are read as they come
                for (SelectionKey k : sel.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    SocketChannel ch = (SocketChannel) k.channel();
                    int r;
                    try {
                        sink.clear();
                        r = ch.read(sink);
                    } catch (IOException reset) {
                        r = -1;
                    }
                    if (r < 0 && open.get(i) != null) {
                        k.cancel();
                        ch.close();
                        open.set(i, null);
                        closedCount++;
                    }
                }
                sel.selectedKeys().clear();
            }
            for (int s : sent) {
                maxSent = Math.max(maxSent, s);
            }
            assertTrue(served);
        } finally {
            for (SocketChannel ch : open) {
                if (ch != null) {
                    ch.close();
                }
            }
        }
        assertEquals(n, closedCount, "every slow connection was closed by the server");
        assertTrue(maxSent < head.length, "none completed its head: at most " + maxSent + " of " + head.length);
        assertEquals(2, fx.upstream.received.size(), "only the two real requests went upstream");
        // the server side of each closed connection is gone too (polled: closes are asynchronous)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (FaultLeakTest.fds() > fdsBefore + 16 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertTrue(FaultLeakTest.fds() <= fdsBefore + 16, "fds " + fdsBefore + " -> " + FaultLeakTest.fds());
        assertEquals(200, freshPost("after"));
    }
}
