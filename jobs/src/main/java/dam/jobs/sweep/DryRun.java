package dam.jobs.sweep;

import dam.core.analysis.BoundaryRound;
import dam.core.analysis.PlannedRun;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import dam.core.rng.Seeds;
import dam.core.sim.TrialRunner;
import dam.core.theory.EffectiveProcessSolver;
import dam.jobs.config.Boundary;
import dam.jobs.config.ConfigError;
import dam.jobs.config.SparkMaster;
import dam.jobs.config.SweepConfig;
import dam.jobs.config.TaskMemory;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TrialSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --dry-run}: the plan of a sweep (or phase diagram) without running it, and without Spark: grid points,
 * trials, batches and Spark tasks, what the output directory holds (points a resume skips, or why the run would be
 * refused), the memory of the largest task, and the CPU time estimated from the kernel's and the theory's throughput
 * measured here, in this JVM, on a small part of the sweep itself (in this thread's CPU time, so that a busy machine
 * does not inflate it). Nothing is written; the lock is not taken.
 */
public final class DryRun {

    /** Measure until one measurement takes at least this long (the first, with the JIT cold, is not used). */
    private static final double MEASURE_SECONDS = 0.1;
    /** Stop calibrating one kernel or theory setting after this long, with what was measured. */
    private static final double CALIBRATION_LIMIT_SECONDS = 1.0;
    /** All kernel calibrations together stop after about this long, shared among the settings. */
    private static final double KERNEL_BUDGET_SECONDS = 0.8;
    /** -Ddam.dryrun.debug=true: each calibration run on stderr. */
    private static final boolean DEBUG = Boolean.getBoolean("dam.dryrun.debug");
    /** The theory is timed on at most this many paths, at two horizons, and scaled to the sweep's paths and steps. */
    private static final int THEORY_PATHS = 3000;
    private static final int THEORY_SHORT = 20;
    private static final int THEORY_LONG = 60;
    /**
     * CPU seconds of a run besides the kernel and the theory: the JVM's compiler, Spark's start, the batch's jobs,
     * basins/, the summary and the figures. Measured: demo.conf at 2 trials and theory off (bin/dam sweep, one batch)
     * took 63 CPU-s (user + sys, shared 2-core machine, load average 19).
     */
    static final double SPARK_CPU_SECONDS = 60;
    /** CPU seconds of each further batch: its Spark jobs and small files (bench/README.md, "about 2 CPU-seconds"). */
    static final double BATCH_CPU_SECONDS = 2;
    /** The largest trial the kernel is timed on, in p N T (about 0.04 s of one core at n = 3). */
    private static final double CALIBRATION_TRIAL_COST = 0x1p30;
    /** The network size of the kernel's warm-up run, before it is timed at the calibration size. */
    private static final int WARM_UP_NEURONS = 128;
    /** Evaluations of a bisection on [0, 1] to tol, besides the halvings: both ends. */
    private static final int BISECTION_ENDS = 2;
    /** Evaluations of a capacity search before its bisection: doubling or halving from alpha = 0.1 to a bracket. */
    private static final int CAPACITY_SEARCH = 4;

    /** What {@code dam phase-diagram} adds to the sweep. */
    public record PhaseDiagram(boolean simulate, int alphaPoints, double capacityTol) {
    }

    /** What the output directory holds and what the run would do with it. */
    record Output(String summary, boolean refused, Ledger ledger) {
    }

    private DryRun() {
    }

