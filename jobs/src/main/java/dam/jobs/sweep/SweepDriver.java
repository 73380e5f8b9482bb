package dam.jobs.sweep;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.SetCounts;
import dam.core.analysis.TheoryRetrieval;
import dam.core.sim.Seeds;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import dam.core.theory.EffectiveProcessSolver;
import dam.core.theory.TheoryResult;
import dam.jobs.config.ConfigError;
import dam.jobs.config.SweepConfig;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.PointSummary;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TheorySummary;
import dam.jobs.grid.TrialSettings;
import dam.jobs.table.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Runs a validated sweep on Spark: grid points in committed batches (theory, then trials, then grid
 * rows), then basins/. Every number comes from core; this class only moves work and rows around.
 */
public final class SweepDriver {

    /**
     * How to run.
     *
     * @param overwrite  delete an earlier sweep in the output directory instead of resuming it
     * @param err        where progress lines go
     * @param out        where the summary table goes
     * @param maxBatches stop after this many batches (a killed run, for tests); Integer.MAX_VALUE for all
     */
    public record Options(boolean overwrite, PrintStream err, PrintStream out, int maxBatches) {
        /** Resume, progress on stderr, summary on stdout, run to the end. */
        public static Options defaults() {
            return new Options(false, System.err, System.out, Integer.MAX_VALUE);
        }
    }

    /**
     * What a run did.
     *
     * @param gridPoints    grid points of the config
     * @param pointsRun     grid points simulated by this run (the others were already committed)
     * @param trialsRun     trials simulated by this run
     * @param wallSeconds   wall time of the whole run, Spark start-up included
     * @param kernelSeconds time spent inside TrialRunner.run, summed over tasks
     * @param theorySeconds time spent solving the theory (grid and basin bisection), summed over tasks
     * @param cores         Spark's default parallelism
     * @param complete      false if stopped early by maxBatches
     */
    public record Outcome(int gridPoints, int pointsRun, long trialsRun, double wallSeconds, double kernelSeconds,
                          double theorySeconds, int cores, boolean complete) {
    }

    private SweepDriver() {
    }

    /**
     * Runs (or resumes) the sweep: opens the output directory (lock, checks, --overwrite) before Spark
     * starts, then runs on the active Spark session or a new one (stopped at the end).
     *
     * @throws ConfigError before any work when the output directory is refused
     */
    public static Outcome run(SweepConfig c, Options o) {
        long t0 = System.nanoTime();
        return SweepSession.runOnOutput(c, o.overwrite(), "dam sweep", o.err(), (out, spark) -> run(c, out, spark, o, t0));
    }

