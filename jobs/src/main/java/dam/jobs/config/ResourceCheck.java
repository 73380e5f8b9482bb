package dam.jobs.config;

import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import dam.core.sim.FieldRange;
import java.util.List;
import java.util.Locale;

/**
 * Checks, before Spark starts, everything about the grid's size that would otherwise fail inside a task: the
 * number of grid points and of work units per batch, p >= 1 and the pattern-matrix limit, the field's 64-bit
 * range at every (n, neurons), and the memory of the largest task times the tasks that run at once against the
 * executor's memory ({@link TaskMemory}, {@link SparkMaster}).
 */
final class ResourceCheck {

    /**
     * Most grid points a sweep may have whatever the driver's memory: the driver keeps the plan and the ledger's
     * committed points ({@link TaskMemory#DRIVER_BYTES_PER_POINT} each), within half its heap, which is checked too.
     */
    static final int MAX_GRID_POINTS = 100_000_000;
    /** Most work units (Spark tasks) in one batch, and most partitions. */
    static final int MAX_UNITS = 100_000;

    private ResourceCheck() {
    }

    /** Throws a {@link ConfigError} naming the field to change when the sweep would not fit; see the class comment. */
    static void check(SweepConfig config) {
        int tasks = SparkMaster.concurrentTasks(config.spark());
        long executor = SparkMaster.executorMemory(config.spark());
        double budget = TaskMemory.budgetBytes(executor);
        String concurrency = concurrency(config.spark(), tasks);
        String room = String.format(Locale.ROOT, "the budget of %s (half of the %s %s after Spark's 300 MiB reserve)",
                TaskMemory.mib(budget), TaskMemory.mib(executor),
                config.spark().master().startsWith("local") && !config.spark().master().startsWith("local-cluster")
                        ? "heap of this JVM" : "executor memory");
        String remedy = config.spark().master().startsWith("local") && !config.spark().master().startsWith("local-cluster")
                ? "run fewer tasks at once (--master local[1]) or give the JVM more memory (DAM_JAVA_OPTS=-Xmx8g)"
                : "run fewer tasks per executor (spark.executor.cores) or raise spark.executor.memory";

        double summary = TaskMemory.summaryBytes(config.trials(), config.steps());
        if (summary * tasks > budget) {
            String field = config.steps() > config.trials() ? "steps" : "trials";
            throw new ConfigError("sweep." + field, String.format(Locale.ROOT,
                    "a grid point's summary holds all its trials' m(t) and f(t) at once, trials x (2T+1) x 8 bytes "
                            + "= %s (trials = %d, T = %d), and %s: %s in all, more than %s; lower trials or steps, or %s",
                    TaskMemory.mib(summary), config.trials(), config.steps(), concurrency,
                    TaskMemory.mib(summary * tasks), room, remedy));
        }
        if (config.theory().enabled()) {
            int theorySteps = Math.max(config.steps(), config.theory().maxHorizon());
            double theory = TaskMemory.theoryBytes(config.theory().paths(), theorySteps);
            if (theory * tasks > budget) {
                String field = 16.0 * (theorySteps + 1) > 4.4 * config.theory().paths()
                        ? (theorySteps > config.steps() ? "theory.horizons" : "steps") : "theory.paths";
                throw new ConfigError("sweep." + field, String.format(Locale.ROOT,
                        "a theory solve keeps every path's history, about 4.4 bytes per path and step, and C and G: %s "
                                + "(M = %d, T = %d), and %s: "
                                + "%s in all, more than %s; lower theory.paths, steps or theory.horizons, or %s",
                        TaskMemory.mib(theory), config.theory().paths(), theorySteps, concurrency,
                        TaskMemory.mib(theory * tasks), room, remedy));
            }
        }
        double gridPoints = config.gridPoints();
        if (gridPoints > MAX_GRID_POINTS) {
            throw new ConfigError("sweep.m0", String.format(Locale.ROOT,
                    "the grid has %.0f points (model x n x neurons x temperature x alpha x m0), more than %d; split the "
                            + "sweep", gridPoints, MAX_GRID_POINTS));
        }
        double driver = gridPoints * TaskMemory.DRIVER_BYTES_PER_POINT;
        if (driver > TaskMemory.jvmBudgetBytes()) {
            throw new ConfigError("sweep.m0", String.format(Locale.ROOT,
                    "the grid has %.0f points (model x n x neurons x temperature x alpha x m0), and the driver keeps "
                            + "about %d bytes per point (the plan and the ledger's committed points): %s, more than half "
                            + "its %s heap; give the driver "
                            + "more memory (DAM_JAVA_OPTS=-Xmx16g, or spark-submit --driver-memory) or split the sweep",
                    gridPoints, TaskMemory.DRIVER_BYTES_PER_POINT, TaskMemory.mib(driver),
                    TaskMemory.mib(Runtime.getRuntime().maxMemory())));
        }
        if (config.partitions() > MAX_UNITS) {
            throw new ConfigError("sweep.partitions", String.format(Locale.ROOT,
                    "must be at most %d (Spark tasks of a batch; 0 = one per m0 scan), got %d", MAX_UNITS,
                    config.partitions()));
        }
        if (config.batchPoints() > TaskMemory.MAX_BATCH_POINTS) {
            throw new ConfigError("sweep.batch-points", String.format(Locale.ROOT,
                    "must be at most %d (the grid points one batch holds on the driver; 0 = automatic), got %d",
                    TaskMemory.MAX_BATCH_POINTS, config.batchPoints()));
        }
        int sps = config.statesPerPatternSet();
        long slice = config.unitTrials() > 0
                ? Math.min(config.trials(), ((long) config.unitTrials() + sps - 1) / sps * sps) : config.trials();
        long batch = config.batchPoints() > 0 ? Math.min(config.batchPoints(), (long) gridPoints)
                : Math.min(TaskMemory.MAX_BATCH_POINTS, Math.max(1, ((long) gridPoints + 7) / 8));
        double units = batch * Math.ceil(config.trials() / (double) slice);
        if (config.unitTrials() > 0 && units > MAX_UNITS) {
            throw new ConfigError("sweep.unit-trials", String.format(Locale.ROOT,
                    "%d trials per work unit make %.0f work units (Spark tasks) in a batch of %d grid points, more "
                            + "than %d; raise unit-trials (or 0 = automatic) or lower batch-points",
                    slice, units, batch, MAX_UNITS));
        }

        for (MemoryModel memory : config.model()) {
            for (int ni : config.n()) {
                SweepConfig.Axes axes = config.axes(memory, ni);
                // Name the by-n entry when this n has one: that is where its neurons or alpha would be changed.
                SweepConfig.Axes own = config.byN().get(ni);
                String prefix = own != null ? "sweep." + GridAxes.BY_N + "." + ni + "." : "sweep.";
                // A load search runs at the loads of its range: the ends bound the pattern count.
                List<Double> loads = axes.boundary() != null && !axes.boundary().inM0()
                        ? List.of(config.load().toRaw(memory, ni, axes.boundary().from()),
                        config.load().toRaw(memory, ni, axes.boundary().to())) : axes.alpha();
                for (int Ni : axes.neurons()) {
                    for (double a : loads) {
                        double exact = a * Math.pow(Ni, ni - 1);
                        if (Math.rint(exact) < 1) {
                            throw new ConfigError(own != null ? "sweep." + GridAxes.BY_N + "." + ni : "sweep.neurons", String.format(Locale.ROOT,
                                    "too small: p = round(alpha N^(n-1)) = 0 patterns at n=%d, neurons=%d, alpha=%s", ni, Ni, a));
                        }
                        try {
                            FieldRange.check(memory, ni, Ni, Math.rint(exact));
                        } catch (IllegalArgumentException e) {
                            throw new ConfigError(own != null && config.neurons() != own.neurons() ? prefix + "neurons" : "sweep.n", e.getMessage());
                        }
                        Model model;
                        try {
                            model = Model.atLoad(ni, Ni, a, UpdateOrder.PARALLEL);
                        } catch (IllegalArgumentException e) {
                            throw new ConfigError(prefix + "alpha", String.format(Locale.ROOT,
                                    "p = round(alpha N^(n-1)) = %.3g patterns at n=%d, neurons=%d, alpha=%s exceed "
                                            + "the limit of 2^34 pattern bits (2 GiB); lower alpha or neurons",
                                    Math.rint(exact), ni, Ni, a));
                        }
                        // A task runs the slice at every m0 of the load (one scan) and holds all their results.
                        long scanTrials = Math.min(Integer.MAX_VALUE, slice * Math.max(1, axes.m0().size()));
                        double task = TaskMemory.simulationBytes(model.patternBytes(), Ni, (int) scanTrials, config.steps());
                        if (task * tasks > budget) {
                            throw new ConfigError(prefix + "neurons", String.format(Locale.ROOT,
                                    "a simulation task at n=%d, neurons=%d, alpha=%s (p=%d) needs about %s (pattern matrix %s), "
                                            + "and %s: %s in all, more than %s; lower neurons or alpha, or %s",
                                    ni, Ni, a, model.p(), TaskMemory.mib(task), TaskMemory.mib(model.patternBytes()),
                                    concurrency, TaskMemory.mib(task * tasks), room, remedy));
                        }
                    }
                }
            }
        }
    }

    /** "local[*] runs 2 tasks at once" and the like, for messages. */
    private static String concurrency(SparkConfig spark, int tasks) {
        String m = spark.master();
        if (m.startsWith("local") && !m.startsWith("local-cluster")) {
            return m + " runs " + tasks + (tasks == 1 ? " task" : " tasks") + " at once";
        }
        return "an executor runs " + tasks + (tasks == 1 ? " task" : " tasks") + " at once (spark.executor.cores)";
    }
}
