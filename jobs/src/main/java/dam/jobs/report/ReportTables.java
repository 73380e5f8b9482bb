package dam.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dam.core.analysis.ClusterMean;

/**
 * The small slices of an output directory's Parquet tables (schema.md) that the figures draw, read
 * with Spark and collected to the driver. Only the trials shown in figure 1 are collected; convergence
 * times are aggregated in Spark.
 */
public final class ReportTables {

    /** Figure 1 shows at most this many m0 values per (n, N) ... */
    public static final int MAX_M0_SHOWN = 6;
    /** ... and at most this many trials per grid point. */
    public static final int MAX_TRIALS_SHOWN = 30;

    /** m(t) of one simulated trial. */
    public record TrialCurve(int n, int N, double alpha, long p, double m0, int trial, double[] m) {
    }

    /** m(t) and convergence time (null: none within T) of the theory at one (n, alpha, m0). */
    public record TheoryCurve(int n, double alpha, double m0, double[] m, Integer convergenceTime) {
    }

    /**
     * Convergence time over the converged trials of one grid point: mean, its standard error clustered on pattern
     * sets (NaN with a single set), and the number of converged trials.
     */
    public record ConvergencePoint(int n, int N, double alpha, double m0, double mean, double standardError, long count) {
    }

    /** A basin-boundary point of the phase diagram; N is null for theory. */
    public record BoundaryPoint(int n, String source, Integer N, double alpha, double m0c, double lower, double upper) {
    }

    /**
     * A finite-size row: the simulated estimates of a boundary (quantity m0c at alpha, or alpha_c with alpha NaN) by
     * N with their 95% intervals, the N -> infinity limit of the fit y_inf + a N^-1/2 (NaN without a fit) and
     * the theory's value.
     */
    public record FiniteSizePoint(int n, String quantity, double alpha, int[] sizes, double[] estimates, double[] lower,
                                  double[] upper, double limit, double limitLower, double limitUpper, double slope,
                                  double chi2, int dof, double theory) {
    }

    /** alpha_c(n) with its bracket. */
    public record CapacityValue(int n, double alphaC, double lower, double upper) {
    }

    private final List<TrialCurve> trials;
    private final List<TheoryCurve> theory;
    private final List<ConvergencePoint> convergence;
    private final List<BoundaryPoint> boundary;
    private final List<CapacityValue> capacity;
    private final List<FiniteSizePoint> finiteSize;

    /** Tables already on the driver. */
    public ReportTables(List<TrialCurve> trials, List<TheoryCurve> theory, List<ConvergencePoint> convergence,
                        List<BoundaryPoint> boundary, List<CapacityValue> capacity, List<FiniteSizePoint> finiteSize) {
        this.trials = List.copyOf(trials);
        this.theory = List.copyOf(theory);
        this.convergence = List.copyOf(convergence);
        this.boundary = List.copyOf(boundary);
        this.capacity = List.copyOf(capacity);
        this.finiteSize = List.copyOf(finiteSize);
    }

    public List<TrialCurve> trials() {
        return trials;
    }

    public List<TheoryCurve> theory() {
        return theory;
    }

    public List<ConvergencePoint> convergence() {
        return convergence;
    }

    public List<BoundaryPoint> boundary() {
        return boundary;
    }

    public List<CapacityValue> capacity() {
        return capacity;
    }

    public List<FiniteSizePoint> finiteSize() {
        return finiteSize;
    }

    /** Reads whichever of trials/, theory/, phase_diagram/ (else basins/) and capacity/ exist under outputDir. */
    public static ReportTables read(SparkSession spark, Path outputDir) {
        Path trialsDir = outputDir.resolve("trials");
        List<TrialCurve> trials = exists(trialsDir) ? readTrials(spark, trialsDir) : List.of();
        List<ConvergencePoint> convergence = exists(trialsDir) ? readConvergence(spark, trialsDir) : List.of();
        Path theoryDir = outputDir.resolve("theory");
        List<TheoryCurve> theory = exists(theoryDir) ? readTheory(spark, theoryDir) : List.of();
        List<BoundaryPoint> boundary;
        if (exists(outputDir.resolve("phase_diagram"))) {
            boundary = readPhaseDiagram(spark, outputDir.resolve("phase_diagram"));
        } else if (exists(outputDir.resolve("basins"))) {
            boundary = readBasins(spark, outputDir.resolve("basins"));
        } else {
            boundary = List.of();
        }
        Path capacityDir = outputDir.resolve("capacity");
        List<CapacityValue> capacity = exists(capacityDir) ? readCapacity(spark, capacityDir) : List.of();
        Path finiteSizeDir = outputDir.resolve("finite_size");
        List<FiniteSizePoint> finiteSize = hasParquet(finiteSizeDir) ? readFiniteSize(spark, finiteSizeDir) : List.of();
        return new ReportTables(trials, theory, convergence, boundary, capacity, finiteSize);
    }

