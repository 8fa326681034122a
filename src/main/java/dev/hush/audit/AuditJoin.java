package dev.hush.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a forwarded request's two lines for people reading the log ({@code hush audit tail}): the decision line
 * (appended before the request went upstream) and its outcome line (same {@code requestId}, appended when the
 * answer's head arrived) become one object, the decision's members with the outcome's {@code upstreamStatus},
 * {@code upstreamMillis} and {@code outcomeSeq} added and {@code stage} left out. Every other line is returned
 * as it is stored; an outcome whose decision is not among the lines given stays on its own, and a decision
 * without its outcome keeps {@code "stage":"decision"}. The joined form is for reading: its {@code hash} is the
 * decision line's, and only the lines as stored verify ({@code hush audit verify}).
 */
public final class AuditJoin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditJoin() {
    }

    /** Whether {@code line} is an outcome line (a cheap look at its leading members). */
    public static boolean isOutcome(String line) {
        return line.contains("\"stage\":\"outcome\"") && AuditRecord.OUTCOME.equals(stageOf(line));
    }

    /** {@code lines} oldest first, each one stored line; returns one entry per request, in the order of its first line. */
    public static List<String> join(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>(lines.size());
        Map<String, Integer> decisions = new HashMap<>();
        Map<Integer, JsonNode> outcomes = new HashMap<>();
        boolean[] dropped = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = parse(lines.get(i));
            nodes.add(n);
            if (n == null || !n.path("requestId").isTextual()) {
                continue;
            }
            String id = n.get("requestId").asText();
            String stage = n.path("stage").asText(null);
            if (AuditRecord.DECISION.equals(stage)) {
                decisions.put(id, i);
            } else if (AuditRecord.OUTCOME.equals(stage)) {
                Integer d = decisions.remove(id);
                if (d != null) {
                    outcomes.put(d, n);
                    dropped[i] = true;
                }
            }
        }
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (dropped[i]) {
                continue;
            }
            JsonNode o = outcomes.get(i);
            if (o == null) {
                out.add(lines.get(i));
                continue;
            }
            ObjectNode d = (ObjectNode) nodes.get(i);
            JsonNode hash = d.remove("hash");
            d.remove("stage");
            d.set("upstreamStatus", o.get("upstreamStatus"));
            d.set("upstreamMillis", o.get("upstreamMillis"));
            d.set("outcomeSeq", o.get("seq"));
            if (hash != null) {
                d.set("hash", hash);
            }
            out.add(d.toString());
        }
        return out;
    }

    private static String stageOf(String line) {
        JsonNode n = parse(line);
        return n == null ? null : n.path("stage").asText(null);
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