    /**
     * Prints the plan of command (a sweep, or a phase diagram if phase is not null) on c's output directory in mode;
     * nothing is written and no Spark session is started.
     */
    public static void print(SweepConfig c, SweepOutput.Mode mode, PhaseDiagram phase, String command,
                             Configuration conf, PrintStream out) {
        long t0 = System.nanoTime();
        Locale r = Locale.ROOT;
        List<GridPoint> points = SweepPlan.points(c);
        Output o = inspect(c, mode, conf);
        boolean simulate = phase == null || phase.simulate();
        List<GridPoint> todo = !simulate ? List.of()
                : o.ledger() == null ? points : points.stream().filter(g -> !o.ledger().done(g)).toList();
        TrialSettings s = TrialSettings.of(c);
        int cores = SparkMaster.concurrentTasks(c.spark());
        boolean local = c.spark().master().startsWith("local") && !c.spark().master().startsWith("local-cluster");

        out.println(command + " --dry-run: the plan; nothing is run or written");
        out.printf(r, "grid      %d points (%s), %d trials each, T = %d%n", points.size(), axes(points),
                c.trials(), c.steps());
        out.println("output    " + o.summary());

        // Simulation: batches and scans exactly as the driver makes them.
        List<List<GridPoint>> batches = SweepPlan.batches(todo, c);
        long scans = 0;
        for (List<GridPoint> batch : batches) {
            scans += c.partitions() > 0 ? c.partitions() : SweepPlan.scans(batch, c, cores).size();
        }
        long trials = todo.stream().mapToLong(g -> s.simulatedTrials(g).length).sum();
        // Theory of the sweep: one solve per new (model, n, temperature, alpha, m0), and basins/' bisection per load.
        Set<TheoryKey> keys = new LinkedHashSet<>();
        Set<List<Object>> loads = new LinkedHashSet<>();
        if (c.theory().enabled() && !todo.isEmpty()) {
            todo.stream().map(GridPoint::theoryKey).filter(k -> o.ledger() == null || !o.ledger().done(k)).forEach(keys::add);
            points.forEach(g -> loads.add(List.of(g.model(), g.n(), g.temperature(), g.alpha())));
        }
        // Boundary searches (an axis in boundary form): rounds after the grid, planned from the committed rows.
        List<SweepPlan.Search> searches = simulate ? SweepPlan.searches(c) : List.of();
        // Each search's round 0, which depends on nothing committed: the runs every estimate below starts from.
        Map<SweepPlan.Search, List<PlannedRun>> roundZero = new LinkedHashMap<>();
        searches.forEach(x -> roundZero.put(x, ((BoundaryRound) x.search().next(List.of())).runs()));
        if (c.theory().enabled()) {
            searches.stream().filter(x -> x.load().inM0()).forEach(x -> loads.add(List.of(x.load().model(),
                    x.load().n(), x.load().temperature(), x.load().fixed())));
        }
        int perBisection = bisectionSolves(c.theory().basinTol());
        out.printf(r, "to run    %d points, %d trials, in %d batch%s; Spark tasks: %d simulation scans%s%n", todo.size(),
                trials, batches.size(), batches.size() == 1 ? "" : "es", scans,
                c.theory().enabled() && (!todo.isEmpty() || !searches.isEmpty()) ? String.format(r, ", %d theory "
                        + "solves, %d theory basin bisections (basins/, about %d solves each)", keys.size(),
                        loads.size(), perBisection) : "");
        long roundZeroTrials = 0;
        long searchBudget = 0;
        for (SweepPlan.Search x : searches) {
            roundZeroTrials += trials(roundZero.get(x));
            searchBudget += x.search().maxTrials();
        }
        if (!searches.isEmpty()) {
            // Each n's boundary as the config writes it (by-n may give each its own).
            String ranges = searches.stream().map(x -> x.load().n()).distinct().map(n -> {
                Boundary b = c.writtenAxes(n).boundary();
                return String.format(r, "n = %d: %s on [%s, %s], width %s, max-trials %d", n, b.axis(),
                        num(b.from()), num(b.to()), num(b.width()), b.maxTrials());
            }).collect(Collectors.joining("; "));
            out.printf(r, "searches  %d boundary search%s (%s): round 0 runs %d trials, then rounds until each 95%% "
                            + "interval is at most its width, at most %d trials in all%s%n", searches.size(),
                    searches.size() == 1 ? "" : "es", ranges, roundZeroTrials, searchBudget,
                    o.ledger() != null && o.ledger().batchCount() > 0 ? "; a resume continues the rounds committed in "
                            + "grid/ (not counted here)" : "");
        }

        // Memory: the largest task of each kind, against the budget of the tasks that run at once.
        double simulationTask = 0;
        String largest = "";
        for (GridPoint g : todo.stream().collect(Collectors.toMap(GridPoint::load, Function.identity(), (a, b) -> a,
                LinkedHashMap::new)).values()) {
            long m0s = todo.stream().filter(h -> h.load().equals(g.load())).count();
            int slice = c.unitTrials() > 0 ? Math.min(c.unitTrials(), c.trials()) : c.trials();
            double bytes = TaskMemory.simulationBytes(Model.atLoad(g.n(), g.neurons(), g.alpha(), UpdateOrder.PARALLEL)
                    .patternBytes(), g.neurons(), (int) Math.min(Integer.MAX_VALUE, slice * m0s), c.steps());
            if (bytes > simulationTask) {
                simulationTask = bytes;
                largest = String.format(r, "%s n=%d N=%d alpha=%.4g", g.model().name().toLowerCase(r), g.n(),
                        g.neurons(), g.alpha());
            }
        }
        for (SweepPlan.Search x : searches) { // a round's task: at most one run of its plan, at the most patterns
            GridPoint g = x.load().point(x.load().inM0() ? x.search().from() : x.search().to());
            int slice = roundZero.get(x).stream().mapToInt(PlannedRun::trials).max().orElse(0);
            double bytes = TaskMemory.simulationBytes(Model.atLoad(g.n(), g.neurons(), g.alpha(), UpdateOrder.PARALLEL)
                    .patternBytes(), g.neurons(), slice, c.steps());
            if (bytes > simulationTask) {
                simulationTask = bytes;
                largest = String.format(r, "%s n=%d N=%d alpha=%.4g, a search's round", g.model().name().toLowerCase(r),
                        g.n(), g.neurons(), g.alpha());
            }
        }
        int theorySteps = phase == null ? c.steps() : Math.max(c.steps(), c.theory().maxHorizon());
        double theoryTask = c.theory().enabled() ? TaskMemory.theoryBytes(c.theory().paths(), theorySteps) : 0;
        double budget = TaskMemory.budgetBytes(SparkMaster.executorMemory(c.spark()));
        out.printf(r, "memory    largest simulation task %s%s%s; summary task %s; budget %s for %d task%s at once (%s)%n",
                TaskMemory.mib(simulationTask), largest.isEmpty() ? "" : " (" + largest + ")",
                theoryTask > 0 ? ", theory solve " + TaskMemory.mib(theoryTask) : "",
                TaskMemory.mib(TaskMemory.summaryBytes(c.trials(), c.steps())), TaskMemory.mib(budget), cores,
                cores == 1 ? "" : "s", local ? c.spark().master() : "per executor: spark.executor.cores");

        // CPU: the kernel's and the theory's throughput measured here, on the sweep's own settings.
        double simulationSeconds = 0;
        Map<List<Object>, Double> kernelRate = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        long settings = todo.stream().map(g -> kernelKey(g.model(), g.n(), g.temperature())).distinct().count();
        double limit = Math.min(CALIBRATION_LIMIT_SECONDS, KERNEL_BUDGET_SECONDS / Math.max(1, settings));
        for (GridPoint g : todo) {
            List<Object> key = kernelKey(g.model(), g.n(), g.temperature());
            double secondsPerCost = kernelRate.computeIfAbsent(key,
                    k -> secondsPerCost(c, s, scanOf(todo, g, c.steps()), limit));
            simulationSeconds += SweepPlan.pointCost(g, c) * secondsPerCost;
        }
        // A search costs between its round 0 and its budget, at the mean cost of a trial of its round 0.
        double searchLow = 0;
        double searchHigh = 0;
        for (SweepPlan.Search x : searches) {
            List<GridPoint> scan = roundZero.get(x).stream().map(run -> x.load().point(run.x())).toList();
            List<Object> key = kernelKey(x.load().model(), x.load().n(), x.load().temperature());
            double secondsPerCost = kernelRate.computeIfAbsent(key,
                    k -> secondsPerCost(c, s, widest(roundZero, x, c.steps()), limit));
            double trialCost = scan.stream().mapToDouble(g -> g.trialCost(c.steps())).average().orElse(0);
            searchLow += trials(roundZero.get(x)) * trialCost * secondsPerCost;
            searchHigh += x.search().maxTrials() * trialCost * secondsPerCost;
        }
        Map<List<Object>, double[]> solveSeconds = new LinkedHashMap<>();
        double theorySeconds = 0;
        long solves = 0;
        for (TheoryKey k : keys) {
            theorySeconds += solveSeconds(solveSeconds, c, k.model(), k.n(), k.temperature(), c.steps());
            solves++;
        }
        for (List<Object> load : loads) {
            theorySeconds += perBisection * solveSeconds(solveSeconds, c, (dam.core.model.MemoryModel) load.get(0),
                    (Integer) load.get(1), (Double) load.get(2), c.steps());
            solves += perBisection;
        }
        String phaseLine = null;
        if (phase != null) {
            // Every diagram (model, n, temperature): capacity searches (one per seed) and basin boundaries at
            // alpha-points loads, all on the ladder of horizons (evaluated at its largest).
            int horizons = c.theory().horizons().size();
            long diagrams = (long) c.model().size() * c.n().size() * c.temperature().size();
            int capacity = CAPACITY_SEARCH + ceilLog2(1 / phase.capacityTol()) + (horizons - 1);
            int boundary = perBisection + (horizons - 1);
            long phaseSolves = diagrams * ((long) c.theory().capacitySeeds() * capacity + (long) phase.alphaPoints() * boundary);
            double phaseSeconds = 0;
            for (dam.core.model.MemoryModel m : c.model()) {
                for (int n : c.n()) {
                    for (double temperature : c.temperature()) {
                        phaseSeconds += (c.theory().capacitySeeds() * capacity + phase.alphaPoints() * boundary)
                                * solveSeconds(solveSeconds, c, m, n, temperature, theorySteps);
                    }
                }
            }
            theorySeconds += phaseSeconds;
            solves += phaseSolves;
            phaseLine = String.format(r, "phase     %d diagram%s (model x n x temperature): %d capacity search%s of about %d "
                            + "solves and %d basin boundaries of about %d solves at T = %s, M = %d; Spark tasks: %d",
                    diagrams, diagrams == 1 ? "" : "s", diagrams * c.theory().capacitySeeds(),
                    diagrams * c.theory().capacitySeeds() == 1 ? "" : "es", capacity, diagrams * phase.alphaPoints(),
                    boundary, c.theory().horizons(), c.theory().paths(),
                    diagrams * (c.theory().capacitySeeds() + phase.alphaPoints()))
                    + (c.temperature().stream().anyMatch(t -> t > 0)
                    ? "; critical temperatures (temperature > 0) not in the estimate" : "");
        }
        if (phaseLine != null) {
            out.println(phaseLine);
        }
        boolean anything = !todo.isEmpty() || !searches.isEmpty() || phase != null;
        double spark = anything ? SPARK_CPU_SECONDS + BATCH_CPU_SECONDS * Math.max(0, batches.size() - 1) : 0;
        double cpu = simulationSeconds + searchLow + theorySeconds + spark;
        String upTo = searches.isEmpty() ? "" : " to " + seconds(cpu - searchLow + searchHigh);
        String upToCores = searches.isEmpty() ? "" : " to " + seconds((cpu - searchLow + searchHigh) / cores);
        out.printf(r, "cpu       about %s%s of CPU, %s%s on %d core%s: simulation %s%s (kernel measured here at the "
                        + "largest N per (model, n, temperature 0 or > 0) whose trial costs at most 2^30 p N T: %s), theory %s "
                        + "(%d solves at M = %d%s), Spark and figures %s%n",
                seconds(cpu), upTo, seconds(cpu / cores), upToCores, cores, cores == 1 ? "" : "s",
                seconds(simulationSeconds + searchLow), searches.isEmpty() ? "" : String.format(r, " (grid %s, "
                        + "searches %s if all stop after round 0, %s if all spend their budget)",
                        seconds(simulationSeconds), seconds(searchLow), seconds(searchHigh)),
                rates(kernelRate), seconds(theorySeconds), solves,
                c.theory().paths(),
                solveSeconds.isEmpty() ? "" : ", " + solveRates(solveSeconds, c.theory().paths(), c.steps()),
                seconds(spark));
        out.printf(r, "planned in %.1f s%s%n", (System.nanoTime() - t0) / 1e9,
                o.refused() ? "; the run would be refused (output above)" : "");
    }

