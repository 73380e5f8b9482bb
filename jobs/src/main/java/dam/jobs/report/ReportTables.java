package dam.jobs.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
import dam.core.model.MemoryModel;
import dam.jobs.sweep.CommittedTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

/**
 * The small slices of an output directory's Parquet tables (docs/tables.md) that the figures draw, read
 * with Spark and collected to the driver: bounded whatever the grid. Each figure shows at most a fixed number of
 * loads and m0 values, spread evenly by rank over those of the table (first and last kept, {@link #spread}), chosen
 * in Spark per model and temperature; only the trials shown in figure 1 are collected; convergence times are
 * aggregated in Spark, down to one mean per shown point; the theory rows of the shown points only. Every row carries
 * its model and temperature; a table of another writer without those columns is read as the dense model at
 * temperature 0.
 */
public final class ReportTables {

    /** Figure 1 shows at most this many loads (panels) per (model, n, neurons, temperature) ... */
    public static final int MAX_LOADS_SHOWN = 12;
    /** ... at most this many m0 values per (model, n, neurons, temperature) ... */
    public static final int MAX_M0_SHOWN = 6;
    /** ... and at most this many trials per grid point. */
    public static final int MAX_TRIALS_SHOWN = 30;
    /** The convergence-time figure shows at most this many loads (curves) per (model, n, neurons, temperature) ... */
    public static final int MAX_CURVES_SHOWN = 8;
    /** ... each at most this many m0 values (as the transient-recovery curves). */
    public static final int MAX_CURVE_POINTS = 200;
    /** The phase diagrams draw at most this many loads per curve (model, n, temperature, source, neurons, horizon). */
    public static final int MAX_BOUNDARY_POINTS = 2000;
    /** The finite-size figure shows at most this many loads (panels) per (model, n, temperature, quantity). */
    public static final int MAX_FINITE_SIZE_SHOWN = 12;
    /** The transient-recovery figure shows at most this many loads (curves) per (model, n, temperature). */
    public static final int MAX_TRANSIENT_LOADS = 6;

    /** The method of a capacity/ or critical_temperature/ row (docs/tables.md). */
    public enum Method {
        /** A bisection judged at one horizon T of the ladder. */
        LADDER,
        /** The ladder's T -&gt; infinity extrapolation. */
        EXTRAPOLATED,
        /** The stationary state solved directly. */
        STATIONARY;

