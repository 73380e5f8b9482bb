package dam.jobs.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.FiniteSizeFit;
import dam.core.analysis.ProportionInterval;
import dam.core.analysis.SetCounts;
import dam.core.rng.Seeds;
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;
import dam.jobs.table.TableReaders;
import dam.jobs.table.Tables;

/**
 * The finite-size extrapolation of the simulated boundaries (table finite_size/): for every diagram (model, n,
 * temperature) and load alpha the simulated basin boundary m0_c(alpha; N) over the sweep's network sizes N (column
 * neurons), and for every diagram the simulated
 * capacity alpha_c(N), each fitted with {@link FiniteSizeFit} to y(N) = y_inf + a N^(-1/2) (the exponent checked by a
 * free-exponent fit), weighted by the clustered 95% intervals (sigma = interval width / (2 x 1.96)), beside the
 * theory (N = infinity) at the same load and step limit. Only committed rows of basins/ and grid/ are read (the
 * readers' contract, {@link CommittedTables}).
 *
 * <p>The simulated alpha_c(N) is defined like the theory's: the load at which the success fraction from m0 = 1
 * crosses 1/2 (core BasinBoundary on the loads, as a rising function of -alpha), from grid/'s rows at m0 = 1 of the
 * sweep's loads at that N. Each load has pattern sets of its own (pattern sets are seeded by the load), so its
 * bootstrap resamples the sets of every load independently (seed {@link Seeds#capacityBootstrap}).
 */
public final class FiniteSizeScaling {

    /** The exponent b of the fitted form y_inf + a N^(-b). */
    public static final double EXPONENT = 0.5;
    /** Fewest sizes for a fit (two parameters and at least one degree of freedom for chi2). */
    public static final int MIN_SIZES = 3;

    public static final String M0C = "m0c";
    public static final String ALPHA_C = "alpha_c";

    private FiniteSizeScaling() {
    }

    /** One simulated estimate at network size neurons with its 95% interval. */
    record Estimate(int neurons, double value, double lower, double upper) {
        /**
         * A usable estimate: finite, with an interval of positive width that holds it (a search whose fitted crossing
         * lies past its range reports that centre with the interval clamped to the range: a bound, not an estimate).
         */
        boolean usable() {
            return Double.isFinite(value) && Double.isFinite(lower) && Double.isFinite(upper) && upper > lower
                    && lower <= value && value <= upper;
        }

        double sigma() {
            return (upper - lower) / (2 * ProportionInterval.Z95);
        }
    }

    /** A diagram's load, the key of one basin-boundary row. */
    public record Load(Diagram diagram, double alpha) {

        /** diagram, then alpha ascending. */
        static final java.util.Comparator<Load> ORDER = java.util.Comparator.comparing(Load::diagram, Diagram.ORDER)
                .thenComparingDouble(Load::alpha);
    }

    /** A diagram's network size, the key of one simulated capacity. */
    private record Size(Diagram diagram, int neurons) {

        static final java.util.Comparator<Size> ORDER = java.util.Comparator.comparing(Size::diagram, Diagram.ORDER)
                .thenComparingInt(Size::neurons);
    }

