package dam.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

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
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

/**
 * The small slices of an output directory's Parquet tables (docs/tables.md) that the figures draw, read
 * with Spark and collected to the driver. Only the trials shown in figure 1 are collected; convergence
 * times are aggregated in Spark.
 */
public final class ReportTables {

    /** Figure 1 shows at most this many m0 values per (n, neurons) ... */
    public static final int MAX_M0_SHOWN = 6;
    /** ... and at most this many trials per grid point. */
    public static final int MAX_TRIALS_SHOWN = 30;

    /** m(t) of one simulated trial. */
    public record TrialCurve(int n, int neurons, double alpha, long p, double m0, int trial, double[] m) {
    }

    /** m(t) and convergence time (null: none within T) of the theory at one (n, alpha, m0). */
    public record TheoryCurve(int n, double alpha, double m0, double[] m, Integer convergenceTime) {
    }

    /**
     * Convergence time over the converged trials of one grid point: mean, its standard error clustered on pattern
     * sets (NaN with a single set), and the number of converged trials.
     */
    public record ConvergencePoint(int n, int neurons, double alpha, double m0, double mean, double standardError, long count) {
    }

    /**
     * A basin-boundary point of the phase diagram; neurons is null for theory; steps 0 where the table has no horizon,
     * and on a theory point extrapolated to T -&gt; infinity (extrapolated true).
     */
    public record BoundaryPoint(int n, String source, Integer neurons, double alpha, double m0c, double lower, double upper,
                                int steps, boolean extrapolated) {

        /** A point at horizon steps (not extrapolated). */
        public BoundaryPoint(int n, String source, Integer neurons, double alpha, double m0c, double lower, double upper,
                             int steps) {
            this(n, source, neurons, alpha, m0c, lower, upper, steps, false);
        }
    }

    /**
     * A finite-size row: the simulated estimates of a boundary (quantity m0c at alpha, or alpha_c with alpha NaN) by
     * N with their 95% intervals, the N -> infinity limit of the fit y_inf + a N^-1/2 (NaN without a fit) and
     * the theory's value.
     */
    public record FiniteSizePoint(int n, String quantity, double alpha, int[] neurons, double[] estimates, double[] lower,
                                  double[] upper, double limit, double limitLower, double limitUpper, double slope,
                                  double chi2, int dof, double theory) {
    }

