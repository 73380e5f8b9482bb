package dam.jobs.sweep;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.SetCounts;
import dam.core.analysis.TheoryRetrieval;
import dam.core.sim.Seeds;
import dam.jobs.config.SweepConfig;
import dam.jobs.grid.TrialSettings;
import dam.jobs.table.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The rows of basins/: per load (n, neurons, alpha), the simulated basin boundary estimated from the m0 scan of
 * grid/ and the theory boundary of (n, alpha) bisected on the executors. Writing and committing them is the
 * driver's (SweepDriver), so that the ledger order stays in one place.
 */
final class BasinTable {

    private BasinTable() {
    }

    /** A load (n, neurons, alpha): the unit of a basin boundary. */
    private record Load(int n, int neurons, double alpha) {
        static final Comparator<Load> ORDER = Comparator.comparingInt(Load::n)
                .thenComparingInt(Load::neurons).thenComparingDouble(Load::alpha);
    }

    /** A theory load (n, alpha): the theory basin boundary does not depend on the network size. */
    private record TheoryLoad(int n, double alpha) {
    }

    /**
     * The basins/ rows of every load of grid/ (every point committed so far), in load order. The interval rests on
     * the per-pattern-set counts of grid/: the m0 values of a load share their pattern sets, so the bootstrap
     * resamples sets jointly across the m0 scan (core BasinBoundary.fromPatternSets). The theory boundaries (when
     * the theory is on) are solved as one Spark job, their time added to theoryNanos.
     *
     * @throws IllegalStateException when a grid/ row has no per-pattern-set counts (an older version wrote it)
     */
    static List<Row> rows(Dataset<Row> grid, SweepConfig c, TrialSettings s, JavaSparkContext jsc,
                          LongAccumulator theoryNanos) {
        Map<Load, TreeMap<Double, SetCounts>> scans = scans(grid);
        Map<TheoryLoad, BasinBoundary> theoryBasins = new HashMap<>();
        if (c.theory().enabled()) {
            List<TheoryBasin> loads = scans.keySet().stream().map(l -> new TheoryBasin(l.n(), l.alpha(), null))
                    .distinct().toList();
            double tol = c.theory().basinTol();
            jsc.setJobGroup("dam.basins", "basins/: theory basin boundary by bisection at " + loads.size()
                    + " loads (n, alpha)", false);
            try {
                for (TheoryBasin tb : jsc.parallelize(loads, Math.max(1, loads.size()))
                        .map(tb -> bisect(tb, s, tol, theoryNanos)).collect()) {
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
                    Seeds.basinBootstrap(c.seed(), dam.core.model.MemoryModel.DENSE, l.n(), l.neurons(), 0, l.alpha()));
            BasinBoundary theoryBoundary = theoryBasins.get(new TheoryLoad(l.n(), l.alpha()));
            rows.add(Tables.basinRow(l.n(), l.neurons(), l.alpha(), sim, theoryBoundary, m0.length,
                    Arrays.stream(counts).mapToInt(SetCounts::sets).min().orElse(0),
                    Arrays.stream(counts).mapToInt(SetCounts::totalTrials).sum()));
        }
        return rows;
    }

    /** The m0 scan of every load of grid/: per m0, the per-pattern-set success counts. */
    private static Map<Load, TreeMap<Double, SetCounts>> scans(Dataset<Row> grid) {
        Map<Load, TreeMap<Double, SetCounts>> scans = new TreeMap<>(Load.ORDER);
        for (Row r : grid.select("n", "neurons", "alpha", "m0", "set_successes", "set_trials").collectAsList()) {
            if (r.isNullAt(4) || r.isNullAt(5)) {
                throw new IllegalStateException("grid/ row at n=" + r.getInt(0) + " neurons=" + r.getInt(1) + " alpha="
                        + r.getDouble(2) + " m0=" + r.getDouble(3) + " has no per-pattern-set counts (written by an "
                        + "older version): rerun the sweep with --overwrite");
            }
            scans.computeIfAbsent(new Load(r.getInt(0), r.getInt(1), r.getDouble(2)), k -> new TreeMap<>())
                    .put(r.getDouble(3), new SetCounts(Tables.ints(r, 4), Tables.ints(r, 5)));
        }
        return scans;
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