    private static boolean exists(Path table) {
        return Files.isDirectory(table);
    }

    /** Whether the table holds at least one Parquet file (an empty table has none, and no schema to infer). */
    private static boolean hasParquet(Path table) {
        if (!Files.isDirectory(table)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(table)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<TrialCurve> readTrials(SparkSession spark, Path dir) {
        Dataset<Row> table = spark.read().parquet(dir.toString());
        // Choose the m0 values shown per (n, N) on the driver from the small set of distinct keys.
        Map<String, Set<Double>> m0ByPanel = new TreeMap<>();
        for (Row r : table.select("n", "N", "m0").distinct().collectAsList()) {
            m0ByPanel.computeIfAbsent(intOf(r, "n") + "/" + intOf(r, "N"), k -> new TreeSet<>()).add(doubleOf(r, "m0"));
        }
        List<TrialCurve> curves = new ArrayList<>();
        for (Map.Entry<String, Set<Double>> panel : m0ByPanel.entrySet()) {
            String[] key = panel.getKey().split("/");
            Object[] shown = spread(new ArrayList<>(panel.getValue()), MAX_M0_SHOWN).toArray();
            Dataset<Row> rows = table
                    .filter(col("n").equalTo(Integer.parseInt(key[0])).and(col("N").equalTo(Integer.parseInt(key[1])))
                            .and(col("m0").isin(shown)).and(col("trial").lt(MAX_TRIALS_SHOWN)))
                    .select("n", "N", "alpha", "p", "m0", "trial", "m");
            for (Row r : rows.collectAsList()) {
                curves.add(new TrialCurve(intOf(r, "n"), intOf(r, "N"), doubleOf(r, "alpha"), longOf(r, "p"),
                        doubleOf(r, "m0"), intOf(r, "trial"), doubles(r, "m")));
            }
        }
        return curves;
    }

    /**
     * Mean convergence time over the converged trials of each grid point with its clustered standard error (core
     * ClusterMean over pattern sets, as grid/'s conv_time_se): Spark sums the times per (point, pattern set),
     * the driver combines the sets. Sets without a converged trial still count as sets.
     */
    private static List<ConvergencePoint> readConvergence(SparkSession spark, Path dir) {
        Dataset<Row> perSet = spark.read().parquet(dir.toString())
                .groupBy("n", "N", "alpha", "m0", "pattern_set")
                .agg(sum("convergence_time").as("time_sum"), count("convergence_time").as("timed"));
        Map<PointKey, List<double[]>> sets = new java.util.HashMap<>();
        for (Row r : perSet.collectAsList()) {
            PointKey key = new PointKey(intOf(r, "n"), intOf(r, "N"), doubleOf(r, "alpha"), doubleOf(r, "m0"));
            double timeSum = r.isNullAt(r.fieldIndex("time_sum")) ? 0 : doubleOf(r, "time_sum");
            sets.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {intOf(r, "pattern_set"), timeSum,
                    longOf(r, "timed")});
        }
        List<ConvergencePoint> points = new ArrayList<>();
        for (Map.Entry<PointKey, List<double[]>> e : sets.entrySet()) {
            List<double[]> list = e.getValue();
            list.sort(java.util.Comparator.comparingDouble(a -> a[0]));
            double[] sums = list.stream().mapToDouble(a -> a[1]).toArray();
            double[] counts = list.stream().mapToDouble(a -> a[2]).toArray();
            long timed = (long) java.util.Arrays.stream(counts).sum();
            if (timed == 0) {
                continue;
            }
            ClusterMean mean = ClusterMean.of(sums, counts);
            PointKey k = e.getKey();
            points.add(new ConvergencePoint(k.n(), k.N(), k.alpha(), k.m0(), mean.mean(), mean.standardError(), timed));
        }
        return points;
    }

    /** A grid point (n, N, alpha, m0) as a map key. */
    private record PointKey(int n, int N, double alpha, double m0) {
    }

    private static List<TheoryCurve> readTheory(SparkSession spark, Path dir) {
        List<TheoryCurve> curves = new ArrayList<>();
        for (Row r : spark.read().parquet(dir.toString()).select("n", "alpha", "m0", "m", "convergence_time").collectAsList()) {
            Integer tau = r.isNullAt(r.fieldIndex("convergence_time")) ? null : intOf(r, "convergence_time");
            curves.add(new TheoryCurve(intOf(r, "n"), doubleOf(r, "alpha"), doubleOf(r, "m0"), doubles(r, "m"), tau));
        }
        return curves;
    }

    private static List<BoundaryPoint> readPhaseDiagram(SparkSession spark, Path dir) {
        List<BoundaryPoint> points = new ArrayList<>();
        for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
            Integer N = r.isNullAt(r.fieldIndex("N")) ? null : intOf(r, "N");
            points.add(new BoundaryPoint(intOf(r, "n"), r.getAs("source"), N, doubleOf(r, "alpha"),
                    nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"), nullableDouble(r, "m0c_hi")));
        }
        return points;
    }

    /** The phase diagram's points from basins/ when no phase_diagram/ table was written. */
    private static List<BoundaryPoint> readBasins(SparkSession spark, Path dir) {
        List<BoundaryPoint> points = new ArrayList<>();
        Set<String> theorySeen = new TreeSet<>();
        for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
            int n = intOf(r, "n");
            double alpha = doubleOf(r, "alpha");
            points.add(new BoundaryPoint(n, "simulation", intOf(r, "N"), alpha,
                    nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"), nullableDouble(r, "m0c_hi")));
            // Theory does not depend on N: one point per (n, alpha).
            if (theorySeen.add(n + "/" + alpha)) {
                points.add(new BoundaryPoint(n, "theory", null, alpha, nullableDouble(r, "theory_m0c"),
                        nullableDouble(r, "theory_m0c_lo"), nullableDouble(r, "theory_m0c_hi")));
            }
        }
        return points;
    }

    private static List<CapacityValue> readCapacity(SparkSession spark, Path dir) {
        List<CapacityValue> values = new ArrayList<>();
        for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
            values.add(new CapacityValue(intOf(r, "n"), nullableDouble(r, "alpha_c"),
                    nullableDouble(r, "alpha_c_lo"), nullableDouble(r, "alpha_c_hi")));
        }
        return values;
    }

    private static List<FiniteSizePoint> readFiniteSize(SparkSession spark, Path dir) {
        List<FiniteSizePoint> points = new ArrayList<>();
        for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
            List<Object> sizes = r.getList(r.fieldIndex("sizes"));
            int[] n = new int[sizes.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = ((Number) sizes.get(i)).intValue();
            }
            points.add(new FiniteSizePoint(intOf(r, "n"), r.getAs("quantity"), nullableDouble(r, "alpha"), n,
                    doubles(r, "estimates"), doubles(r, "estimates_lo"), doubles(r, "estimates_hi"),
                    nullableDouble(r, "limit"), nullableDouble(r, "limit_lo"), nullableDouble(r, "limit_hi"),
                    nullableDouble(r, "slope"), nullableDouble(r, "chi2"),
                    r.isNullAt(r.fieldIndex("dof")) ? 0 : intOf(r, "dof"), nullableDouble(r, "theory")));
        }
        return points;
    }

    /** At most k of the sorted values, spread evenly by rank, always keeping the first and last. */
    static List<Double> spread(List<Double> sorted, int k) {
        if (sorted.size() <= k) {
            return sorted;
        }
        List<Double> chosen = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            chosen.add(sorted.get((int) Math.round(i * (sorted.size() - 1) / (double) (k - 1))));
        }
        return chosen;
    }

    // Partition columns come back with inferred types, so numbers are read through Number.
    private static int intOf(Row r, String column) {
        return ((Number) r.getAs(column)).intValue();
    }

    private static long longOf(Row r, String column) {
        return ((Number) r.getAs(column)).longValue();
    }

    private static double doubleOf(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    private static double nullableDouble(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? Double.NaN : doubleOf(r, column);
    }

    private static double[] doubles(Row r, String column) {
        List<Object> list = r.getList(r.fieldIndex(column));
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i) == null ? Double.NaN : ((Number) list.get(i)).doubleValue();
        }
        return a;
    }
}