    /**
     * The finite_size/ rows of an output directory: one per (diagram, alpha) of the committed basins/ and one alpha_c
     * row per diagram with at least two loads at m0 = 1 in the committed grid/. theoryM0c maps a load to the theory
     * boundary, theoryAlphaC a diagram to the theory capacity (missing or NaN: null in the table).
     */
    public static List<Row> rows(SparkSession spark, OutputDirectory dir, Ledger ledger, long seed, int steps,
                                 Map<Load, Double> theoryM0c, Map<Diagram, Double> theoryAlphaC) {
        List<Row> rows = new ArrayList<>();
        Map<Load, List<Estimate>> boundaries = new TreeMap<>(Load.ORDER);
        if (CommittedTables.present(dir, ledger, "basins")) {
            Dataset<Row> basins = CommittedTables.read(spark, dir, ledger, "basins", null);
            if (java.util.Arrays.asList(basins.columns()).contains("search")) { // a search in alpha has no m0_c
                basins = basins.where(functions.col("search").isNull().or(functions.col("search").notEqual("alpha")));
            }
            for (Row r : basins
                    .select("model", "n", "temperature", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi").collectAsList()) {
                Load key = new Load(PhaseDiagramJob.diagramOf(r), r.getDouble(4));
                boundaries.computeIfAbsent(key, k -> new ArrayList<>()).add(new Estimate(r.getInt(3), nan(r, 5),
                        nan(r, 6), nan(r, 7)));
            }
        }
        for (Map.Entry<Load, List<Estimate>> e : boundaries.entrySet()) {
            Load k = e.getKey();
            rows.add(row(k.diagram(), M0C, k.alpha(), e.getValue(), theoryM0c.get(k), steps));
        }
        for (Map.Entry<Diagram, List<Estimate>> e : capacities(spark, dir, ledger, seed).entrySet()) {
            rows.add(row(e.getKey(), ALPHA_C, null, e.getValue(), theoryAlphaC.get(e.getKey()), steps));
        }
        return rows;
    }

    /**
     * The simulated alpha_c(N) per diagram: from basins/' searches in alpha, and from the committed grid/ rows at
     * m0 = 1 (a network size with fewer than two loads there left out).
     */
    static Map<Diagram, List<Estimate>> capacities(SparkSession spark, OutputDirectory dir, Ledger ledger, long seed) {
        Map<Diagram, List<Estimate>> byDiagram = new TreeMap<>(Diagram.ORDER);
        if (CommittedTables.present(dir, ledger, "basins")) {
            // A search in alpha at m0 = 1 is the capacity at its size (a sweep with it has no alpha grid); one that
            // stopped on range found no crossing inside [from, to] and gives no estimate.
            Dataset<Row> basins = CommittedTables.read(spark, dir, ledger, "basins", null);
            if (java.util.Arrays.asList(basins.columns()).contains("search")) {
                for (Row r : basins.where(functions.col("search").equalTo("alpha")
                                .and(functions.col("stop").notEqual("range")))
                        .select("model", "n", "temperature", "neurons", "alpha_c", "alpha_c_lo", "alpha_c_hi")
                        .collectAsList()) {
                    byDiagram.computeIfAbsent(PhaseDiagramJob.diagramOf(r), k -> new ArrayList<>())
                            .add(new Estimate(r.getInt(3), nan(r, 4), nan(r, 5), nan(r, 6)));
                }
            }
        }
        if (!CommittedTables.present(dir, ledger, "grid")) {
            return byDiagram;
        }
        Map<Size, TreeMap<Double, SetCounts>> scans = new TreeMap<>(Size.ORDER);
        for (Row r : CommittedTables.read(spark, dir, ledger, "grid", Tables.grid(null))
                .where(functions.col("m0").equalTo(1.0).and(functions.col("round").isNull())) // a search's rounds are its own
                .select("model", "n", "temperature", "neurons", "alpha", "set_successes", "set_trials").collectAsList()) {
            if (r.isNullAt(5) || r.isNullAt(6)) {
                continue; // grid/ of an older version: no per-set counts
            }
            scans.computeIfAbsent(new Size(PhaseDiagramJob.diagramOf(r), r.getInt(3)), k -> new TreeMap<>())
                    .put(r.getDouble(4), new SetCounts(TableReaders.ints(r, 5), TableReaders.ints(r, 6)));
        }
        for (Map.Entry<Size, TreeMap<Double, SetCounts>> e : scans.entrySet()) {
            Diagram d = e.getKey().diagram();
            int neurons = e.getKey().neurons();
            TreeMap<Double, SetCounts> scan = e.getValue();
            if (scan.size() < 2) {
                continue;
            }
            // Retrieval falls with the load: the boundary in x = -alpha (ascending) where success rises through 1/2.
            double[] x = new double[scan.size()];
            SetCounts[] counts = new SetCounts[scan.size()];
            int i = scan.size() - 1;
            for (Map.Entry<Double, SetCounts> p : scan.entrySet()) {
                x[i] = -p.getKey();
                counts[i] = p.getValue();
                i--;
            }
            BasinBoundary b = BasinBoundary.fromPatternSets(x, counts, false,
                    Seeds.capacityBootstrap(seed, d.model(), d.n(), neurons, d.temperature()));
            byDiagram.computeIfAbsent(d, k -> new ArrayList<>()).add(new Estimate(neurons, -b.m0c(), -b.upper(), -b.lower()));
        }
        return byDiagram;
    }

    /** The finite_size/ row of one quantity: the estimates by network size and, with at least three usable sizes, the fit. */
    static Row row(Diagram n, String quantity, Double alpha, List<Estimate> estimates, Double theory, int steps) {
        List<Estimate> sorted = new ArrayList<>(estimates);
        sorted.sort((a, b) -> Integer.compare(a.neurons(), b.neurons()));
        List<Estimate> usable = sorted.stream().filter(Estimate::usable).toList();
        FiniteSizeFit fit = null;
        if (usable.size() >= MIN_SIZES) {
            fit = FiniteSizeFit.fit(usable.stream().mapToInt(Estimate::neurons).toArray(),
                    usable.stream().mapToDouble(Estimate::value).toArray(),
                    usable.stream().mapToDouble(Estimate::sigma).toArray(), EXPONENT);
        }
        return PhaseDiagramTables.finiteSizeRow(n, quantity, alpha, sorted.stream().mapToInt(Estimate::neurons).toArray(),
                sorted.stream().mapToDouble(Estimate::value).toArray(),
                sorted.stream().mapToDouble(Estimate::lower).toArray(),
                sorted.stream().mapToDouble(Estimate::upper).toArray(), fit, theory, steps);
    }

    private static double nan(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }
}