    /** Reads what the output directory holds and what the run would do with it, changing nothing. */
    static Output inspect(SweepConfig c, SweepOutput.Mode mode, Configuration conf) {
        OutputDirectory dir;
        try {
            dir = OutputDirectory.open(c.output(), conf);
        } catch (IOException | RuntimeException e) {
            return new Output("refused: cannot use " + c.output() + ": " + OutputDirectory.reason(e), true, null);
        }
        try {
            if (!dir.exists("")) {
                return new Output(dir.display() + ": absent, a new sweep (created at the start)", false, null);
            }
            try {
                SweepOutput.refuseForeign(dir);
                OutputLock.liveHolder(dir).ifPresent(why -> {
                    throw new ConfigError("sweep.output", why);
                });
                if (dir.exists(SweepOutput.OVERWRITING)) {
                    SweepOutput.refuseNotOurs(dir, "cannot finish the interrupted --overwrite of " + dir.display());
                    return new Output(dir.display() + ": an interrupted --overwrite, finished first (its sweep deleted); "
                            + "then a new sweep", false, null);
                }
                if (!dir.exists(SweepDescription.FILE)) {
                    return new Output(dir.display() + ": empty, a new sweep", false, null);
                }
                if (mode == SweepOutput.Mode.OVERWRITE) {
                    SweepOutput.refuseNotOurs(dir, "--overwrite deletes only what dam wrote, and " + dir.display());
                    int held = Ledger.read(dir).pointCount();
                    return new Output(dir.display() + ": --overwrite deletes its sweep (" + held
                            + " committed points) first, then a new sweep", false, null);
                }
                SweepDescription.checkTableSchema(dir, "sweep.output", "use --overwrite or another --output");
                Ledger ledger = Ledger.read(dir);
                ledger.verify();
                if (ledger.batchCount() > 0 || mode == SweepOutput.Mode.ADOPT) {
                    SweepDescription.checkResumable(dir, c);
                }
                TreeMap<String, Long> unlisted = ledger.unlisted(Ledger.TABLES);
                String missing = ledger.missingRecord(ledger.unlisted(Ledger.BATCH_TABLES),
                        ledger.unlisted(Ledger.DERIVED_TABLES));
                if (missing != null && mode != SweepOutput.Mode.ADOPT) {
                    throw new ConfigError("sweep.output", dir.display() + " is damaged: " + missing + "; to keep its "
                            + "tables rerun with --adopt, or start afresh with --overwrite");
                }
                String extra = unlisted.isEmpty() ? ""
                        : mode == SweepOutput.Mode.ADOPT ? "; --adopt reads " + unlisted.size() + " unlisted files first "
                        + "(the points they complete are not counted above)"
                        : "; " + unlisted.size() + " files of an unfinished batch are deleted first";
                return new Output(dir.display() + ": a sweep with " + ledger.pointCount() + " committed points in "
                        + ledger.batchCount() + " batches; a resume skips those" + extra, false, ledger);
            } catch (ConfigError e) {
                return new Output("refused (exit 2): " + e.field() + ": " + e.reason(), true, null);
            }
        } catch (IOException e) {
            return new Output("refused: cannot read " + dir.display() + ": " + OutputDirectory.reason(e), true, null);
        }
    }

