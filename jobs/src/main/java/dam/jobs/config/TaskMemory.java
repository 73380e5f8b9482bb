package dam.jobs.config;

import dam.core.theory.EffectiveProcessSolver;

/**
 * Estimated memory of the largest task of a sweep, the number of such tasks that run at once, and the
 * budget they share; every term is computed in double, so no size can overflow. Keep each estimate in its
 * own method, next to the code whose layout it follows, so that a change of layout changes one line.
 */
public final class TaskMemory {

    /** Object headers and fields of one trial result, beyond its two arrays. */
    private static final long TRIAL_OVERHEAD = 96;

    /**
     * The driver's memory per grid point of a sweep: the plan's point and the ledger's record of it once committed,
     * with room for a batch in flight. A heap histogram of a resume at 10^6 points: 85 bytes a committed point (its
     * GridPoint and hash-set node) and 45 a planned one (bench/README.md "A grid of 10^6 points").
     */
    public static final int DRIVER_BYTES_PER_POINT = 250;

    /** Most grid points in one commit batch: what the driver holds of a batch (points, scans, ledger record) is bounded. */
    public static final int MAX_BATCH_POINTS = 1 << 17;

    private TaskMemory() {
    }

    /** A trial's result: m(t) for t = 0..T and f(t) for t = 0..T-1, as doubles (core TrialRunner). */
    public static double trialResultBytes(int steps) {
        return 8.0 * (2.0 * steps + 1) + TRIAL_OVERHEAD;
    }

    /**
     * The simulation kernel's per-neuron tables for N neurons: FieldCoefficients (a, d, |a| as longs and a
     * flag, 25 bytes per overlap value) and ParallelStep (field, histogram, group tables, about 100 bytes).
     */
    public static double kernelBytes(int N) {
        return 128.0 * (N + 1.0);
    }

    /**
     * One theory solve: the path history as core EffectiveProcessSolver.historyBytes counts it (about 4.4
     * bytes per path and step), plus the T x T correlation and response matrices C and G in doubles.
     */
    public static double theoryBytes(int paths, int steps) {
        double t = steps + 1.0;
        return EffectiveProcessSolver.historyBytes(paths, steps) + 2 * 8.0 * t * t;
    }

    /**
     * The largest simulation task at one (n, N, alpha): the bit-packed pattern matrix (both layouts, core
     * Model.patternBytes), the kernel's tables and the results of the task's trials (every m0 of its scan).
     */
    public static double simulationBytes(long patternBytes, int N, int unitTrials, int steps) {
        return patternBytes + kernelBytes(N) + unitTrials * trialResultBytes(steps);
    }

    /** The task that summarises one grid point: every trial result of the point at once. */
    public static double summaryBytes(int trials, int steps) {
        return trials * trialResultBytes(steps);
    }

    /**
     * The budget of the tasks that run at once in one executor: half of what Spark leaves of its memory,
     * room for Spark's own buffers, cached results and the garbage collector.
     */
    public static double budgetBytes(long executorMemory) {
        return Math.max(0, executorMemory - SparkMaster.RESERVED_BYTES) / 2.0;
    }

    /** The budget of a command that runs one task in this JVM without Spark (simulate, theory): half the heap. */
    public static double jvmBudgetBytes() {
        return Runtime.getRuntime().maxMemory() / 2.0;
    }

    /** A size for messages: MiB, or GiB and TiB when large. */
    public static String mib(double bytes) {
        java.util.Locale r = java.util.Locale.ROOT;
        if (bytes >= 0x1p40) {
            return String.format(r, "%.3g TiB", bytes / 0x1p40);
        }
        if (bytes >= 0x1p30 * 10) {
            return String.format(r, "%.0f GiB", bytes / 0x1p30);
        }
        return bytes >= 0x1p20 ? String.format(r, "%.0f MiB", bytes / 0x1p20) : String.format(r, "%.2f MiB", bytes / 0x1p20);
    }
}