    /**
     * Runs (or resumes) the sweep into an output directory already opened (and locked) on a running session;
     * t0 is the run's start (System.nanoTime) for the timing line. A failure is a {@link StageFailure} naming
     * the batch and step.
     */
    public static Outcome run(SweepConfig c, SweepOutput out, SparkSession spark, Options o, long t0) {
        Run run = new Run(c, spark, out, o);
        try {
            return run.execute(SweepPlan.points(c), t0);
        } catch (ConfigError | StageFailure e) {
            throw e;
        } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
            throw new StageFailure(run.stage, e);
        }
    }

    /** The state of one run. */
    private static final class Run {
        private final SweepConfig c;
        private final SparkSession spark;
        private final JavaSparkContext jsc;
        private final SweepOutput output;
        private final OutputDirectory dir;
        private final String json;
        private final Ledger ledger;
        private final Options o;
        private final TrialSettings s;
        private final Map<TheoryKey, TheorySummary> theory = new HashMap<>();
        private final LongAccumulator trialsAcc;
        private final LongAccumulator kernelAcc;
        private final LongAccumulator theoryAcc;
        /** What the run is doing, for the message of a failure. */
        private String stage = "starting";

        Run(SweepConfig c, SparkSession spark, SweepOutput output, Options o) {
            this.c = c;
            this.spark = spark;
            this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            this.output = output;
            this.dir = output.dir();
            this.json = output.description();
            this.ledger = output.ledger();
            this.o = o;
            this.s = TrialSettings.of(c);
            this.trialsAcc = jsc.sc().longAccumulator(Progress.TRIALS);
            this.kernelAcc = jsc.sc().longAccumulator("dam.kernel.nanos");
            this.theoryAcc = jsc.sc().longAccumulator("dam.theory.nanos");
        }

        Outcome execute(List<GridPoint> points, long t0) {
            List<GridPoint> todo = points.stream().filter(g -> !ledger.done(g)).toList();
            int cores = jsc.defaultParallelism();
            Progress progress = new Progress(o.err(), simulatedTrials(todo), points.size(),
                    points.size() - todo.size());
            spark.sparkContext().addSparkListener(progress);
            boolean complete = true;
            int pointsRun = 0;
            long trialsRun = 0;
            try {
                if (c.theory().enabled() && CommittedTables.present(dir, ledger, "theory")) {
                    stage = "reading the committed theory/ rows";
                    jsc.setJobDescription("read the committed theory/ rows");
                    loadTheory();
                    jsc.setJobDescription(null);
                }
                List<List<GridPoint>> batches = SweepPlan.batches(todo, c);
                for (int b = 0; b < batches.size(); b++) {
                    if (b >= o.maxBatches()) {
                        complete = false;
                        break;
                    }
                    runBatch(batches.get(b), b + 1, batches.size(), cores);
                    pointsRun += batches.get(b).size();
                    trialsRun += simulatedTrials(batches.get(b));
                    progress.committed(batches.get(b).size());
                }
                if (complete) {
                    writeBasins();
                    stage = "printing the summary";
                    jsc.setJobDescription("summary: read grid/");
                    printSummary();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            Outcome outcome = new Outcome(points.size(), pointsRun, trialsRun, wall,
                    kernelAcc.value() / 1e9, theoryAcc.value() / 1e9, cores, complete);
            o.out().printf(Locale.ROOT, "sweep: %d grid points (%d run now, %d trials) in %.1f s wall; "
                            + "simulation kernel %.1f s, theory %.1f s, summed over tasks on %d cores "
                            + "(%.0f%% of core time in the kernels); tables in %s%n",
                    outcome.gridPoints(), outcome.pointsRun(), outcome.trialsRun(), wall, outcome.kernelSeconds(),
                    outcome.theorySeconds(), cores,
                    100 * (outcome.kernelSeconds() + outcome.theorySeconds()) / Math.max(1e-9, wall * cores),
                    dir.display());
            return outcome;
        }

        /** The trials the runner simulates for these points (fewer than configured where initial states coincide). */
        private long simulatedTrials(List<GridPoint> points) {
            return points.stream().mapToLong(g -> s.simulatedTrials(g).length).sum();
        }

        /** Theory rows committed by an earlier run (needed for the grid rows of points that share them). */
        private void loadTheory() {
            for (Row r : CommittedTables.read(spark, dir, ledger, "theory", Tables.theory(null)).collectAsList()) {
                TheoryKey k = new TheoryKey(r.getInt(r.fieldIndex("n")), r.getDouble(r.fieldIndex("alpha")),
                        r.getDouble(r.fieldIndex("m0")));
                if (ledger.done(k)) {
                    theory.put(k, Tables.theorySummary(r));
                }
            }
        }

        private void runBatch(List<GridPoint> batch, int number, int count, int cores) throws IOException {
            String name = "batch " + number + "/" + count + " (" + batch.size() + (batch.size() == 1 ? " grid point)" : " grid points)");
            Set<String> before = ledger.snapshot(Ledger.BATCH_TABLES);
            List<TheoryKey> newKeys = new ArrayList<>();
            if (c.theory().enabled()) {
                Set<TheoryKey> keys = new LinkedHashSet<>();
                batch.stream().map(GridPoint::theoryKey).filter(k -> !ledger.done(k) && !theory.containsKey(k))
                        .sorted(TheoryKey.ORDER).forEach(keys::add);
                newKeys.addAll(keys);
                if (!newKeys.isEmpty()) {
                    solveTheory(newKeys, name);
                }
            }
            stage = name + ": simulating";
            List<WorkUnit[]> scans = SweepPlan.scans(batch, c, cores);
            jsc.setJobGroup("dam.batch." + number, name + ": simulate " + scans.size() + " m0 scans of "
                    + c.trials() + " trials per point, then write trials/ and grid/", false);
            TrialSettings settings = s;
            LongAccumulator trials = trialsAcc;
            LongAccumulator kernel = kernelAcc;
            int parts = c.partitions() > 0 ? c.partitions() : scans.size();
            JavaRDD<UnitResult> results = jsc.parallelize(scans, parts)
                    .flatMap(scan -> runScan(scan, settings, trials, kernel).iterator())
                    .persist(StorageLevel.MEMORY_ONLY());
            try {
                results.count();
                stage = name + ": writing trials/";
                jsc.setJobDescription(name + ": write " + simulatedTrials(batch) + " trial rows to trials/");
                JavaRDD<Row> rows = results.flatMap(r -> Arrays.stream(r.trials())
                        .map(t -> Tables.trialRow(r.unit().point(), settings, t)).iterator());
                spark.createDataFrame(rows, Tables.trials(json)).coalesce(Math.max(1, Math.min(cores, parts)))
                        .write().mode(SaveMode.Append).parquet(dir.uri("trials"));
                stage = name + ": summarising grid points";
                jsc.setJobDescription(name + ": summarise " + batch.size() + " grid points");
                int groups = Math.max(1, Math.min(batch.size(), 2 * cores));
                List<PointSummary> summaries = new ArrayList<>(results
                        .mapToPair(r -> new Tuple2<>(r.unit().point(), r))
                        .groupByKey(groups)
                        .map(kv -> summarise(kv._1(), kv._2(), settings))
                        .collect());
                summaries.sort((a, b) -> GridPoint.ORDER.compare(a.point(), b.point()));
                List<Row> gridRows = new ArrayList<>();
                for (PointSummary ps : summaries) {
                    gridRows.add(Tables.gridRow(ps, c.theory().enabled() ? theory.get(ps.point().theoryKey()) : null));
                }
                stage = name + ": writing grid/";
                jsc.setJobDescription(name + ": write " + gridRows.size() + " rows to grid/");
                spark.createDataFrame(gridRows, Tables.grid(json)).coalesce(1)
                        .write().mode(SaveMode.Append).parquet(dir.uri("grid"));
            } finally {
                results.unpersist(false);
                jsc.clearJobGroup();
            }
            stage = name + ": committing";
            output.lock().verify();
            ledger.commit(batch, newKeys, before);
        }

        private void solveTheory(List<TheoryKey> keys, String batchName) {
            stage = batchName + ": solving the theory";
            TrialSettings settings = s;
            LongAccumulator nanos = theoryAcc;
            jsc.setJobGroup("dam.theory", batchName + ": solve the theory at " + keys.size() + " (n, alpha, m0) with "
                    + c.theory().paths() + " paths, then write theory/", false);
            try {
                List<TheoryResult> results = jsc.parallelize(keys, keys.size())
                        .map(k -> solve(k, settings, nanos)).collect();
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    rows.add(Tables.theoryRow(keys.get(i), results.get(i), s));
                    theory.put(keys.get(i), TheorySummary.of(results.get(i), s.eps(), s.mSuccess()));
                }
                stage = batchName + ": writing theory/";
                jsc.setJobDescription(batchName + ": write " + rows.size() + " rows to theory/");
                spark.createDataFrame(rows, Tables.theory(json)).coalesce(1)
                        .write().mode(SaveMode.Append).parquet(dir.uri("theory"));
            } finally {
                jsc.clearJobGroup();
            }
        }

        /**
         * basins/ from the whole grid/ table (every point committed so far), rewritten on every complete run. The
         * interval rests on the per-pattern-set counts of grid/: the m0 values of a load share their pattern sets, so
         * the bootstrap resamples sets jointly across the m0 scan (core BasinBoundary.fromPatternSets).
         */
        private void writeBasins() throws IOException {
            stage = "computing basins/";
            List<Row> grid = CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null))
                    .select("n", "neurons", "alpha", "m0", "set_successes", "set_trials").collectAsList();
            Map<Load, TreeMap<Double, SetCounts>> scans = new TreeMap<>(Load.ORDER);
            for (Row r : grid) {
                if (r.isNullAt(4) || r.isNullAt(5)) {
                    throw new IllegalStateException("grid/ row at n=" + r.getInt(0) + " neurons=" + r.getInt(1) + " alpha="
                            + r.getDouble(2) + " m0=" + r.getDouble(3) + " has no per-pattern-set counts (written by an "
                            + "older version): rerun the sweep with --overwrite");
                }
                scans.computeIfAbsent(new Load(r.getInt(0), r.getInt(1), r.getDouble(2)), k -> new TreeMap<>())
                        .put(r.getDouble(3), new SetCounts(Tables.ints(r, 4), Tables.ints(r, 5)));
            }
            Map<TheoryLoad, BasinBoundary> theoryBasins = new HashMap<>();
            if (c.theory().enabled()) {
                List<TheoryBasin> loads = scans.keySet().stream().map(l -> new TheoryBasin(l.n(), l.alpha(), null))
                        .distinct().toList();
                TrialSettings settings = s;
                double tol = c.theory().basinTol();
                LongAccumulator nanos = theoryAcc;
                jsc.setJobGroup("dam.basins", "basins/: theory basin boundary by bisection at " + loads.size()
                        + " loads (n, alpha)", false);
                try {
                    for (TheoryBasin tb : jsc.parallelize(loads, Math.max(1, loads.size()))
                            .map(tb -> bisect(tb, settings, tol, nanos)).collect()) {
                        theoryBasins.put(new TheoryLoad(tb.n(), tb.alpha()), tb.boundary());
                    }
                } finally {
                    jsc.clearJobGroup();
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<Load, TreeMap<Double, SetCounts>> e : scans.entrySet()) {
                Load l = e.getKey();
                TreeMap<Double, SetCounts> scan = e.getValue();
                double[] m0 = scan.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                SetCounts[] counts = scan.values().toArray(new SetCounts[0]);
                BasinBoundary sim = simulatedBoundary(m0, counts,
                        Seeds.basinBootstrap(c.seed(), l.n(), l.neurons(), l.alpha()));
                BasinBoundary theoryBoundary = theoryBasins.get(new TheoryLoad(l.n(), l.alpha()));
                rows.add(Tables.basinRow(l.n(), l.neurons(), l.alpha(), sim, theoryBoundary, m0.length,
                        Arrays.stream(counts).mapToInt(SetCounts::sets).min().orElse(0),
                        Arrays.stream(counts).mapToInt(SetCounts::totalTrials).sum()));
            }
            stage = "writing basins/";
            Set<String> before = ledger.snapshot(List.of("basins"));
            jsc.setJobDescription("basins/: write " + rows.size() + " rows");
            spark.createDataFrame(rows, Tables.basins(json)).coalesce(1)
                    .write().mode(SaveMode.Append).parquet(dir.uri("basins"));
            jsc.setJobDescription(null);
            stage = "committing basins/";
            output.lock().verify();
            ledger.replace("basins", before);
        }

        /**
         * One line per grid point of the table: trials and effective trials, success fraction with its clustered
         * 95% interval, mean convergence time, theory m(T).
         */
        private void printSummary() {
            List<Row> rows = CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null))
                    .select("n", "neurons", "alpha", "m0", "trials", "success_fraction", "success_lo", "success_hi",
                            "conv_time_mean", "theory_final_m", "effective_trials")
                    .orderBy("n", "neurons", "alpha", "m0").collectAsList();
            PrintStream p = o.out();
            p.printf(Locale.ROOT, "%3s %7s %8s %6s %6s %7s %8s %15s %9s %10s%n", "n", "neurons", "alpha", "m0", "trials",
                    "n_eff", "success", "95% CI", "conv_mean", "theory_m_T");
            for (Row r : rows) {
                p.printf(Locale.ROOT, "%3d %7d %8.4f %6.2f %6d %7.1f %8.3f   [%5.3f,%5.3f] %9s %10s%n", r.getInt(0),
                        r.getInt(1), r.getDouble(2), r.getDouble(3), r.getInt(4), r.getDouble(10), r.getDouble(5),
                        r.getDouble(6), r.getDouble(7),
                        r.isNullAt(8) ? "-" : String.format(Locale.ROOT, "%.2f", r.getDouble(8)),
                        r.isNullAt(9) ? "-" : String.format(Locale.ROOT, "%.3f", r.getDouble(9)));
            }
        }
    }

    /** A load (n, neurons, alpha): the unit of a basin boundary. */
    private record Load(int n, int neurons, double alpha) {
        static final java.util.Comparator<Load> ORDER = java.util.Comparator.comparingInt(Load::n)
                .thenComparingInt(Load::neurons).thenComparingDouble(Load::alpha);
    }

    /** A theory load (n, alpha): the theory basin boundary does not depend on the network size. */
    private record TheoryLoad(int n, double alpha) {
    }

    /**
     * The simulated boundary of one load's m0 scan, or null where none can be estimated (a single m0). The m0 values
     * share their pattern sets (seeded without m0), so the bootstrap resamples sets jointly across the scan.
     */
    static BasinBoundary simulatedBoundary(double[] m0, SetCounts[] counts, long seed) {
        if (m0.length < 2) {
            return null;
        }
        return BasinBoundary.fromPatternSets(m0, counts, true, seed);
    }

    /**
     * Runs one scan (the work units of one load's m0 values over the same trials) through one kernel per pattern
     * set, on an executor; one result per work unit, its share of the kernel time being the scan's over its units.
     */
    static List<UnitResult> runScan(WorkUnit[] scan, TrialSettings s, LongAccumulator trials, LongAccumulator kernel) {
        List<TrialRunner> runners = new ArrayList<>(scan.length);
        for (WorkUnit u : scan) {
            GridPoint g = u.point();
            runners.add(new TrialRunner(g.n(), g.neurons(), g.alpha(), s.update(), s.simulation(g.m0()), s.seed()));
        }
        long t = System.nanoTime();
        List<List<TrialResult>> rs = TrialRunner.runScan(runners, scan[0].first(), scan[0].count());
        long nanos = System.nanoTime() - t;
        kernel.add(nanos);
        List<UnitResult> out = new ArrayList<>(scan.length);
        for (int i = 0; i < scan.length; i++) {
            trials.add(rs.get(i).size());
            out.add(new UnitResult(scan[i], rs.get(i).toArray(new TrialResult[0]), nanos / scan.length));
        }
        return out;
    }

    /** The summary of all units of one grid point (on an executor). */
    static PointSummary summarise(GridPoint g, Iterable<UnitResult> units, TrialSettings s) {
        List<TrialResult> all = new ArrayList<>();
        for (UnitResult u : units) {
            all.addAll(Arrays.asList(u.trials()));
        }
        return PointSummary.of(g, all, s);
    }

    /** Solves the theory of one (n, alpha, m0) (on an executor). */
    static TheoryResult solve(TheoryKey k, TrialSettings s, LongAccumulator nanos) {
        long t = System.nanoTime();
        TheoryResult r = new EffectiveProcessSolver(k.n(), k.alpha(), s.paths())
                .solve(k.m0(), s.steps(), Seeds.theory(s.seed(), k.n(), k.alpha(), k.m0()));
        nanos.add(System.nanoTime() - t);
        return r;
    }

    /**
     * The theory basin boundary of one (n, alpha) by bisection in m0 on [0, 1] (on an executor): core
     * {@link TheoryRetrieval#basinBoundary}, with the sweep seed common to every m0, exactly as phase_diagram/ computes it.
     */
    static TheoryBasin bisect(TheoryBasin load, TrialSettings s, double tol, LongAccumulator nanos) {
        long t = System.nanoTime();
        BasinBoundary b = new TheoryRetrieval(load.n(), s.steps(), s.paths(), s.seed(), s.mSuccess())
                .basinBoundary(load.alpha(), tol);
        nanos.add(System.nanoTime() - t);
        return new TheoryBasin(load.n(), load.alpha(), b);
    }
}