    /**
     * Seconds of kernel time per unit of {@link SweepPlan#pointCost}, measured on scan (the m0 values of one load, run
     * as a task runs them) with ever more trials, until a run takes {@value #MEASURE_SECONDS} s at a rate within 30% of
     * the run before (or all the sweep's trials at a rate within 10%; the first runs, with the kernels not yet compiled,
     * are many times slower), or limit seconds of this thread's CPU time have passed after the first run: the last
     * run's rate.
     */
    private static double secondsPerCost(SweepConfig c, TrialSettings s, List<GridPoint> scan, double limit) {
        GridPoint g = scan.get(0);
        int neurons = g.neurons();
        double alpha = g.alpha();
        int sps = c.statesPerPatternSet();
        int count = Math.min(c.trials(), sps);
        warmUp(s, scan);
        long start = 0;
        double previous = Double.NaN;
        while (true) {
            List<TrialRunner> runners = scan.stream().map(s::runner).toList();
            long t = cpuNanos();
            var results = TrialRunner.runScan(runners, 0, count);
            double seconds = (cpuNanos() - t) / 1e9;
            double cost = 0;
            for (int i = 0; i < scan.size(); i++) {
                cost += results.get(i).size() * scan.get(i).trialCost(c.steps());
            }
            double rate = seconds / Math.max(cost, 1);
            if (DEBUG) {
                System.err.printf(Locale.ROOT, "[dry-run] kernel %s n=%d N=%d alpha=%.4g: %d trials x %d m0 in %.3f s, "
                        + "%.3g pNT/s%n", g.model(), g.n(), neurons, alpha, count, scan.size(), seconds, 1 / rate);
            }
            // A sweep with few trials cannot make a run that long: then its own trial count, run twice alike, is all.
            boolean longest = seconds >= MEASURE_SECONDS || count >= c.trials();
            boolean steady = longest && Math.abs(rate / previous - 1) < (seconds >= MEASURE_SECONDS ? 0.3 : 0.1);
            if (steady || start != 0 && (cpuNanos() - start) / 1e9 > limit) {
                return rate;
            }
            if (start == 0) {
                start = cpuNanos(); // the limit counts from the end of the first run, which loads and compiles
            }
            previous = rate;
            if (seconds < MEASURE_SECONDS) {
                long grown = (long) count * (seconds < MEASURE_SECONDS / 4 ? 4 : 2);
                count = Math.min(c.trials(), Math.max(sps, (int) Math.min(Integer.MAX_VALUE / 2, grown) / sps * sps));
            }
        }
    }

