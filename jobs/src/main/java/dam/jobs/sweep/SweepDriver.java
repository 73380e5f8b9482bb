package dam.jobs.sweep;

import dam.core.analysis.BoundaryRound;
import dam.core.analysis.BoundaryStep;
import dam.core.analysis.BoundaryStop;
import dam.core.analysis.CommittedSet;
import dam.core.analysis.PlannedRun;
import dam.jobs.config.ConfigError;
import dam.jobs.config.SweepConfig;
import dam.jobs.grid.BoundaryLoad;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TrialSettings;
import dam.jobs.summary.PointSummary;
import dam.jobs.summary.TheorySummary;
import dam.jobs.table.TableReaders;
import dam.jobs.table.TableRows;
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
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
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
     * Where a boundary search stopped, and on how many distinct points it ran.
     *
     * @param stop   the planner's stop
     * @param points the distinct points (m0 or alpha) of its committed sets
     */
    record Stopped(BoundaryStop stop, int points) {
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

    /**
     * True if a run of c on out has nothing for Spark to do: no part file to adopt, every grid point committed,
     * basins/ computed from these very batches and settings, and more points than the summary prints (one line).
     * Then {@link #closeWithoutSpark} ends the run, and a resume with nothing to do never starts Spark.
     */
    public static boolean nothingToRun(SweepConfig c, SweepOutput out) {
        Ledger ledger = out.ledger();
        if (out.adoptionPending() || ledger.pointCount() <= SweepSummary.MAX_POINTS_PRINTED
                || ledger.committed("basins").isEmpty()
                || !BasinTable.basis(ledger, c, SweepDescription.version()).equals(ledger.basis("basins"))) {
            return false;
        }
        for (GridPoint g : SweepPlan.points(c)) {
            if (!ledger.done(g)) {
                return false;
            }
        }
        return true;
    }

    /** Ends a run that had nothing to run ({@link #nothingToRun}) with the lines a run on Spark prints. */
    public static Outcome closeWithoutSpark(SweepConfig c, SweepOutput out, Options o, long t0) {
        SweepSummary.printWhere(out.ledger().pointCount(), out.dir().display("grid"), o.out());
        Outcome outcome = new Outcome(SweepPlan.pointCount(c), 0, 0, (System.nanoTime() - t0) / 1e9, 0, 0,
                dam.jobs.config.SparkMaster.concurrentTasks(c.spark()), true);
        SweepSummary.printTiming(outcome, out.dir().display(), o.out());
        return outcome;
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
                List<List<GridPoint>> batches = SweepPlan.batches(todo, c);
                int commits = 0;
                for (int b = 0; b < batches.size(); b++) {
                    if (b >= o.maxBatches()) {
                        complete = false;
                        break;
                    }
                    runBatch(batches.get(b), b + 1, batches.size(), cores);
                    commits++;
                    pointsRun += batches.get(b).size();
                    trialsRun += simulatedTrials(batches.get(b));
                    progress.committed(batches.get(b).size());
                }
                progress.end();
                Map<BoundaryLoad, Stopped> stops = new TreeMap<>(BoundaryLoad.ORDER);
                if (complete) {
                    // The boundary searches in rounds after the grid: each round one job over every running search.
                    List<SweepPlan.Search> searches = SweepPlan.searches(c);
                    while (!searches.isEmpty()) {
                        stage = "reading the committed rounds of the boundary searches";
                        List<Planned> running = plan(searches, committedSets(searches), stops);
                        if (running.isEmpty()) {
                            break;
                        }
                        if (commits >= o.maxBatches()) {
                            complete = false;
                            break;
                        }
                        trialsRun += runRound(running, cores);
                        commits++;
                    }
                }
                if (complete) {
                    writeBasins(stops);
                    stage = "printing the summary";
                    if (ledger.pointCount() <= SweepSummary.MAX_POINTS_PRINTED) {
                        jsc.setJobDescription("summary: read grid/");
                        SweepSummary.printPoints(CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null)), c.load(),
                                o.out());
                    } else {
                        SweepSummary.printWhere(ledger.pointCount(), dir.display("grid"), o.out());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            } finally {
                progress.end();
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

        /**
         * The theory/ rows of the given keys, committed by earlier batches, as grid/ takes them: read from the
         * committed files, only those keys (a semi join in Spark), so that the driver holds one batch's worth.
         */
        private Map<TheoryKey, TheorySummary> committedTheory(List<TheoryKey> keys) {
            Map<TheoryKey, TheorySummary> out = new HashMap<>();
            if (keys.isEmpty()) {
                return out;
            }
            List<String> columns = Ledger.KEY.names();
            List<Row> wanted = new ArrayList<>();
            for (TheoryKey k : keys) {
                wanted.add(RowFactory.create(Ledger.KEY.of(k).values().toArray()));
            }
            StructType keySchema = new StructType();
            StructType theorySchema = Tables.theory(null);
            for (String column : columns) {
                keySchema = keySchema.add(column, theorySchema.apply(column).dataType(), false);
            }
            Dataset<Row> theory = CommittedTables.read(spark, dir, ledger, "theory", theorySchema);
            Dataset<Row> wantedKeys = spark.createDataFrame(wanted, keySchema);
            // a join condition rather than a Seq of column names: Scala 2.12 and 2.13 spell that Seq differently
            Column sameKey = null;
            for (String column : columns) {
                Column equal = theory.col(column).equalTo(wantedKeys.col(column));
                sameKey = sameKey == null ? equal : sameKey.and(equal);
            }
            Dataset<Row> rows = theory.join(wantedKeys, sameKey, "left_semi");
            for (Row r : rows.collectAsList()) {
                Map<String, Object> key = new HashMap<>();
                for (String column : columns) {
                    key.put(column, r.get(r.fieldIndex(column)));
                }
                out.put(Ledger.KEY.from(key), TableReaders.theorySummary(r));
            }
            return out;
        }

        private void runBatch(List<GridPoint> batch, int number, int count, int cores) throws IOException {
            String name = "batch " + number + "/" + count + " (" + batch.size() + (batch.size() == 1 ? " grid point)" : " grid points)");
            Set<String> before = ledger.snapshot(Ledger.BATCH_TABLES);
            List<TheoryKey> newKeys = new ArrayList<>();
            // The theory of this batch's points only: the driver holds one batch, whatever the grid.
            Map<TheoryKey, TheorySummary> theory = new HashMap<>();
            if (c.theory().enabled()) {
                Set<TheoryKey> keys = new LinkedHashSet<>();
                batch.stream().map(GridPoint::theoryKey).sorted(TheoryKey.ORDER).forEach(keys::add);
                List<TheoryKey> earlier = keys.stream().filter(ledger::done).toList();
                keys.stream().filter(k -> !ledger.done(k)).forEach(newKeys::add);
                stage = name + ": reading the committed theory/ rows";
                jsc.setJobDescription(name + ": read the theory/ rows of " + earlier.size() + " (n, alpha, m0)");
                theory.putAll(committedTheory(earlier));
                jsc.setJobDescription(null);
                if (!newKeys.isEmpty()) {
                    theory.putAll(solveTheory(newKeys, name));
                }
            }
            stage = name + ": simulating";
            List<WorkUnit[]> scans = SweepPlan.scans(batch, c, cores);
            jsc.setJobGroup("dam.batch." + number, name + ": simulate " + scans.size() + " m0 scans of "
                    + c.trials() + " trials per point, then write trials/ and grid/", false);
            JavaRDD<UnitResult> results = simulate(scans);
            TrialSettings settings = s; // a local, so that the row lambdas do not capture the driver
            int parts = partitions(scans);
            Broadcast<HashMap<TheoryKey, TheorySummary>> theoryOfBatch = c.theory().enabled()
                    ? jsc.broadcast(new HashMap<>(theory)) : null;
            try {
                results.count();
                stage = name + ": writing trials/";
                jsc.setJobDescription(name + ": write " + simulatedTrials(batch) + " trial rows to trials/");
                JavaRDD<Row> rows = results.flatMap(r -> java.util.stream.IntStream.range(0, r.trials().length).boxed()
                        .map(i -> TableRows.trialRow(r.unit().point(), settings, r.trials()[i], r.measures()[i])).iterator());
                spark.createDataFrame(rows, Tables.trials(json)).coalesce(Math.max(1, Math.min(cores, parts)))
                        .write().mode(SaveMode.Append).parquet(dir.uri("trials"));
                stage = name + ": summarising grid points and writing grid/";
                jsc.setJobDescription(name + ": summarise " + batch.size() + " grid points and write them to grid/");
                int groups = Math.max(1, Math.min(batch.size(), 2 * cores));
                // Summaries and rows on the executors: nothing per point comes back to the driver.
                JavaRDD<Row> gridRows = results
                        .mapToPair(r -> new Tuple2<>(r.unit().point(), r))
                        .groupByKey(groups)
                        .map(kv -> TableRows.gridRow(SweepTasks.summarise(kv._1(), kv._2(), settings),
                                theoryOfBatch == null ? null : theoryOfBatch.value().get(kv._1().theoryKey())));
                // One file in grid order: the summaries are made by the parallel tasks above, once (a global sort
                // would sample them first, a coalesce would make them in one task), then one task sorts and writes.
                spark.createDataFrame(gridRows, Tables.grid(json)).repartition(1)
                        .sortWithinPartitions(Ledger.POINT.names().stream().map(org.apache.spark.sql.functions::col)
                                .toArray(org.apache.spark.sql.Column[]::new))
                        .write().mode(SaveMode.Append).parquet(dir.uri("grid"));
            } finally {
                results.unpersist(false);
                if (theoryOfBatch != null) {
                    theoryOfBatch.destroy();
                }
                jsc.clearJobGroup();
            }
            stage = name + ": committing";
            output.lock().verify();
            ledger.commit(batch, newKeys, before);
        }

        /** Solves the theory of new keys (one task each), writes their theory/ rows and returns what grid/ takes. */
        private Map<TheoryKey, TheorySummary> solveTheory(List<TheoryKey> keys, String batchName) {
            stage = batchName + ": solving the theory";
            TrialSettings settings = s;
            LongAccumulator nanos = theoryAcc;
            jsc.setJobGroup("dam.theory", batchName + ": solve the theory at " + keys.size() + " (model, n, temperature, alpha, m0) with "
                    + c.theory().paths() + " paths, then write theory/", false);
            Map<TheoryKey, TheorySummary> out = new HashMap<>();
            try {
                List<SolvedTheory> results = jsc.parallelize(keys, keys.size())
                        .map(k -> SweepTasks.solve(k, settings, nanos)).collect();
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    SolvedTheory solved = results.get(i);
                    rows.add(TableRows.theoryRow(keys.get(i), solved.result(), solved.summary()));
                    out.put(keys.get(i), solved.summary());
                }
                stage = batchName + ": writing theory/";
                jsc.setJobDescription(batchName + ": write " + rows.size() + " rows to theory/");
                spark.createDataFrame(rows, Tables.theory(json)).coalesce(1)
                        .write().mode(SaveMode.Append).parquet(dir.uri("theory"));
            } finally {
                jsc.clearJobGroup();
            }
            return out;
        }

        /** A search's next round: the runs not yet committed of its plan. */
        private record Planned(SweepPlan.Search search, BoundaryRound round, List<PlannedRun> runs) {
        }

        /**
         * Every search's next step from its committed sets: the running ones with the runs of their plans that are
         * not committed yet (a round commits whole, so that is all of them), the stopped ones into stops.
         */
        private List<Planned> plan(List<SweepPlan.Search> searches, Map<BoundaryLoad, List<CommittedSet>> committed,
                                   Map<BoundaryLoad, Stopped> stops) {
            List<Planned> running = new ArrayList<>();
            for (SweepPlan.Search search : searches) {
                List<CommittedSet> sets = committed.getOrDefault(search.load(), List.of());
                BoundaryStep step;
                try {
                    step = search.search().next(sets);
                } catch (IllegalArgumentException e) {
                    throw new ConfigError("sweep.output", dir.display() + ": the committed rounds of the search at "
                            + search.load().label() + " are not what its plans asked for (" + e.getMessage()
                            + "); rerun with --overwrite");
                }
                if (step instanceof BoundaryStop stop) {
                    stops.put(search.load(), new Stopped(stop, (int) sets.stream().mapToDouble(CommittedSet::x).distinct().count()));
                } else {
                    BoundaryRound round = (BoundaryRound) step;
                    int S = c.statesPerPatternSet();
                    java.util.Set<Integer> done = new java.util.HashSet<>();
                    sets.forEach(set -> done.add(set.set()));
                    List<PlannedRun> todo = round.runs().stream().filter(r -> !done.contains(r.firstTrial() / S)).toList();
                    if (todo.isEmpty()) {
                        throw new IllegalStateException("the search at " + search.load().label() + " planned round "
                                + round.round() + " again after it was committed");
                    }
                    running.add(new Planned(search, round, todo));
                }
            }
            return running;
        }

        /**
         * The committed sets of every search, from the per-pattern-set counts of grid/'s round rows (one row per
         * planned run, its sets from first_trial / S): exact, and far fewer rows than trials/.
         */
        private Map<BoundaryLoad, List<CommittedSet>> committedSets(List<SweepPlan.Search> searches) {
            Map<BoundaryLoad, List<CommittedSet>> out = new HashMap<>();
            if (!CommittedTables.present(dir, ledger, "grid")) {
                return out;
            }
            jsc.setJobDescription("boundary searches: read the committed rounds of grid/");
            List<Row> rows = CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null))
                    .where(org.apache.spark.sql.functions.col("round").isNotNull())
                    .select("model", "n", "neurons", "temperature", "alpha", "m0", "p", "round", "first_trial",
                            "set_successes", "set_trials").collectAsList();
            jsc.setJobDescription(null);
            int S = c.statesPerPatternSet();
            for (Row r : rows) {
                GridPoint g = new GridPoint(dam.core.model.MemoryModel.parse(r.getString(0)), r.getInt(1), r.getInt(2),
                        r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getInt(6));
                for (SweepPlan.Search search : searches) {
                    BoundaryLoad b = search.load();
                    if (b.holds(g)) {
                        int[] successes = TableReaders.ints(r, 9);
                        int[] trials = TableReaders.ints(r, 10);
                        int firstSet = r.getInt(8) / S;
                        List<CommittedSet> sets = out.computeIfAbsent(b, k -> new ArrayList<>());
                        for (int j = 0; j < trials.length; j++) {
                            sets.add(new CommittedSet(r.getInt(7), b.x(g), firstSet + j, successes[j], trials[j]));
                        }
                    }
                }
            }
            return out;
        }

        /**
         * Runs one round of every running search as one Spark job, writes its trials/ and grid/ rows (one per planned
         * run) and commits them like a batch; returns the trials simulated.
         */
        private long runRound(List<Planned> running, int cores) throws IOException {
            int number = ledger.batchCount() + 1;
            int trialCount = running.stream().mapToInt(p -> p.runs().stream().mapToInt(PlannedRun::trials).sum()).sum();
            String name = "round " + running.stream().mapToInt(p -> p.round().round()).max().orElse(0) + " (commit "
                    + number + ", " + running.size() + (running.size() == 1 ? " search, " : " searches, ") + trialCount
                    + " trials)";
            o.err().println("[sweep] " + name);
            Set<String> before = ledger.snapshot(Ledger.BATCH_TABLES);
            List<WorkUnit> runs = new ArrayList<>();
            HashMap<Tuple2<GridPoint, Integer>, int[]> runOf = new HashMap<>();
            for (Planned p : running) {
                for (PlannedRun r : p.runs()) {
                    GridPoint g = p.search().load().point(r.x());
                    runs.add(new WorkUnit(g, r.firstTrial(), r.trials(), c.steps()));
                    runOf.put(new Tuple2<>(g, r.firstTrial()), new int[]{p.round().round(), r.trials()});
                }
            }
            List<WorkUnit[]> scans = SweepPlan.roundScans(runs, c, cores);
            // Which planned run a slice belongs to: the run of its point whose trials hold the slice's first.
            HashMap<WorkUnit, Integer> firstOfRun = new HashMap<>();
            for (WorkUnit[] scan : scans) {
                for (WorkUnit run : runs) {
                    if (run.point().equals(scan[0].point()) && scan[0].first() >= run.first()
                            && scan[0].first() < run.first() + run.count()) {
                        firstOfRun.put(scan[0], run.first());
                    }
                }
            }
            stage = name + ": simulating";
            jsc.setJobGroup("dam.round." + number, name + ": simulate, then write trials/ and grid/", false);
            JavaRDD<UnitResult> results = simulate(scans);
            TrialSettings settings = s; // a local, so that the row lambdas do not capture the driver
            int parts = partitions(scans);
            long simulated;
            try {
                simulated = results.map(r -> (long) r.trials().length).reduce(Long::sum);
                stage = name + ": writing trials/";
                JavaRDD<Row> rows = results.flatMap(r -> java.util.stream.IntStream.range(0, r.trials().length).boxed()
                        .map(i -> TableRows.trialRow(r.unit().point(), settings, r.trials()[i], r.measures()[i])).iterator());
                spark.createDataFrame(rows, Tables.trials(json)).coalesce(Math.max(1, Math.min(cores, parts)))
                        .write().mode(SaveMode.Append).parquet(dir.uri("trials"));
                stage = name + ": summarising the planned runs and writing grid/";
                int groups = Math.max(1, Math.min(runs.size(), 2 * cores));
                JavaRDD<Row> gridRows = results
                        .mapToPair(r -> new Tuple2<>(new Tuple2<>(r.unit().point(), firstOfRun.get(r.unit())), r))
                        .groupByKey(groups)
                        .map(kv -> {
                            int[] run = runOf.get(kv._1());
                            int first = kv._1()._2();
                            return TableRows.roundRow(SweepTasks.summariseRun(kv._1()._1(), kv._2(), settings, first, run[1]),
                                    run[0], first);
                        });
                List<org.apache.spark.sql.Column> order = new ArrayList<>();
                Ledger.POINT.names().forEach(n -> order.add(org.apache.spark.sql.functions.col(n)));
                order.add(org.apache.spark.sql.functions.col("first_trial"));
                spark.createDataFrame(gridRows, Tables.grid(json)).repartition(1)
                        .sortWithinPartitions(order.toArray(new org.apache.spark.sql.Column[0]))
                        .write().mode(SaveMode.Append).parquet(dir.uri("grid"));
            } finally {
                results.unpersist(false);
                jsc.clearJobGroup();
            }
            stage = name + ": committing";
            output.lock().verify();
            ledger.commit(List.of(), List.of(), before);
            return simulated;
        }

        /** The partitions of a job over scans: as configured, else one per scan. */
        private int partitions(List<WorkUnit[]> scans) {
            return c.partitions() > 0 ? c.partitions() : scans.size();
        }

        /** The scans as one Spark job's tasks ({@link #partitions}), persisted for the writes that follow. */
        private JavaRDD<UnitResult> simulate(List<WorkUnit[]> scans) {
            TrialSettings settings = s;
            LongAccumulator trials = trialsAcc;
            LongAccumulator kernel = kernelAcc;
            return jsc.parallelize(scans, partitions(scans))
                    .flatMap(scan -> SweepTasks.runScan(scan, settings, trials, kernel).iterator())
                    .persist(StorageLevel.MEMORY_ONLY());
        }

        /**
         * basins/ from the whole grid/ table (every grid point committed so far, {@link BasinTable}) and the stops of
         * the boundary searches, rewritten on every complete run and committed by Ledger.replace.
         */
        private void writeBasins(Map<BoundaryLoad, Stopped> stops) throws IOException {
            String basis = BasinTable.basis(ledger, c, SweepDescription.version());
            if (basis.equals(ledger.basis("basins")) && CommittedTables.present(dir, ledger, "basins")) {
                return; // computed from these very batches and settings: a resume with nothing to do leaves it
            }
            stage = "computing and writing basins/";
            Set<String> before = ledger.snapshot(List.of("basins"));
            jsc.setJobDescription("basins/: one boundary per load of grid/, computed on the executors");
            BasinTable.rows(spark, CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null)), c, s, jsc,
                            theoryAcc, json, stops)
                    .write().mode(SaveMode.Append).parquet(dir.uri("basins"));
            jsc.setJobDescription(null);
            stage = "committing basins/";
            output.lock().verify();
            ledger.replace("basins", before, basis);
        }
    }
}
