package dev.hush.proxy.forward;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A plain socket to the proxy for what HTTP clients will not send: raw CONNECT lines, garbage, stalls. */
final class RawProxyConnection implements AutoCloseable {
    final Socket socket;

    RawProxyConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        // a bound for a broken test, never a synchronisation: every read below waits for a real event
        socket.setSoTimeout(20_000);
    }

    void send(String s) throws IOException {
        socket.getOutputStream().write(s.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads up to the end of the response head (blank line); at most 64 KiB. */
    String readHead() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (b.size() < 65536) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status code of a response head. */
    static int status(String head) {
        String[] p = head.split(" ", 3);
        return p.length > 1 ? Integer.parseInt(p[1].trim()) : -1;
    }

    /** Reads until the proxy closes the connection; returns how many bytes came (bounded). */
    int readToEnd(int max) throws IOException {
        InputStream in = socket.getInputStream();
        int n = 0;
        byte[] buf = new byte[4096];
        try {
            int r;
            while (n < max && (r = in.read(buf)) >= 0) {
                n += r;
            }
        } catch (java.net.SocketException e) {
            return n; // reset by the peer counts as closed
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