    /**
     * alpha_c(n) at horizon steps with its bracket and standard error, or (extrapolated, steps 0) its T -&gt; infinity
     * limit with the 95% interval and the fit alpha_c(T) = limit + slope T^-exponent.
     */
    public record CapacityValue(int n, double alphaC, double lower, double upper, int steps, boolean extrapolated,
                                double se, double exponent, double slope) {

        /** A capacity at one horizon without an error estimate (as an older capacity/ table gives). */
        public CapacityValue(int n, double alphaC, double lower, double upper, int steps) {
            this(n, alphaC, lower, upper, steps, false, Double.NaN, Double.NaN, Double.NaN);
        }
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

    /**
     * Reads the committed rows of whichever of trials/, theory/, phase_diagram/ (else basins/), capacity/ and
     * finite_size/ the ledger lists under dir (the readers' contract; a directory without a ledger is read whole).
     */
    public static ReportTables read(SparkSession spark, OutputDirectory dir, Ledger ledger) {
        boolean hasTrials = CommittedTables.present(dir, ledger, "trials");
        Dataset<Row> trialsTable = hasTrials ? CommittedTables.read(spark, dir, ledger, "trials", null) : null;
        List<TrialCurve> trials = hasTrials ? readTrials(trialsTable) : List.of();
        List<ConvergencePoint> convergence = hasTrials ? readConvergence(trialsTable) : List.of();
        List<TheoryCurve> theory = CommittedTables.present(dir, ledger, "theory")
                ? readTheory(CommittedTables.read(spark, dir, ledger, "theory", null)) : List.of();
        List<BoundaryPoint> boundary;
        if (CommittedTables.present(dir, ledger, "phase_diagram")) {
            boundary = readPhaseDiagram(CommittedTables.read(spark, dir, ledger, "phase_diagram", null));
        } else if (CommittedTables.present(dir, ledger, "basins")) {
            boundary = readBasins(CommittedTables.read(spark, dir, ledger, "basins", null));
        } else {
            boundary = List.of();
        }
        List<CapacityValue> capacity = CommittedTables.present(dir, ledger, "capacity")
                ? readCapacity(CommittedTables.read(spark, dir, ledger, "capacity", null)) : List.of();
        List<FiniteSizePoint> finiteSize = CommittedTables.present(dir, ledger, "finite_size")
                ? readFiniteSize(CommittedTables.read(spark, dir, ledger, "finite_size", null)) : List.of();
        return new ReportTables(trials, theory, convergence, boundary, capacity, finiteSize);
    }

    /** True if there is nothing to draw: none of the tables has a committed row. */
    public boolean empty() {
        return trials.isEmpty() && theory.isEmpty() && convergence.isEmpty() && boundary.isEmpty() && capacity.isEmpty()
                && finiteSize.isEmpty();
    }

    private static List<TrialCurve> readTrials(Dataset<Row> table) {
        // Choose the m0 values shown per (n, neurons) on the driver from the small set of distinct keys.
        Map<String, Set<Double>> m0ByPanel = new TreeMap<>();
        for (Row r : table.select("n", "neurons", "m0").distinct().collectAsList()) {
            m0ByPanel.computeIfAbsent(intOf(r, "n") + "/" + intOf(r, "neurons"), k -> new TreeSet<>()).add(doubleOf(r, "m0"));
        }
        List<TrialCurve> curves = new ArrayList<>();
        for (Map.Entry<String, Set<Double>> panel : m0ByPanel.entrySet()) {
            String[] key = panel.getKey().split("/");
            Object[] shown = spread(new ArrayList<>(panel.getValue()), MAX_M0_SHOWN).toArray();
            Dataset<Row> rows = table
                    .filter(col("n").equalTo(Integer.parseInt(key[0])).and(col("neurons").equalTo(Integer.parseInt(key[1])))
                            .and(col("m0").isin(shown)).and(col("trial").lt(MAX_TRIALS_SHOWN)))
                    .select("n", "neurons", "alpha", "p", "m0", "trial", "m");
            for (Row r : rows.collectAsList()) {
                curves.add(new TrialCurve(intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "alpha"), longOf(r, "p"),
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
    private static List<ConvergencePoint> readConvergence(Dataset<Row> table) {
        Dataset<Row> perSet = table
                .groupBy("n", "neurons", "alpha", "m0", "pattern_set")
                .agg(sum("convergence_time").as("time_sum"), count("convergence_time").as("timed"));
        Map<PointKey, List<double[]>> sets = new java.util.HashMap<>();
        for (Row r : perSet.collectAsList()) {
            PointKey key = new PointKey(intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "alpha"), doubleOf(r, "m0"));
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
            points.add(new ConvergencePoint(k.n(), k.neurons(), k.alpha(), k.m0(), mean.mean(), mean.standardError(),
                    timed));
        }
        return points;
    }

    /** A grid point (n, neurons, alpha, m0) as a map key. */
    private record PointKey(int n, int neurons, double alpha, double m0) {
    }

    private static List<TheoryCurve> readTheory(Dataset<Row> table) {
        List<TheoryCurve> curves = new ArrayList<>();
        for (Row r : table.select("n", "alpha", "m0", "m", "convergence_time").collectAsList()) {
            Integer tau = r.isNullAt(r.fieldIndex("convergence_time")) ? null : intOf(r, "convergence_time");
            curves.add(new TheoryCurve(intOf(r, "n"), doubleOf(r, "alpha"), doubleOf(r, "m0"), doubles(r, "m"), tau));
        }
        return curves;
    }

    private static List<BoundaryPoint> readPhaseDiagram(Dataset<Row> table) {
        List<BoundaryPoint> points = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            Integer neurons = r.isNullAt(r.fieldIndex("neurons")) ? null : intOf(r, "neurons");
            points.add(new BoundaryPoint(intOf(r, "n"), r.getAs("source"), neurons, doubleOf(r, "alpha"),
                    nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"), nullableDouble(r, "m0c_hi"), optionalInt(r, "steps"),
                    has(r, "steps") && r.isNullAt(r.fieldIndex("steps"))));
        }
        return points;
    }

    /** The phase diagram's points from basins/ when no phase_diagram/ table was written. */
    private static List<BoundaryPoint> readBasins(Dataset<Row> table) {
        List<BoundaryPoint> points = new ArrayList<>();
        Set<String> theorySeen = new TreeSet<>();
        for (Row r : table.collectAsList()) {
            int n = intOf(r, "n");
            double alpha = doubleOf(r, "alpha");
            points.add(new BoundaryPoint(n, "simulation", intOf(r, "neurons"), alpha,
                    nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"), nullableDouble(r, "m0c_hi"), 0));
            // Theory does not depend on the network size: one point per (n, alpha).
            if (theorySeen.add(n + "/" + alpha)) {
                points.add(new BoundaryPoint(n, "theory", null, alpha, nullableDouble(r, "theory_m0c"),
                        nullableDouble(r, "theory_m0c_lo"), nullableDouble(r, "theory_m0c_hi"), 0));
            }
        }
        return points;
    }

    private static List<CapacityValue> readCapacity(Dataset<Row> table) {
        List<CapacityValue> values = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            boolean extrapolated = has(r, "extrapolated") && r.getBoolean(r.fieldIndex("extrapolated"));
            values.add(new CapacityValue(intOf(r, "n"), nullableDouble(r, "alpha_c"),
                    nullableDouble(r, "alpha_c_lo"), nullableDouble(r, "alpha_c_hi"), optionalInt(r, "steps"), extrapolated,
                    optionalDouble(r, "alpha_c_se"), optionalDouble(r, "exponent"), optionalDouble(r, "slope")));
        }
        return values;
    }

    private static List<FiniteSizePoint> readFiniteSize(Dataset<Row> table) {
        List<FiniteSizePoint> points = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            List<Object> sizes = r.getList(r.fieldIndex("neurons"));
            int[] neurons = new int[sizes.size()];
            for (int i = 0; i < neurons.length; i++) {
                neurons[i] = ((Number) sizes.get(i)).intValue();
            }
            points.add(new FiniteSizePoint(intOf(r, "n"), r.getAs("quantity"), nullableDouble(r, "alpha"), neurons,
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

    // Numbers are read through Number, so that an int column written as long (or a table from another writer) reads too.
    private static int intOf(Row r, String column) {
        return ((Number) r.getAs(column)).intValue();
    }

    private static long longOf(Row r, String column) {
        return ((Number) r.getAs(column)).longValue();
    }

    private static double doubleOf(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    private static boolean has(Row r, String column) {
        return java.util.Arrays.asList(r.schema().fieldNames()).contains(column);
    }

    /** An int column that older tables may lack or that may be null: 0 then. */
    private static int optionalInt(Row r, String column) {
        return has(r, column) && !r.isNullAt(r.fieldIndex(column)) ? intOf(r, column) : 0;
    }

    /** A double column that older tables may lack or that may be null: NaN then. */
    private static double optionalDouble(Row r, String column) {
        return has(r, column) ? nullableDouble(r, column) : Double.NaN;
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
