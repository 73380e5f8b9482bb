package dam.jobs.sweep;

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
import java.util.Map;
import java.util.Set;
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
 * rows), then basins/. Every number comes from core; this class only moves work and rows around: what a task
 * computes is {@link SweepTasks}, the basins/ rows {@link BasinTable}, the printed lines {@link SweepSummary}.
 * The order of writes and ledger commits (docs/output.md) is all here.
 */
public final class SweepDriver {

    /**
     * How to run.
     *
     * @param overwrite  delete an earlier sweep in the output directory instead of resuming it
     * @param err        where progress lines go
     * @param out        where the summary table goes
     * @param maxBatches stop after this many batches (a killed run, for tests); Integer.MAX_VALUE for all
     * @param adopt      rebuild a lost ledger from the directory's readable part files first (--adopt)
     */
    public record Options(boolean overwrite, PrintStream err, PrintStream out, int maxBatches, boolean adopt) {
        /** Without --adopt. */
        public Options(boolean overwrite, PrintStream err, PrintStream out, int maxBatches) {
            this(overwrite, err, out, maxBatches, false);
        }

        /** Resume, progress on stderr, summary on stdout, run to the end. */
        public static Options defaults() {
            return new Options(false, System.err, System.out, Integer.MAX_VALUE);
        }

        /** How the output directory is opened. */
        public SweepOutput.Mode mode() {
            return overwrite ? SweepOutput.Mode.OVERWRITE : adopt ? SweepOutput.Mode.ADOPT : SweepOutput.Mode.RESUME;
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
        return SweepSession.runOnOutput(c, o.mode(), "dam sweep", o.err(), (out, spark) -> run(c, out, spark, o, t0));
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
                    SweepSummary.printPoints(CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null)), c.load(), o.out());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } finally {
                spark.sparkContext().removeSparkListener(progress);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            Outcome outcome = new Outcome(points.size(), pointsRun, trialsRun, wall,
                    kernelAcc.value() / 1e9, theoryAcc.value() / 1e9, cores, complete);
            SweepSummary.printTiming(outcome, dir.display(), o.out());
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
                    .flatMap(scan -> SweepTasks.runScan(scan, settings, trials, kernel).iterator())
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
                        .map(kv -> SweepTasks.summarise(kv._1(), kv._2(), settings))
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
                        .map(k -> SweepTasks.solve(k, settings, nanos)).collect();
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
         * basins/ from the whole grid/ table (every point committed so far, {@link BasinTable}), rewritten on every
         * complete run and committed by Ledger.replace.
         */
        private void writeBasins() throws IOException {
            stage = "computing basins/";
            List<Row> rows = BasinTable.rows(CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null)), c, s,
                    jsc, theoryAcc);
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
    }
}
