package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The control for {@link GatewayFaultSuiteTest}'s "blocked-thread checker quiet": on the same rig, an event
 * loop held past the limit is reported, so no report there means no event loop was held.
 */
class BlockedThreadCheckerControlTest {
    @Test
    void anEventLoopHeldPastTheLimitIsReported() throws Exception {
        try (FaultRig rig = new FaultRig(c -> { })) {
            CompletableFuture<Integer> seen = new CompletableFuture<>();
            rig.vertx.runOnContext(v -> {
                // held until the checker speaks (or a cap): a wait on the condition itself
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (rig.blocked.isEmpty() && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                seen.complete(rig.blocked.size());
            });
            assertTrue(seen.get(40, TimeUnit.SECONDS) > 0, "the checker reported the held event loop");
            assertTrue(rig.blocked.get(0).getMessage().contains("blocked"), rig.blocked.get(0).getMessage());
        }
    }
}