    /**
     * The kernel setting a grid point is calibrated with: its model and n, and whether it draws (temperature &gt; 0 runs
     * every step of Glauber dynamics, at a cost that does not depend on the temperature; temperature 0 stops early).
     */
    private static List<Object> kernelKey(dam.core.model.MemoryModel model, int n, double temperature) {
        return List.of(model, n, temperature == 0 ? "temperature=0" : "temperature>0");
    }

    /**
     * Runs one trial of each of scan's m0 at {@value #WARM_UP_NEURONS} neurons (if scan's are more, and that size holds
     * a pattern), so that the JIT compiles the kernel on trials that cost little: the first run at the calibration
     * size, interpreted, took most of a second at N = 512, n = 3.
     */
    private static void warmUp(TrialSettings s, List<GridPoint> scan) {
        GridPoint g = scan.get(0);
        int neurons = Math.min(WARM_UP_NEURONS, g.neurons());
        if (neurons == g.neurons() || Math.rint(g.alpha() * Math.pow(neurons, g.n() - 1)) < 1) {
            return;
        }
        List<TrialRunner> runners = scan.stream().map(h -> s.runner(new GridPoint(h.model(), h.n(), neurons,
                h.temperature(), h.alpha(), h.m0(), Model.patternCount(h.n(), neurons, h.alpha())))).toList();
        TrialRunner.runScan(runners, 0, 1);
    }

