package dev.hush.detect.pii;

/**
 * Per-thread working arrays of the PII detectors, so a scan allocates none. Detectors run one at a time
 * on a thread and never call each other, so they can share one set.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    final int[] groupStart = new int[16];
    final int[] groupEnd = new int[16];
    final char[] sepAfter = new char[16];
    final int[] lengths = new int[16];
    final char[] chars = new char[40];
    /** The digits of a '+' run ({@link PlusNumberLength}): at most 17 of a national number, 3 of a code. */
    final char[] plusDigits = new char[21];
    /** A view of part of {@link #plusDigits} handed to a regex matcher without a copy. */
    final CharSlice national = new CharSlice();

    /** A reusable {@link CharSequence} over part of a char array. */
    static final class CharSlice implements CharSequence {
        private char[] chars;
        private int offset;
        private int length;

        CharSlice of(char[] chars, int offset, int length) {
            this.chars = chars;
            this.offset = offset;
            this.length = length;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return chars[offset + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(chars, offset + start, end - start);
        }

        @Override
        public String toString() {
            return new String(chars, offset, length);
        }
    }

    static Scratch get() {
        return LOCAL.get();
    }
}