        /** The method named by a table's method column (ladder, extrapolated, stationary). */
        public static Method parse(String key) {
            return valueOf(key.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** m(t) of one simulated trial. */
    public record TrialCurve(MemoryModel model, int n, int neurons, double temperature, double alpha, long p, double m0,
                             int trial, double[] m) {

        /** The model and temperature of the trial. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /** m(t) and convergence time (null: none within T) of the theory at one (model, n, temperature, alpha, m0). */
    public record TheoryCurve(MemoryModel model, int n, double temperature, double alpha, double m0, double[] m,
                              Integer convergenceTime) {

        /** The model and temperature of the curve. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /**
     * Convergence time over the converged trials of one grid point: mean, its standard error clustered on pattern
     * sets (NaN with a single set), and the number of converged trials.
     */
    public record ConvergencePoint(MemoryModel model, int n, int neurons, double temperature, double alpha, double m0,
                                   double mean, double standardError, long count) {

        /** The model and temperature of the point. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /**
     * A basin-boundary point of the phase diagram; neurons is null for theory; steps 0 where the table has no horizon,
     * and on a theory point extrapolated to T -&gt; infinity (extrapolated true).
     */
    public record BoundaryPoint(MemoryModel model, int n, double temperature, String source, Integer neurons, double alpha,
                                double m0c, double lower, double upper, int steps, boolean extrapolated) {

        /** The model and temperature of the point. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /**
     * A finite-size row: the simulated estimates of a boundary (quantity m0c at alpha, or alpha_c with alpha NaN) by
     * N with their 95% intervals, the N -> infinity limit of the fit y_inf + a N^-1/2 (NaN without a fit) and
     * the theory's value.
     */
    public record FiniteSizePoint(MemoryModel model, int n, double temperature, String quantity, double alpha,
                                  int[] neurons, double[] estimates, double[] lower, double[] upper, double limit,
                                  double limitLower, double limitUpper, double slope, double chi2, int dof,
                                  double theory) {

        /** The model and temperature of the row. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /**
     * alpha_c of (model, n, temperature) by method: at horizon steps with its bracket and standard error (ladder), its
     * T -&gt; infinity limit with the 95% interval and the fit alpha_c(T) = limit + slope T^-exponent (extrapolated,
     * steps 0), or the stationary state's (stationary, steps 0).
     */
    public record CapacityValue(MemoryModel model, int n, double temperature, Method method, double alphaC, double lower,
                                double upper, int steps, double se, double exponent, double slope) {

        /** True on the T -&gt; infinity row. */
        public boolean extrapolated() {
            return method == Method.EXTRAPOLATED;
        }

        /** The model and temperature of the row. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    /**
     * The critical temperature T_c of (model, n) at load alpha, the highest temperature at which the dynamics from
     * m0 = 1 retrieves, by method: at horizon steps of the ladder with its bracket, its T -&gt; infinity limit with
     * the 95% interval, or the stationary state's (steps 0 for both); NaN where there is none.
     */
    public record CriticalTemperature(MemoryModel model, int n, double alpha, Method method, double temperatureC,
                                      double lower, double upper, int steps) {
    }

    /**
     * The transient retrieval of one grid point: the mean over its trials of the largest overlap max_t m(t) with its
     * 95% interval clustered on pattern sets (grid/ max_m_mean, max_m_lo, max_m_hi), and the theory's max_t m(t)
     * (NaN without theory).
     */
    public record TransientPoint(MemoryModel model, int n, int neurons, double temperature, double alpha, double m0,
                                 double maxM, double lower, double upper, double theoryMaxM) {

        /** The model and temperature of the point. */
        Condition condition() {
            return new Condition(model, temperature);
        }
    }

    private final List<TrialCurve> trials;
    private final List<TheoryCurve> theory;
    private final List<ConvergencePoint> convergence;
    private final List<BoundaryPoint> boundary;
    private final List<CapacityValue> capacity;
    private final List<FiniteSizePoint> finiteSize;
    private final List<CriticalTemperature> criticalTemperature;
    private final List<TransientPoint> transientPoints;

    /** Tables already on the driver. */
    public ReportTables(List<TrialCurve> trials, List<TheoryCurve> theory, List<ConvergencePoint> convergence,
                        List<BoundaryPoint> boundary, List<CapacityValue> capacity, List<FiniteSizePoint> finiteSize,
                        List<CriticalTemperature> criticalTemperature, List<TransientPoint> transientPoints) {
        this.trials = List.copyOf(trials);
        this.theory = List.copyOf(theory);
        this.convergence = List.copyOf(convergence);
        this.boundary = List.copyOf(boundary);
        this.capacity = List.copyOf(capacity);
        this.finiteSize = List.copyOf(finiteSize);
        this.criticalTemperature = List.copyOf(criticalTemperature);
        this.transientPoints = List.copyOf(transientPoints);
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

    public List<CriticalTemperature> criticalTemperature() {
        return criticalTemperature;
    }

    public List<TransientPoint> transientPoints() {
        return transientPoints;
    }

    /**
     * Reads the committed rows of whichever of trials/, theory/, grid/, phase_diagram/ (else basins/), capacity/,
     * finite_size/ and critical_temperature/ the ledger lists under dir (the readers' contract; a directory without a
     * ledger is read whole).
     */
    public static ReportTables read(SparkSession spark, OutputDirectory dir, Ledger ledger) {
        boolean hasTrials = CommittedTables.present(dir, ledger, "trials");
        Dataset<Row> trialsTable = hasTrials ? committed(spark, dir, ledger, "trials") : null;
        List<TrialCurve> trials = hasTrials ? readTrials(trialsTable) : List.of();
        List<ConvergencePoint> convergence = hasTrials ? readConvergence(trialsTable) : List.of();
        boolean hasTheory = CommittedTables.present(dir, ledger, "theory");
        Dataset<Row> theoryTable = hasTheory ? committed(spark, dir, ledger, "theory") : null;
        List<TheoryCurve> theory = hasTheory ? readTheory(spark, theoryTable, trials, convergence) : List.of();
        List<BoundaryPoint> boundary;
        if (CommittedTables.present(dir, ledger, "phase_diagram")) {
            boundary = readPhaseDiagram(spread(committed(spark, dir, ledger, "phase_diagram"),
                    List.of("model", "n", "temperature", "source", "neurons", "steps"), "alpha", MAX_BOUNDARY_POINTS));
        } else if (CommittedTables.present(dir, ledger, "basins")) {
            boundary = readBasins(spread(committed(spark, dir, ledger, "basins"),
                    List.of("model", "n", "temperature", "neurons"), "alpha", MAX_BOUNDARY_POINTS));
        } else {
            boundary = List.of();
        }
        List<CapacityValue> capacity = CommittedTables.present(dir, ledger, "capacity")
                ? readCapacity(committed(spark, dir, ledger, "capacity")) : List.of();
        List<FiniteSizePoint> finiteSize = CommittedTables.present(dir, ledger, "finite_size")
                ? readFiniteSize(spread(committed(spark, dir, ledger, "finite_size"),
                List.of("model", "n", "temperature", "quantity"), "alpha", MAX_FINITE_SIZE_SHOWN)) : List.of();
        List<CriticalTemperature> critical = CommittedTables.present(dir, ledger, "critical_temperature")
                ? readCriticalTemperature(spread(committed(spark, dir, ledger, "critical_temperature"),
                List.of("model", "n", "method", "steps"), "alpha", MAX_BOUNDARY_POINTS)) : List.of();
        List<TransientPoint> transientPoints = CommittedTables.present(dir, ledger, "grid")
                ? readTransient(spark, committed(spark, dir, ledger, "grid"), theoryTable) : List.of();
        return new ReportTables(trials, theory, convergence, boundary, capacity, finiteSize, critical, transientPoints);
    }

    /**
     * The committed rows of a table with its model and temperature columns: a table of another writer that lacks them
     * (tables without a sweep description) holds the dense model at temperature 0, the only ones before the axes.
     */
    private static Dataset<Row> committed(SparkSession spark, OutputDirectory dir, Ledger ledger, String table) {
        Dataset<Row> rows = CommittedTables.read(spark, dir, ledger, table, null);
        List<String> columns = List.of(rows.columns());
        if (!columns.contains("model")) {
            rows = rows.withColumn("model", lit(MemoryModel.DENSE.key()));
        }
        if (!columns.contains("temperature") && !table.equals("critical_temperature")) {
            rows = rows.withColumn("temperature", lit(0.0));
        }
        return rows;
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
                && finiteSize.isEmpty() && criticalTemperature.isEmpty() && transientPoints.isEmpty();
    }

    private static List<TrialCurve> readTrials(Dataset<Row> table) {
        // The loads and m0 values shown per (model, n, neurons, temperature), chosen in Spark among the table's own.
        List<String> panel = List.of("model", "n", "neurons", "temperature");
        Dataset<Row> shown = spread(spread(table.filter(col("trial").lt(MAX_TRIALS_SHOWN)), panel, "alpha",
                MAX_LOADS_SHOWN), panel, "m0", MAX_M0_SHOWN);
        List<TrialCurve> curves = new ArrayList<>();
        for (Row r : shown.select("model", "n", "neurons", "temperature", "alpha", "p", "m0", "trial", "m").collectAsList()) {
            curves.add(new TrialCurve(model(r), intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "temperature"),
                    doubleOf(r, "alpha"), longOf(r, "p"), doubleOf(r, "m0"), intOf(r, "trial"), doubles(r, "m")));
        }
        curves.sort(Comparator.comparing(TrialCurve::model).thenComparingInt(TrialCurve::n)
                .thenComparingInt(TrialCurve::neurons).thenComparingDouble(TrialCurve::temperature)
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
        List<String> panel = List.of("model", "n", "neurons", "temperature");
        Dataset<Row> shown = spread(spread(table, panel, "alpha", MAX_CURVES_SHOWN), panel, "m0", MAX_CURVE_POINTS);
        Dataset<Row> perSet = shown
                .groupBy("model", "n", "neurons", "temperature", "alpha", "m0", "pattern_set")
                .agg(sum("convergence_time").cast("double").as("time_sum"), count("convergence_time").as("timed"));
        // One row per shown point, its clustered mean computed on the executor that holds its sets.
        Dataset<Row> perPoint = perSet.groupBy("model", "n", "neurons", "temperature", "alpha", "m0")
                .agg(collect_list(struct(col("pattern_set"), col("time_sum"), col("timed"))).as("sets"))
                .map((MapFunction<Row, Row>) ReportTables::clusteredTime, Encoders.row(new StructType()
                        .add("model", DataTypes.StringType).add("n", DataTypes.IntegerType)
                        .add("neurons", DataTypes.IntegerType).add("temperature", DataTypes.DoubleType)
                        .add("alpha", DataTypes.DoubleType).add("m0", DataTypes.DoubleType)
                        .add("mean", DataTypes.DoubleType).add("se", DataTypes.DoubleType)
                        .add("timed", DataTypes.LongType)));
        List<ConvergencePoint> points = new ArrayList<>();
        for (Row r : perPoint.filter(col("timed").gt(0)).collectAsList()) {
            points.add(new ConvergencePoint(model(r), intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "temperature"),
                    doubleOf(r, "alpha"), doubleOf(r, "m0"), doubleOf(r, "mean"), doubleOf(r, "se"), longOf(r, "timed")));
        }
        points.sort(Comparator.comparing(ConvergencePoint::model).thenComparingInt(ConvergencePoint::n)
                .thenComparingInt(ConvergencePoint::neurons).thenComparingDouble(ConvergencePoint::temperature)
                .thenComparingDouble(ConvergencePoint::alpha).thenComparingDouble(ConvergencePoint::m0));
        return points;
    }

    /**
     * Mean convergence time over the converged trials of one point with its standard error clustered on pattern sets
     * (core ClusterMean, as grid/'s conv_time_se); sets without a converged trial still count as sets. Row: model, n,
     * neurons, temperature, alpha, m0, sets of (pattern_set, time_sum, timed); out: the point, mean, se, timed.
     */
    private static Row clusteredTime(Row point) {
        List<Row> sets = new ArrayList<>(point.getList(point.fieldIndex("sets")));
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
        return RowFactory.create(point.getString(0), point.getInt(1), point.getInt(2), point.getDouble(3),
                point.getDouble(4), point.getDouble(5), mean, se, timed);
    }

    /** The rows of a theory/ table at the given (model, n, temperature, alpha, m0) keys, joined in Spark. */
    private static Dataset<Row> theoryAt(SparkSession spark, Dataset<Row> table, Set<List<Object>> keys) {
        List<Row> wanted = keys.stream().map(k -> RowFactory.create(k.toArray())).toList();
        Dataset<Row> shown = spark.createDataFrame(wanted, new StructType().add("dam_model", DataTypes.StringType)
                .add("dam_n", DataTypes.IntegerType).add("dam_temperature", DataTypes.DoubleType)
                .add("dam_alpha", DataTypes.DoubleType).add("dam_m0", DataTypes.DoubleType));
        Column match = table.col("model").equalTo(col("dam_model")).and(table.col("n").cast("int").equalTo(col("dam_n")))
                .and(table.col("temperature").equalTo(col("dam_temperature")))
                .and(table.col("alpha").equalTo(col("dam_alpha"))).and(table.col("m0").equalTo(col("dam_m0")));
        return table.join(broadcast(shown), match, "left_semi");
    }

    /** The theory rows of the points that the figures show (figure 1's curves and the convergence points). */
    private static List<TheoryCurve> readTheory(SparkSession spark, Dataset<Row> table, List<TrialCurve> trials,
                                                List<ConvergencePoint> convergence) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        trials.forEach(c -> keys.add(List.of(c.model().key(), c.n(), c.temperature(), c.alpha(), c.m0())));
        convergence.forEach(c -> keys.add(List.of(c.model().key(), c.n(), c.temperature(), c.alpha(), c.m0())));
        if (keys.isEmpty()) {
            return List.of();
        }
        List<TheoryCurve> curves = new ArrayList<>();
        for (Row r : theoryAt(spark, table, keys).select("model", "n", "temperature", "alpha", "m0", "m", "convergence_time")
                .collectAsList()) {
            Integer tau = r.isNullAt(r.fieldIndex("convergence_time")) ? null : intOf(r, "convergence_time");
            curves.add(new TheoryCurve(model(r), intOf(r, "n"), doubleOf(r, "temperature"), doubleOf(r, "alpha"),
                    doubleOf(r, "m0"), doubles(r, "m"), tau));
        }
        return curves;
    }

    private static List<BoundaryPoint> readPhaseDiagram(Dataset<Row> table) {
        List<BoundaryPoint> points = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            Integer neurons = r.isNullAt(r.fieldIndex("neurons")) ? null : intOf(r, "neurons");
            points.add(new BoundaryPoint(model(r), intOf(r, "n"), doubleOf(r, "temperature"), r.getAs("source"), neurons,
                    doubleOf(r, "alpha"), nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"),
                    nullableDouble(r, "m0c_hi"), optionalInt(r, "steps"), has(r, "steps") && r.isNullAt(r.fieldIndex("steps"))));
        }
        return points;
    }

    /** The phase diagram's points from basins/ when no phase_diagram/ table was written. */
    private static List<BoundaryPoint> readBasins(Dataset<Row> table) {
        List<BoundaryPoint> points = new ArrayList<>();
        Set<List<Object>> theorySeen = new LinkedHashSet<>();
        for (Row r : table.collectAsList()) {
            MemoryModel model = model(r);
            int n = intOf(r, "n");
            double temperature = doubleOf(r, "temperature");
            double alpha = doubleOf(r, "alpha");
            points.add(new BoundaryPoint(model, n, temperature, "simulation", intOf(r, "neurons"), alpha,
                    nullableDouble(r, "m0c"), nullableDouble(r, "m0c_lo"), nullableDouble(r, "m0c_hi"), 0, false));
            // Theory does not depend on the network size: one point per (model, n, temperature, alpha).
            if (theorySeen.add(List.of(model, n, temperature, alpha))) {
                points.add(new BoundaryPoint(model, n, temperature, "theory", null, alpha, nullableDouble(r, "theory_m0c"),
                        nullableDouble(r, "theory_m0c_lo"), nullableDouble(r, "theory_m0c_hi"), 0, false));
            }
        }
        return points;
    }

    /**
     * The method of a capacity/ or critical_temperature/ row: its method column; in a capacity/ table of another
     * writer without one, its extrapolated flag if it has that, else ladder.
     */
    private static Method method(Row r) {
        if (has(r, "method")) {
            return Method.parse(r.getAs("method"));
        }
        return has(r, "extrapolated") && !r.isNullAt(r.fieldIndex("extrapolated")) && r.<Boolean>getAs("extrapolated")
                ? Method.EXTRAPOLATED : Method.LADDER;
    }

    private static List<CapacityValue> readCapacity(Dataset<Row> table) {
        List<CapacityValue> values = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            values.add(new CapacityValue(model(r), intOf(r, "n"), doubleOf(r, "temperature"), method(r),
                    nullableDouble(r, "alpha_c"), nullableDouble(r, "alpha_c_lo"), nullableDouble(r, "alpha_c_hi"),
                    optionalInt(r, "steps"), optionalDouble(r, "alpha_c_se"), optionalDouble(r, "exponent"),
                    optionalDouble(r, "slope")));
        }
        values.sort(Comparator.comparing(CapacityValue::model).thenComparingInt(CapacityValue::n)
                .thenComparingDouble(CapacityValue::temperature).thenComparing(CapacityValue::method)
                .thenComparingInt(CapacityValue::steps));
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
            points.add(new FiniteSizePoint(model(r), intOf(r, "n"), doubleOf(r, "temperature"), r.getAs("quantity"),
                    nullableDouble(r, "alpha"), neurons, doubles(r, "estimates"), doubles(r, "estimates_lo"),
                    doubles(r, "estimates_hi"), nullableDouble(r, "limit"), nullableDouble(r, "limit_lo"),
                    nullableDouble(r, "limit_hi"), nullableDouble(r, "slope"), nullableDouble(r, "chi2"),
                    r.isNullAt(r.fieldIndex("dof")) ? 0 : intOf(r, "dof"), nullableDouble(r, "theory")));
        }
        return points;
    }

    private static List<CriticalTemperature> readCriticalTemperature(Dataset<Row> table) {
        List<CriticalTemperature> rows = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            rows.add(new CriticalTemperature(model(r), intOf(r, "n"), doubleOf(r, "alpha"), method(r),
                    nullableDouble(r, "temperature_c"), nullableDouble(r, "temperature_c_lo"),
                    nullableDouble(r, "temperature_c_hi"), optionalInt(r, "steps")));
        }
        rows.sort(Comparator.comparing(CriticalTemperature::model).thenComparingInt(CriticalTemperature::n)
                .thenComparing(CriticalTemperature::method).thenComparingInt(CriticalTemperature::steps)
                .thenComparingDouble(CriticalTemperature::alpha));
        return rows;
    }

    /**
     * The transient-recovery points: grid/'s max_m_mean with its interval at the largest network size of each (model,
     * n, temperature), at most {@link #MAX_TRANSIENT_LOADS} loads of at most {@link #MAX_CURVE_POINTS} m0 values each,
     * chosen in Spark; the theory's peak from grid/'s theory_max_m, or from theory/'s max_m where grid/ has none.
     */
    private static List<TransientPoint> readTransient(SparkSession spark, Dataset<Row> grid, Dataset<Row> theoryTable) {
        List<String> columns = List.of(grid.columns());
        if (!columns.contains("max_m_mean")) {
            return List.of(); // a grid/ of another writer, without the overlap peak
        }
        List<String> panel = List.of("model", "n", "temperature");
        Dataset<Row> largest = grid.withColumn("dam_largest", max("neurons").over(Window.partitionBy(
                panel.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))))
                .filter(col("neurons").equalTo(col("dam_largest")));
        Dataset<Row> shown = spread(spread(largest, panel, "alpha", MAX_TRANSIENT_LOADS), panel, "m0", MAX_CURVE_POINTS);
        boolean gridTheory = columns.contains("theory_max_m");
        List<TransientPoint> points = new ArrayList<>();
        for (Row r : shown.select(col("model"), col("n"), col("neurons"), col("temperature"), col("alpha"), col("m0"),
                col("max_m_mean"), col("max_m_lo"), col("max_m_hi"),
                gridTheory ? col("theory_max_m") : lit(null).cast("double").as("theory_max_m")).collectAsList()) {
            points.add(new TransientPoint(model(r), intOf(r, "n"), intOf(r, "neurons"), doubleOf(r, "temperature"),
                    doubleOf(r, "alpha"), doubleOf(r, "m0"), nullableDouble(r, "max_m_mean"), nullableDouble(r, "max_m_lo"),
                    nullableDouble(r, "max_m_hi"), nullableDouble(r, "theory_max_m")));
        }
        Set<List<Object>> missing = new LinkedHashSet<>();
        points.stream().filter(p -> Double.isNaN(p.theoryMaxM()))
                .forEach(p -> missing.add(List.of(p.model().key(), p.n(), p.temperature(), p.alpha(), p.m0())));
        if (!missing.isEmpty() && theoryTable != null && List.of(theoryTable.columns()).contains("max_m")) {
            java.util.Map<List<Object>, Double> peaks = new java.util.HashMap<>();
            for (Row r : theoryAt(spark, theoryTable, missing).select("model", "n", "temperature", "alpha", "m0", "max_m")
                    .collectAsList()) {
                peaks.put(List.of(r.getString(0), intOf(r, "n"), doubleOf(r, "temperature"), doubleOf(r, "alpha"),
                        doubleOf(r, "m0")), nullableDouble(r, "max_m"));
            }
            points = points.stream().map(p -> Double.isNaN(p.theoryMaxM())
                    ? new TransientPoint(p.model(), p.n(), p.neurons(), p.temperature(), p.alpha(), p.m0(), p.maxM(),
                            p.lower(), p.upper(), peaks.getOrDefault(List.of(p.model().key(), p.n(), p.temperature(),
                                    p.alpha(), p.m0()), Double.NaN))
                    : p).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        points.sort(Comparator.comparing(TransientPoint::model).thenComparingInt(TransientPoint::n)
                .thenComparingDouble(TransientPoint::temperature).thenComparingDouble(TransientPoint::alpha)
                .thenComparingDouble(TransientPoint::m0));
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

    private static MemoryModel model(Row r) {
        return MemoryModel.parse(r.getAs("model"));
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