    /**
     * The network size that calibrates a setting: the largest whose trial costs at most {@value #CALIBRATION_TRIAL_COST}
     * (p N T; the rate per unit of it changes little with N, and a trial at N = 2048, n = 3 takes a second), else the
     * smallest.
     */
    private static int calibrationNeurons(List<GridPoint> points, int steps) {
        return points.stream().filter(h -> h.trialCost(steps) <= CALIBRATION_TRIAL_COST).mapToInt(GridPoint::neurons)
                .max().orElse(points.stream().mapToInt(GridPoint::neurons).min().orElseThrow());
    }

    /** The m0 scan that calibrates g's (model, n, temperature): at the middle load of its calibration size. */
    private static List<GridPoint> scanOf(List<GridPoint> points, GridPoint g, int steps) {
        List<GridPoint> same = points.stream().filter(h -> h.model() == g.model() && h.n() == g.n()
                && h.temperature() == g.temperature()).toList();
        int neurons = calibrationNeurons(same, steps);
        List<Double> alphas = same.stream().filter(h -> h.neurons() == neurons).map(GridPoint::alpha).distinct().sorted()
                .toList();
        double alpha = alphas.get(alphas.size() / 2); // the early stop depends on alpha
        return same.stream().filter(h -> h.neurons() == neurons && h.alpha() == alpha).toList();
    }

