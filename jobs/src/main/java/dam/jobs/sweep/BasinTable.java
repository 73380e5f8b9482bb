package dam.jobs.sweep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.SetCounts;
import dam.core.analysis.TheoryRetrieval;
import dam.core.model.MemoryModel;
import dam.core.rng.Seeds;
import dam.jobs.config.SweepConfig;
import dam.jobs.grid.BoundaryLoad;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TrialSettings;
import dam.jobs.table.TableRows;
import dam.jobs.table.TableReaders;
import dam.jobs.table.Tables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The rows of basins/: per load (model, n, neurons, temperature, alpha), the simulated basin boundary estimated from
 * the m0 scan of grid/ and the theory boundary of (model, n, temperature, alpha) bisected on the executors. Both are computed in Spark, one task per
 * group of loads, so that the driver holds no row of grid/ (only the distinct (n, alpha) of the theory). Writing
 * and committing them is the driver's (SweepDriver), so that the ledger order stays in one place.
 */
final class BasinTable {

    private BasinTable() {
    }

    /**
     * What basins/ is computed from, as a digest for its record: the project version, the committed batch records
     * (grid/'s content) and the settings its numbers depend on. A run whose basis equals the record's leaves basins/
     * as it is.
     */
    static String basis(Ledger ledger, SweepConfig c, String version) {
        String text = "version=" + version + ";batches=" + String.join(",", ledger.batchRecords()) + ";seed=" + c.seed()
                + ";theory=" + c.theory().enabled() + "," + c.theory().paths() + "," + c.theory().basinTol() + ";steps="
                + c.steps() + ";m-success=" + c.mSuccess()
                + (c.hasBoundary() ? ";searches=" + SweepPlan.searches(c).stream().map(x -> x.load().label()).toList()
                + SweepDescription.settings(c) : "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The basins/ rows of every load of grid/ (every point committed so far), in load order. The interval rests on
     * the per-pattern-set counts of grid/: the m0 values of a load share their pattern sets, so the bootstrap
     * resamples sets jointly across the m0 scan (core BasinBoundary.fromPatternSets). The theory boundaries (when
     * the theory is on) are solved as one Spark job, their time added to theoryNanos; each load's row is made on an
     * executor, and the rows come in one partition. A grid/ row without per-pattern-set counts (an older version wrote it) fails the job with a message
     * saying so.
     */
    static Dataset<Row> rows(SparkSession spark, Dataset<Row> allGrid, SweepConfig c, TrialSettings s, JavaSparkContext jsc,
                             LongAccumulator theoryNanos, String json, Map<BoundaryLoad, SweepDriver.Stopped> stops) {
        // The rounds' rows of grid/ are the searches' own: their boundaries are the planner's stops.
        Dataset<Row> grid = allGrid.where(col("round").isNull());
        TheoryBasin[] theory = new TheoryBasin[0];
        if (c.theory().enabled()) {
            java.util.Set<TheoryBasin> distinct = new java.util.HashSet<>();
            for (Row r : grid.select("model", "n", "temperature", "alpha").distinct().collectAsList()) {
                distinct.add(new TheoryBasin(MemoryModel.parse(r.getString(0)), r.getInt(1), r.getDouble(2), r.getDouble(3),
                        null));
            }
            for (BoundaryLoad b : stops.keySet()) {
                if (b.inM0()) { // the theory's m0_c at the search's load; a search in alpha has no m0_c to set beside
                    distinct.add(new TheoryBasin(b.model(), b.n(), b.temperature(), b.fixed(), null));
                }
            }
            List<TheoryBasin> loads = new ArrayList<>(distinct);
            loads.sort(Comparator.comparing(TheoryBasin::model).thenComparingInt(TheoryBasin::n)
                    .thenComparingDouble(TheoryBasin::temperature).thenComparingDouble(TheoryBasin::alpha));
            double tol = c.theory().basinTol();
            jsc.setJobGroup("dam.basins", "basins/: theory basin boundary by bisection at " + loads.size()
                    + " loads (model, n, temperature, alpha)", false);
            try {
                theory = jsc.parallelize(loads, Math.max(1, loads.size())).map(tb -> bisect(tb, s, tol, theoryNanos))
                        .collect().toArray(new TheoryBasin[0]);
            } finally {
                jsc.clearJobGroup();
            }
        }
        Broadcast<TheoryBasin[]> theoryBasins = jsc.broadcast(theory);
        long seed = c.seed();
        Dataset<Row> scans = grid.groupBy("model", "n", "neurons", "temperature", "alpha")
                .agg(collect_list(struct(col("m0"), col("set_successes"), col("set_trials"))).as("scan"));
        // Each load's row once, on the tasks of the groups; then one file in load order (a global sort would sample
        // the rows first, computing every bootstrap twice).
        Dataset<Row> gridRows = scans.map((MapFunction<Row, Row>) r -> row(r, seed, theoryBasins.value()),
                Encoders.row(Tables.basins(json)));
        List<Row> searchRows = new ArrayList<>();
        for (Map.Entry<BoundaryLoad, SweepDriver.Stopped> e : stops.entrySet()) {
            BoundaryLoad b = e.getKey();
            BasinBoundary theoryBoundary = null;
            for (TheoryBasin t : theory) {
                if (b.inM0() && t.of(b.load())) {
                    theoryBoundary = t.boundary();
                }
            }
            searchRows.add(TableRows.searchRow(b, e.getValue().stop(), theoryBoundary, e.getValue().points()));
        }
        return gridRows.union(spark.createDataFrame(searchRows, Tables.basins(json)))
                .repartition(1).sortWithinPartitions("model", "n", "neurons", "temperature", "alpha", "search");
    }

    /**
     * The basins/ row of one load from its grid/ rows (model, n, neurons, temperature, alpha, scan of (m0,
     * set_successes, set_trials)).
     */
    private static Row row(Row grouped, long seed, TheoryBasin[] theory) {
        GridPoint.Load load = new GridPoint.Load(MemoryModel.parse(grouped.getString(0)), grouped.getInt(1),
                grouped.getInt(2), grouped.getDouble(3), grouped.getDouble(4));
        List<Row> scan = new ArrayList<>(grouped.getList(5));
        scan.sort(Comparator.comparingDouble(p -> p.getDouble(0)));
        double[] m0 = new double[scan.size()];
        SetCounts[] counts = new SetCounts[scan.size()];
        for (int i = 0; i < m0.length; i++) {
            Row p = scan.get(i);
            if (p.isNullAt(1) || p.isNullAt(2)) {
                throw new IllegalStateException("grid/ row at " + load + " m0=" + p.getDouble(0) + " has no per-pattern-set counts (written by an older version): rerun the sweep "
                        + "with --overwrite");
            }
            m0[i] = p.getDouble(0);
            counts[i] = new SetCounts(TableReaders.ints(p, 1), TableReaders.ints(p, 2));
        }
        BasinBoundary sim = simulatedBoundary(m0, counts, Seeds.basinBootstrap(seed, load.model(), load.n(),
                load.neurons(), load.temperature(), load.alpha()));
        BasinBoundary theoryBoundary = null;
        for (TheoryBasin t : theory) {
            if (t.of(load)) {
                theoryBoundary = t.boundary();
            }
        }
        return TableRows.basinRow(load, sim, theoryBoundary, m0.length,
                Arrays.stream(counts).mapToInt(SetCounts::sets).min().orElse(0),
                Arrays.stream(counts).mapToInt(SetCounts::totalTrials).sum());
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
     * The theory basin boundary of one (model, n, temperature, alpha) by bisection in m0 on [0, 1] (on an executor):
     * core {@link TheoryRetrieval#basinBoundary}, with the model's bisection seed common to every m0, exactly as
     * phase_diagram/ computes it.
     */
    static TheoryBasin bisect(TheoryBasin load, TrialSettings s, double tol, LongAccumulator nanos) {
        long t = System.nanoTime();
        BasinBoundary b = new TheoryRetrieval(load.model(), load.n(), load.temperature(), s.steps(), s.paths(),
                Seeds.bisection(s.seed(), load.model(), 0), s.mSuccess()).basinBoundary(load.alpha(), tol);
        nanos.add(System.nanoTime() - t);
        return new TheoryBasin(load.model(), load.n(), load.temperature(), load.alpha(), b);
    }
}
