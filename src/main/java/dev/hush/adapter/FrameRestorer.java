package dev.hush.adapter;

/**
 * Restores pseudonyms in the WebSocket text frames a server sends (the hook for WebSocket apps such as
 * Copilot). One per connection; frames arrive in order.
 */
public interface FrameRestorer {

    /** The frame to send to the client instead of {@code frame}. */
    String restore(String frame);
}