    /** Round-0 points of the search that calibrates x's (model, n, temperature): its calibration size, middle load. */
    private static List<GridPoint> widest(Map<SweepPlan.Search, List<PlannedRun>> roundZero, SweepPlan.Search x,
                                          int steps) {
        List<SweepPlan.Search> same = roundZero.keySet().stream().filter(y -> y.load().model() == x.load().model()
                && y.load().n() == x.load().n() && y.load().temperature() == x.load().temperature()).toList();
        int neurons = calibrationNeurons(same.stream().map(y -> y.load().point(y.search().to())).toList(), steps);
        List<SweepPlan.Search> largest = same.stream().filter(y -> y.load().neurons() == neurons).toList();
        SweepPlan.Search middle = largest.get(largest.size() / 2); // searches are sorted by their fixed value
        List<PlannedRun> runs = roundZero.get(middle);
        // Three of round 0's points, inside the range: a trial can take a second at a large N, and the ends
        // (which converge at once) would flatter the rate.
        // A search in alpha runs a load per point, and a scan is one load: its middle point only.
        IntStream picks = middle.load().inM0() ? IntStream.of(runs.size() / 4, runs.size() / 2, 3 * runs.size() / 4)
                : IntStream.of(runs.size() / 2);
        return picks.distinct().mapToObj(i -> middle.load().point(runs.get(i).x())).toList();
    }

    /** The trials of a round's runs. */
    private static long trials(List<PlannedRun> runs) {
        return runs.stream().mapToLong(PlannedRun::trials).sum();
    }

