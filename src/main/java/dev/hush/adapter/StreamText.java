package dev.hush.adapter;

/**
 * One piece of streamed answer text inside an SSE event: consecutive events with the same {@code key} form
 * one text, so a placeholder split between them can be restored.
 *
 * @param key         stream identity, e.g. choice and content index
 * @param pointer     JSON pointer to the object holding the field, e.g. {@code /choices/0/delta}
 * @param field       the string field in that object
 * @param jsonEscaped the text is the inside of a JSON string (tool-call arguments)
 * @param last        the event also ends this text (a finish reason in the same event)
 */
public record StreamText(String key, String pointer, String field, boolean jsonEscaped, boolean last) {
}
