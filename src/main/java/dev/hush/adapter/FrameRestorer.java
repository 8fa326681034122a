package dev.hush.adapter;

/**
 * Restores pseudonyms in the WebSocket text frames a server sends (the hook for WebSocket apps such as
 * Copilot). One per connection; frames arrive in order.
 */
public interface FrameRestorer {

    /** The frame to send to the client instead of {@code frame}. */
    String restore(String frame);

    /**
     * The frames to send instead of {@code frame}: usually the one restored frame; a restorer that held text
     * back (a placeholder split across frames) may put it out in a frame of its own first.
     */
    default java.util.List<String> frames(String frame) {
        return java.util.List.of(restore(frame));
    }
}
