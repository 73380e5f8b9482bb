package dam.jobs.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.ClusterMean;
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

/**
 * The small slices of an output directory's Parquet tables (docs/tables.md) that the figures draw, read
 * with Spark and collected to the driver: bounded whatever the grid. Each figure shows at most a fixed number of
 * loads and m0 values, spread evenly by rank over those of the table (first and last kept, {@link #spread}), chosen
 * in Spark; only the trials shown in figure 1 are collected; convergence times are aggregated in Spark, down to one
 * mean per shown point; the theory rows of the shown points only.
 */
public final class ReportTables {

    /** Figure 1 shows at most this many loads (panels) per (n, neurons) ... */
    public static final int MAX_LOADS_SHOWN = 12;
    /** ... at most this many m0 values per (n, neurons) ... */
    public static final int MAX_M0_SHOWN = 6;
    /** ... and at most this many trials per grid point. */
    public static final int MAX_TRIALS_SHOWN = 30;
    /** The convergence-time figure shows at most this many loads (curves) per (n, neurons) ... */
    public static final int MAX_CURVES_SHOWN = 8;
    /** ... each at most this many m0 values. */
    public static final int MAX_CURVE_POINTS = 200;
    /** The phase diagram draws at most this many loads per curve (n, source, neurons, horizon). */
    public static final int MAX_BOUNDARY_POINTS = 2000;
    /** The finite-size figure shows at most this many loads (panels) per (n, quantity). */
    public static final int MAX_FINITE_SIZE_SHOWN = 12;

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
                ? readTheory(spark, CommittedTables.read(spark, dir, ledger, "theory", null), trials, convergence)
                : List.of();
        List<BoundaryPoint> boundary;
        if (CommittedTables.present(dir, ledger, "phase_diagram")) {
            boundary = readPhaseDiagram(spread(CommittedTables.read(spark, dir, ledger, "phase_diagram", null),
                    List.of("n", "source", "neurons", "steps"), "alpha", MAX_BOUNDARY_POINTS));
        } else if (CommittedTables.present(dir, ledger, "basins")) {
            boundary = readBasins(spread(CommittedTables.read(spark, dir, ledger, "basins", null),
                    List.of("n", "neurons"), "alpha", MAX_BOUNDARY_POINTS));
        } else {
            boundary = List.of();
        }
        List<CapacityValue> capacity = CommittedTables.present(dir, ledger, "capacity")
                ? readCapacity(CommittedTables.read(spark, dir, ledger, "capacity", null)) : List.of();
        List<FiniteSizePoint> finiteSize = CommittedTables.present(dir, ledger, "finite_size")
                ? readFiniteSize(spread(CommittedTables.read(spark, dir, ledger, "finite_size", null),
                List.of("n", "quantity"), "alpha", MAX_FINITE_SIZE_SHOWN)) : List.of();
        return new ReportTables(trials, theory, convergence, boundary, capacity, finiteSize);
    }

    /**
     * The rows of table whose value of order is one of at most k of the group's distinct values, spread evenly by
     * rank as {@link #spread(List, int)} spreads them (first and last kept); chosen in Spark, so that a table of any
     * size gives at most k values per group. Groups and values may be null (they match null); a group column the
     * table lacks is left out.
     */
    static Dataset<Row> spread(Dataset<Row> table, List<String> group, String order, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k: must be >= 2, got " + k);
        }
        List<String> columns = List.of(table.columns());
        if (!columns.contains(order)) {
            return table;
        }
        group = group.stream().filter(columns::contains).toList(); // a table of another writer may lack one
        Column[] groupColumns = group.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        List<String> keys = new ArrayList<>(group);
        keys.add(order);
        Dataset<Row> values = table.select(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .distinct()
                .withColumn("dam_rank", row_number().over(Window.partitionBy(groupColumns).orderBy(col(order))).minus(1))
                .withColumn("dam_count", count(lit(1)).over(Window.partitionBy(groupColumns)));
        // rank r is kept if it is round(i (c - 1) / (k - 1)) for some i: for c > k, i = round(r (k - 1) / (c - 1))
        Column kept = col("dam_count").leq(k).or(col("dam_rank").equalTo(expr("round(round(dam_rank * " + (k - 1)
                + " / (dam_count - 1)) * (dam_count - 1) / " + (k - 1) + ")")));
        Dataset<Row> chosen = values.filter(kept);
        for (String key : keys) {
            chosen = chosen.withColumnRenamed(key, "dam_key_" + key);
        }
        Column match = lit(true);
        for (String key : keys) {
            match = match.and(table.col(key).eqNullSafe(col("dam_key_" + key)));
        }
        return table.join(broadcast(chosen.select(keys.stream().map(key -> col("dam_key_" + key)).toArray(Column[]::new))),
                match, "left_semi");
    }

    /** True if there is nothing to draw: none of the tables has a committed row. */
    public boolean empty() {
        return trials.isEmpty() && theory.isEmpty() && convergence.isEmpty() && boundary.isEmpty() && capacity.isEmpty()
                && finiteSize.isEmpty();
    }

    private static List<TrialCurve> readTrials(Dataset<Row> table) {
        // The loads and m0 values shown per (n, neurons), chosen in Spark among the table's distinct ones.
        List<String> panel = List.of("n", "neurons");
        Dataset<Row> shown = spread(spread(table.filter(col("trial").lt(MAX_TRIALS_SHOWN)), panel, "alpha",
                MAX_LOADS_SHOWN), panel, "m0", MAX_M0_SHOWN);
        List<TrialCurve> curves = new ArrayList<>();
        for (Row r : shown.select("n", "neurons", "alpha", "p", "m0", "trial", "m").collectAsList()) {
            curves.add(new TrialCurve(intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "alpha"), longOf(r, "p"),
                    doubleOf(r, "m0"), intOf(r, "trial"), doubles(r, "m")));
        }
        curves.sort(Comparator.comparingInt(TrialCurve::n).thenComparingInt(TrialCurve::neurons)
                .thenComparingDouble(TrialCurve::alpha).thenComparingDouble(TrialCurve::m0)
                .thenComparingInt(TrialCurve::trial));
        return curves;
    }

    /**
     * Mean convergence time over the converged trials of each grid point with its clustered standard error (core
     * ClusterMean over pattern sets, as grid/'s conv_time_se): Spark sums the times per (point, pattern set),
     * the driver combines the sets. Sets without a converged trial still count as sets.
     */
    private static List<ConvergencePoint> readConvergence(Dataset<Row> table) {
        List<String> panel = List.of("n", "neurons");
        Dataset<Row> shown = spread(spread(table, panel, "alpha", MAX_CURVES_SHOWN), panel, "m0", MAX_CURVE_POINTS);
        Dataset<Row> perSet = shown
                .groupBy("n", "neurons", "alpha", "m0", "pattern_set")
                .agg(sum("convergence_time").cast("double").as("time_sum"), count("convergence_time").as("timed"));
        // One row per shown point, its clustered mean computed on the executor that holds its sets.
        Dataset<Row> perPoint = perSet.groupBy("n", "neurons", "alpha", "m0")
                .agg(collect_list(struct(col("pattern_set"), col("time_sum"), col("timed"))).as("sets"))
                .map((MapFunction<Row, Row>) ReportTables::clusteredTime, Encoders.row(new StructType()
                        .add("n", DataTypes.IntegerType).add("neurons", DataTypes.IntegerType)
                        .add("alpha", DataTypes.DoubleType).add("m0", DataTypes.DoubleType)
                        .add("mean", DataTypes.DoubleType).add("se", DataTypes.DoubleType)
                        .add("timed", DataTypes.LongType)));
        List<ConvergencePoint> points = new ArrayList<>();
        for (Row r : perPoint.filter(col("timed").gt(0)).collectAsList()) {
            points.add(new ConvergencePoint(r.getInt(0), r.getInt(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                    r.getDouble(5), r.getLong(6)));
        }
        points.sort(Comparator.comparingInt(ConvergencePoint::n).thenComparingInt(ConvergencePoint::neurons)
                .thenComparingDouble(ConvergencePoint::alpha).thenComparingDouble(ConvergencePoint::m0));
        return points;
    }

    /**
     * Mean convergence time over the converged trials of one point with its standard error clustered on pattern sets
     * (core ClusterMean, as grid/'s conv_time_se); sets without a converged trial still count as sets. Row: n, neurons,
     * alpha, m0, sets of (pattern_set, time_sum, timed); out: n, neurons, alpha, m0, mean, se, timed.
     */
    private static Row clusteredTime(Row point) {
        List<Row> sets = new ArrayList<>(point.getList(4));
        sets.sort(Comparator.comparingInt(r -> r.getInt(0)));
        double[] sums = new double[sets.size()];
        double[] counts = new double[sets.size()];
        long timed = 0;
        for (int i = 0; i < sums.length; i++) {
            Row set = sets.get(i);
            sums[i] = set.isNullAt(1) ? 0 : set.getDouble(1);
            counts[i] = set.getLong(2);
            timed += set.getLong(2);
        }
        double mean = Double.NaN;
        double se = Double.NaN;
        if (timed > 0) {
            ClusterMean m = ClusterMean.of(sums, counts);
            mean = m.mean();
            se = m.standardError();
        }
        return RowFactory.create(point.getInt(0), point.getInt(1), point.getDouble(2), point.getDouble(3), mean, se, timed);
    }

    /** The theory rows of the (n, alpha, m0) that the figures show (figure 1's curves and the convergence points). */
    private static List<TheoryCurve> readTheory(SparkSession spark, Dataset<Row> table, List<TrialCurve> trials,
                                                List<ConvergencePoint> convergence) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        trials.forEach(c -> keys.add(List.of(c.n(), c.alpha(), c.m0())));
        convergence.forEach(c -> keys.add(List.of(c.n(), c.alpha(), c.m0())));
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Row> wanted = keys.stream().map(k -> RowFactory.create(k.toArray())).toList();
        Dataset<Row> shown = spark.createDataFrame(wanted, new StructType().add("dam_n", DataTypes.IntegerType)
                .add("dam_alpha", DataTypes.DoubleType).add("dam_m0", DataTypes.DoubleType));
        Column match = table.col("n").cast("int").equalTo(col("dam_n")).and(table.col("alpha").equalTo(col("dam_alpha")))
                .and(table.col("m0").equalTo(col("dam_m0")));
        List<TheoryCurve> curves = new ArrayList<>();
        for (Row r : table.join(broadcast(shown), match, "left_semi").select("n", "alpha", "m0", "m", "convergence_time")
                .collectAsList()) {
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
