package dev.hush.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Start-up phase timings on standard error when the JVM runs with {@code -Dhush.startup.trace=true}
 * (docs/benchmarks.md, "Whole-process scan and start-up"): each phase's wall and thread-CPU milliseconds, its
 * thread and when it ended since the JVM started. Off, each call is one static boolean read.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("hush.startup.trace");

    private final String phase;
    private final long wall;
    private final long cpu;

    private StartupTrace(String phase) {
        this.phase = phase;
        this.wall = System.nanoTime();
        this.cpu = Cpu.BEAN.getCurrentThreadCpuTime();
    }

    /** Starts timing a phase; null (and nothing measured) when tracing is off. */
    public static StartupTrace begin(String phase) {
        return ON ? new StartupTrace(phase) : null;
    }

    /** Ends a phase begun with {@link #begin}; a null trace is ignored. */
    public static void end(StartupTrace t) {
        if (t != null) {
            long wallMs = (System.nanoTime() - t.wall) / 1_000_000;
            long cpuMs = (Cpu.BEAN.getCurrentThreadCpuTime() - t.cpu) / 1_000_000;
            System.err.printf("hush: start-up %-34s %6d ms wall %6d ms CPU  [%s] ends at %d ms%n", t.phase, wallMs,
                    cpuMs, Thread.currentThread().getName(), ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Loaded on the first traced phase only: the management classes cost start-up time of their own. */
    private static final class Cpu {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }
}
