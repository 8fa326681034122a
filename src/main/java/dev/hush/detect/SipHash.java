package dev.hush.detect;

/**
 * SipHash-2-4: a keyed 64-bit pseudo-random function. EDM and document fingerprints store only these
 * hashes of company data, so without the installation key a stored hash cannot be tested against guesses;
 * unlike HMAC-SHA256 it is cheap enough to hash every candidate value of every prompt (tens of ns each).
 * Strings are hashed as their UTF-16 code units, little-endian.
 */
public final class SipHash {
    private final long k0;
    private final long k1;

    /** @param key at least 16 bytes; the first 16 are used */
    public SipHash(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("SipHash key must be 16 bytes");
        }
        k0 = le64(key, 0);
        k1 = le64(key, 8);
    }

    public long hash(CharSequence s) {
        State st = start();
        st.absorb(s, 0, s.length());
        return st.finish();
    }

    public long hash(char[] s, int from, int to) {
        State st = start();
        for (int i = from; i < to; i++) {
            st.absorb(s[i]);
        }
        return st.finish();
    }

    public State start() {
        State st = new State(this);
        st.reset();
        return st;
    }

    /** An incremental hash: absorb pieces, read {@link #finish()} for the prefix so far, keep absorbing. */
    public static final class State {
        private final SipHash key;
        private long v0;
        private long v1;
        private long v2;
        private long v3;
        private long m;
        private int mBytes;
        private long length;

        private State(SipHash key) {
            this.key = key;
        }

        public State reset() {
            v0 = key.k0 ^ 0x736f6d6570736575L;
            v1 = key.k1 ^ 0x646f72616e646f6dL;
            v2 = key.k0 ^ 0x6c7967656e657261L;
            v3 = key.k1 ^ 0x7465646279746573L;
            m = 0;
            mBytes = 0;
            length = 0;
            return this;
        }

        public State absorb(CharSequence s, int from, int to) {
            for (int i = from; i < to; i++) {
                absorb(s.charAt(i));
            }
            return this;
        }

        public State absorb(char c) {
            if ((mBytes & 1) != 0) {
                absorbByte(c & 0xff);
                return absorbByte(c >>> 8);
            }
            // the common case: two bytes at once, aligned
            m |= (long) c << (mBytes << 3);
            length += 2;
            mBytes += 2;
            if (mBytes == 8) {
                compress();
            }
            return this;
        }

        public State absorbByte(int b) {
            m |= (long) (b & 0xff) << (mBytes << 3);
            length++;
            if (++mBytes == 8) {
                compress();
            }
            return this;
        }

        private void compress() {
            long x = m;
            v3 ^= x;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= x;
            m = 0;
            mBytes = 0;
        }

        /** The hash of everything absorbed so far; leaves the state unchanged so absorbing can go on. */
        public long finish() {
            long a = v0;
            long b = v1;
            long c = v2;
            long d = v3;
            long last = ((length & 0xff) << 56) | m;
            d ^= last;
            for (int r = 0; r < 2; r++) {
                a += b; b = Long.rotateLeft(b, 13); b ^= a; a = Long.rotateLeft(a, 32);
                c += d; d = Long.rotateLeft(d, 16); d ^= c;
                a += d; d = Long.rotateLeft(d, 21); d ^= a;
                c += b; b = Long.rotateLeft(b, 17); b ^= c; c = Long.rotateLeft(c, 32);
            }
            a ^= last;
            c ^= 0xff;
            for (int r = 0; r < 4; r++) {
                a += b; b = Long.rotateLeft(b, 13); b ^= a; a = Long.rotateLeft(a, 32);
                c += d; d = Long.rotateLeft(d, 16); d ^= c;
                a += d; d = Long.rotateLeft(d, 21); d ^= a;
                c += b; b = Long.rotateLeft(b, 17); b ^= c; c = Long.rotateLeft(c, 32);
            }
            return a ^ b ^ c ^ d;
        }
    }

    private static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
