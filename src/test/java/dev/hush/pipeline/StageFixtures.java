package dev.hush.pipeline;

import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.GenericAdapter;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.TextSlot;
import dev.hush.audit.KeyedHash;
import dev.hush.detect.Finding;
import dev.hush.policy.Decision;
import dev.hush.policy.PolicyAction;
import dev.hush.policy.Verdict;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made inputs for testing one stage at a time. */
final class StageFixtures {
    static final KeyedHash KEY = new KeyedHash("0123456789abcdef0123456789abcdef".getBytes());

    private StageFixtures() {
    }

    static InboundRequest json(String body) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().set("content-type", "application/json");
        return new InboundRequest(HttpMethod.POST, "app.example", "/api", h, Buffer.buffer(body), "127.0.0.1");
    }

    static ExtractedRequest extract(String body) {
        return GenericAdapter.extractAll(json(body));
    }

    /** An inspection in which {@code value} (wherever it occurs in a slot) is a finding of {@code type} decided as {@code action}. */
    static Inspection inspection(ExtractedRequest er, String value, String type, PolicyAction action) {
        Map<TextSlot, List<Decision>> bySlot = new IdentityHashMap<>();
        List<Decision> all = new ArrayList<>();
        for (TextSlot s : er.slots()) {
            int at = s.text().indexOf(value);
            if (at >= 0) {
                Decision d = new Decision(new Finding(at, at + value.length(), type, "test-rule", 0.9), action,
                        "rule-" + action.label());
                bySlot.put(s, List.of(d));
                all.add(d);
            }
        }
        return new Inspection(er, bySlot, Verdict.of(all), 10, 5, null);
    }
}
