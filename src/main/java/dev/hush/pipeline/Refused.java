package dev.hush.pipeline;

import dev.hush.adapter.Refusal;

/** A stage's refusal travelling through a failed future to the one place that answers it. */
final class Refused extends RuntimeException {
    final Refusal refusal;
    /** The audited reason when it says more than the code (e.g. {@code upstream connection refused}), else null. */
    final String reason;

    Refused(Refusal refusal) {
        this(refusal, null);
    }

    Refused(Refusal refusal, String reason) {
        super(refusal.code(), null, false, false);
        this.refusal = refusal;
        this.reason = reason;
    }

    static Refused error(int status, String code, String message) {
        return new Refused(Refusal.error(status, code, message));
    }
}