    /** A number as a config writes it: 0.02, 1, 4000. */
    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * Seconds of one theory solve of (model, n, temperature) over steps, at M = theory.paths: solves at the middle load
     * and m0 on at most {@value #THEORY_PATHS} paths timed once per (model, n, temperature) at {@value #THEORY_SHORT}
     * and {@value #THEORY_LONG} steps (after one that warms the JIT), scaled by M and by T^b, b fitted to the two and
     * held in [1, 2] (a solve's cost grows as T^2 for long horizons, about as T for short ones). Cached in cache.
     */
    private static double solveSeconds(Map<List<Object>, double[]> cache, SweepConfig c, dam.core.model.MemoryModel model,
                                       int n, double temperature, int steps) {
        double[] fit = cache.computeIfAbsent(List.of(model, n, temperature), k -> {
            SweepConfig.Axes axes = c.axes(model, n);
            Boundary b = c.writtenAxes(n).boundary();
            // An axis in boundary form has no grid: its range's middle stands for it.
            double a = !axes.alpha().isEmpty() ? axes.alpha().get(axes.alpha().size() / 2)
                    : c.load().toRaw(model, n, (b.from() + b.to()) / 2);
            double m = !axes.m0().isEmpty() ? axes.m0().get(axes.m0().size() / 2) : (b.from() + b.to()) / 2;
            int paths = Math.min(c.theory().paths(), THEORY_PATHS);
            double[] seconds = new double[3];
            int[] horizons = {THEORY_SHORT, THEORY_SHORT, THEORY_LONG};
            for (int i = 0; i < horizons.length; i++) {
                long t0 = cpuNanos();
                new EffectiveProcessSolver(model, n, a, temperature, paths, 1)
                        .solve(m, horizons[i], Seeds.theory(c.seed(), model, n, a, m));
                seconds[i] = (cpuNanos() - t0) / 1e9;
                if (DEBUG) {
                    System.err.printf(Locale.ROOT, "[dry-run] theory %s n=%d temperature=%s: M=%d T=%d in %.3f s%n",
                            model, n, temperature, paths, horizons[i], seconds[i]);
                }
            }
            double exponent = Math.log(seconds[2] / seconds[1]) / Math.log((double) THEORY_LONG / THEORY_SHORT);
            exponent = Double.isFinite(exponent) ? Math.max(1, Math.min(2, exponent)) : 2;
            return new double[]{seconds[2] / paths, exponent};
        });
        return solveSeconds(fit, c.theory().paths(), steps);
    }

    /** Seconds of one solve of paths paths over steps steps, from a fit (seconds per path at THEORY_LONG, b). */
    private static double solveSeconds(double[] fit, int paths, int steps) {
        return fit[0] * paths * Math.pow((double) steps / THEORY_LONG, fit[1]);
    }

    /**
     * This thread's CPU time: what the estimate is of, and unlike the wall clock not inflated by other processes on a
     * busy machine (the calibration runs on this one thread).
     */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Evaluations of a bisection on [0, 1] to tol: both ends, then the halvings. */
    static int bisectionSolves(double tol) {
        return BISECTION_ENDS + ceilLog2(1 / tol);
    }

    private static int ceilLog2(double x) {
        return (int) Math.ceil(Math.log(Math.max(x, 1)) / Math.log(2));
    }

    /** "2 models x 2 n x ..." from the distinct values of each axis among the points. */
    private static String axes(List<GridPoint> points) {
        List<String> parts = new ArrayList<>();
        parts.add(points.stream().map(GridPoint::model).distinct().count() + " model");
        parts.add(points.stream().map(GridPoint::n).distinct().count() + " n");
        parts.add(points.stream().map(GridPoint::neurons).distinct().count() + " N");
        parts.add(points.stream().map(GridPoint::temperature).distinct().count() + " temperature");
        parts.add(points.stream().map(GridPoint::alpha).distinct().count() + " alpha");
        parts.add(points.stream().map(GridPoint::m0).distinct().count() + " m0 values");
        return String.join(", ", parts) + " over all";
    }

    private static String rates(Map<List<Object>, Double> kernelRate) {
        if (kernelRate.isEmpty()) {
            return "nothing to simulate";
        }
        return kernelRate.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s n=%s %s %.3g pNT/s",
                e.getKey().get(0).toString().toLowerCase(Locale.ROOT), e.getKey().get(1), e.getKey().get(2),
                1 / e.getValue())).collect(Collectors.joining(", "));
    }

    /** Each calibrated setting's seconds for one solve of paths paths over steps steps, and its exponent in T. */
    private static String solveRates(Map<List<Object>, double[]> fits, int paths, int steps) {
        return fits.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s n=%s temperature=%s %.3g s a solve at "
                        + "T=%d (cost ~ T^%.2f)", e.getKey().get(0).toString().toLowerCase(Locale.ROOT), e.getKey().get(1),
                e.getKey().get(2), solveSeconds(e.getValue(), paths, steps), steps, e.getValue()[1])).collect(Collectors.joining(", "));
    }

    /** "45 s", "12.3 min", "4.5 h". */
    static String seconds(double s) {
        if (s < 600) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 3 * 3600) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
