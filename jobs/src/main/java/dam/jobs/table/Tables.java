package dam.jobs.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.BoundaryStop;
import dam.core.analysis.ClusterMean;
import dam.core.analysis.OverlapPeak;
import dam.core.analysis.ClusteredProportion;
import dam.core.sim.TrialResult;
import dam.core.theory.TheoryResult;
import dam.jobs.grid.BoundaryLoad;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.PointSummary;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TheorySummary;
import dam.jobs.grid.TrialMeasures;
import dam.jobs.grid.TrialSettings;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schemas of the Parquet tables (docs/tables.md) and the rows that fill them.
 * Every table is a plain Parquet dataset directory, not partitioned: n is an ordinary column of every
 * file, so a file read alone keeps its order, and no two column names differ only by case (SQL engines
 * fold case). The sweep description (config, version, start time) rides in the metadata of the alpha
 * column, which Spark stores in each file's key-value metadata.
 */
public final class Tables {

    /** The key under which the sweep description is kept in the alpha column's metadata. */
    public static final String SWEEP_METADATA_KEY = "dam.sweep";

    private static final org.apache.spark.sql.types.DataType DOUBLES = DataTypes.createArrayType(DoubleType, false);
    private static final org.apache.spark.sql.types.DataType INTS = DataTypes.createArrayType(IntegerType, false);

    /**
     * The columns of grid/ and basins/ that the boundary searches added (issue 20): a file written before them lacks
     * them, and reading it with the schema gives null there (a grid row, as round = null says).
     */
    public static final java.util.Set<String> BOUNDARY_COLUMNS = java.util.Set.of("round", "first_trial", "search", "stop",
            "rounds", "alpha_c", "alpha_c_lo", "alpha_c_hi");

    private Tables() {
    }

    /** trials/: one row per simulated trial. */
    public static StructType trials(String sweepJson) {
        return new StructType(new StructField[]{
                field("model", StringType, false), field("n", IntegerType, false), field("neurons", IntegerType, false),
                field("temperature", DoubleType, false), alpha(sweepJson),
                field("p", IntegerType, false), field("m0", DoubleType, false),
                field("update", StringType, false), field("init", StringType, false),
                field("trial", IntegerType, false), field("pattern_set", IntegerType, false),
                field("seed", LongType, false), field("pattern_seed", LongType, false),
                field("thermal_seed", LongType, true),
                field("steps", IntegerType, false), field("m", DOUBLES, false), field("flips", DOUBLES, false),
                field("convergence_time", IntegerType, true), field("cycle", BooleanType, false),
                field("censored", BooleanType, false), field("final_m", DoubleType, false),
                field("retrieved", BooleanType, false), field("max_m", DoubleType, false),
                field("max_m_time", IntegerType, false)});
    }

    /** theory/: one row per (model, n, temperature, alpha, m0). */
    public static StructType theory(String sweepJson) {
        return new StructType(new StructField[]{
                field("model", StringType, false), field("n", IntegerType, false),
                field("temperature", DoubleType, false), alpha(sweepJson), field("m0", DoubleType, false),
                field("steps", IntegerType, false), field("paths", IntegerType, false), field("seed", LongType, false),
                field("m", DOUBLES, false), field("c_prev", DOUBLES, false), field("flips", DOUBLES, false),
                field("convergence_time", IntegerType, true), field("final_m", DoubleType, false),
                field("retrieved", BooleanType, false), field("max_m", DoubleType, false),
                field("max_m_time", IntegerType, false)});
    }

    /**
     * grid/: one row per grid point (model, n, neurons, temperature, alpha, m0), and one per planned run of a boundary
     * search's round (round and first_trial set; a point a search visits in several rounds has a row for each).
     */
    public static StructType grid(String sweepJson) {
        return new StructType(new StructField[]{
                field("model", StringType, false), field("n", IntegerType, false), field("neurons", IntegerType, false),
                field("temperature", DoubleType, false), alpha(sweepJson),
                field("p", IntegerType, false), field("m0", DoubleType, false),
                field("trials", IntegerType, false), field("pattern_sets", IntegerType, false),
                field("successes", IntegerType, false),
                field("success_fraction", DoubleType, false), field("success_lo", DoubleType, false),
                field("success_hi", DoubleType, false), field("design_effect", DoubleType, false),
                field("effective_trials", DoubleType, false), field("conv_time_mean", DoubleType, true),
                field("conv_time_se", DoubleType, true),
                field("conv_time_median", DoubleType, true), field("conv_time_median_lo", DoubleType, true),
                field("conv_time_median_hi", DoubleType, true), field("conv_time_q1", DoubleType, true),
                field("conv_time_q3", DoubleType, true), field("censored", IntegerType, false),
                field("cycles", IntegerType, false), field("mean_m", DOUBLES, false), field("se_m", DOUBLES, true),
                field("sd_m", DOUBLES, false), field("set_trials", INTS, false), field("set_successes", INTS, false),
                field("max_m_mean", DoubleType, false), field("max_m_lo", DoubleType, true),
                field("max_m_hi", DoubleType, true), field("max_m_time_mean", DoubleType, false),
                field("max_m_time_lo", DoubleType, true), field("max_m_time_hi", DoubleType, true),
                field("theory_m", DOUBLES, true), field("theory_convergence_time", IntegerType, true),
                field("theory_final_m", DoubleType, true), field("theory_retrieved", BooleanType, true),
                field("theory_max_m", DoubleType, true), field("theory_max_m_time", IntegerType, true),
                field("round", IntegerType, true), field("first_trial", IntegerType, true)});
    }

    /**
     * basins/: one row per load (model, n, neurons, temperature, alpha) of the grid and per boundary search (search m0:
     * its load; search alpha: alpha NaN, the capacity in alpha_c).
     */
    public static StructType basins(String sweepJson) {
        return new StructType(new StructField[]{
                field("model", StringType, false), field("n", IntegerType, false), field("neurons", IntegerType, false),
                field("temperature", DoubleType, false), alpha(sweepJson),
                field("m0c", DoubleType, true), field("m0c_lo", DoubleType, true), field("m0c_hi", DoubleType, true),
                field("method", StringType, false), field("theory_m0c", DoubleType, true),
                field("theory_m0c_lo", DoubleType, true), field("theory_m0c_hi", DoubleType, true),
                field("m0_points", IntegerType, false), field("pattern_sets", IntegerType, false),
                field("trials", IntegerType, false), field("search", StringType, true), field("stop", StringType, true),
                field("rounds", IntegerType, true), field("alpha_c", DoubleType, true),
                field("alpha_c_lo", DoubleType, true), field("alpha_c_hi", DoubleType, true)});
    }

    /** The trials/ row of one trial at grid point g, with its measures. */
    public static Row trialRow(GridPoint g, TrialSettings s, TrialResult r, TrialMeasures m) {
        int set = r.trial() / s.statesPerPatternSet();
        int tau = m.convergenceTime();
        return RowFactory.create(g.model().key(), g.n(), g.neurons(), g.temperature(), g.alpha(), g.p(), g.m0(),
                s.update().key(), s.init().key(), r.trial(), set, r.initialStateSeed(), r.patternSetSeed(),
                g.temperature() > 0 ? r.thermalSeed() : null, r.steps(), r.overlap(), r.flips(),
                tau >= 0 ? tau : null, r.cycle(), m.censored(), r.finalOverlap(), m.retrieved(), m.peak().value(),
                m.peak().time());
    }

    /** The theory/ row of one solved (model, n, temperature, alpha, m0), with its summary t. */
    public static Row theoryRow(TheoryKey k, TheoryResult r, TheorySummary t) {
        return RowFactory.create(k.model().key(), k.n(), k.temperature(), k.alpha(), k.m0(), r.steps(), r.paths(),
                r.seed(), r.overlap(), r.previousCorrelation(), r.flips(),
                t.convergenceTime() >= 0 ? t.convergenceTime() : null, t.finalM(), t.retrieved(), t.peak().value(),
                t.peak().time());
    }

    /** The grid/ row of one grid point; theory may be null (theory off). */
    public static Row gridRow(PointSummary s, TheorySummary theory) {
        return gridRow(s, theory, null, 0);
    }

    /** The grid/ row of one planned run of a boundary search's round (no theory), its trials from firstTrial. */
    public static Row roundRow(PointSummary s, int round, int firstTrial) {
        return gridRow(s, null, round, firstTrial);
    }

    private static Row gridRow(PointSummary s, TheorySummary theory, Integer round, int firstTrial) {
        GridPoint g = s.point();
        ClusteredProportion ci = s.success();
        ClusterMean peak = s.peak().value();
        ClusterMean peakTime = s.peak().time();
        return RowFactory.create(g.model().key(), g.n(), g.neurons(), g.temperature(), g.alpha(), g.p(), g.m0(),
                s.trials(), s.sets(), s.successes(),
                ci.fraction(), ci.lower(), ci.upper(), ci.designEffect(), ci.effectiveTrials(),
                orNull(s.convTimeMean()), orNull(s.convTimeSe()),
                orNull(s.convTimeMedian()), orNull(s.convTimeMedianLo()), orNull(s.convTimeMedianHi()),
                orNull(s.convTimeQ1()), orNull(s.convTimeQ3()),
                s.censored(), s.cycles(), s.meanM(), s.seM(), s.sdM(), s.setTrials(), s.setSuccesses(),
                peak.mean(), orNull(peak.lower95()), orNull(peak.upper95()),
                peakTime.mean(), orNull(peakTime.lower95()), orNull(peakTime.upper95()),
                theory == null ? null : theory.m(),
                theory == null || theory.convergenceTime() < 0 ? null : theory.convergenceTime(),
                theory == null ? null : theory.finalM(), theory == null ? null : theory.retrieved(),
                theory == null ? null : theory.peak().value(), theory == null ? null : theory.peak().time(),
                round, firstTrial);
    }

    /**
     * The basins/ row of one load; either boundary may be null. sets: the pattern sets the simulated interval rests on
     * (shared by every m0 of the scan); trials: the trials of the scan summed over m0.
     */
    public static Row basinRow(GridPoint.Load l, BasinBoundary sim, BasinBoundary theory, int m0Points, int sets,
                               int trials) {
        return RowFactory.create(l.model().key(), l.n(), l.neurons(), l.temperature(), l.alpha(),
                orNull(sim == null ? Double.NaN : sim.m0c()),
                orNull(sim == null ? Double.NaN : sim.lower()), orNull(sim == null ? Double.NaN : sim.upper()),
                sim == null ? "none" : sim.method(), orNull(theory == null ? Double.NaN : theory.m0c()),
                orNull(theory == null ? Double.NaN : theory.lower()),
                orNull(theory == null ? Double.NaN : theory.upper()), m0Points, sets, trials, "grid", null, null, null,
                null, null);
    }

    /**
     * The basins/ row of one boundary search: where it stopped, with its 95% interval (m0c for a search in m0, alpha_c
     * for one in alpha, whose alpha is NaN), why, after how many rounds, trials and pattern sets; theory may be null.
     */
    public static Row searchRow(BoundaryLoad b, BoundaryStop stop, BasinBoundary theory, int points) {
        Double centre = orNull(stop.centre());
        Double lower = orNull(stop.lower());
        Double upper = orNull(stop.upper());
        boolean m0 = b.inM0();
        return RowFactory.create(b.model().key(), b.n(), b.neurons(), b.temperature(), m0 ? b.fixed() : Double.NaN,
                m0 ? centre : null, m0 ? lower : null, m0 ? upper : null, stop.method(),
                orNull(theory == null ? Double.NaN : theory.m0c()), orNull(theory == null ? Double.NaN : theory.lower()),
                orNull(theory == null ? Double.NaN : theory.upper()), points, stop.sets(), stop.trials(),
                m0 ? "m0" : "alpha", stop.reason().label(), stop.rounds(), m0 ? null : centre, m0 ? null : lower,
                m0 ? null : upper);
    }

    /** The int array in column i of a row (Parquet gives a list of boxed values). */
    public static int[] ints(Row row, int i) {
        List<Object> list = row.getList(i);
        int[] a = new int[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = ((Number) list.get(k)).intValue();
        }
        return a;
    }

    /** The theory summary stored in a theory/ row (for grid points whose theory an earlier batch solved). */
    public static TheorySummary theorySummary(Row row) {
        List<Double> m = row.getList(row.fieldIndex("m"));
        double[] arr = new double[m.size()];
        for (int i = 0; i < arr.length; i++) {
            arr[i] = m.get(i);
        }
        int ct = row.fieldIndex("convergence_time");
        return new TheorySummary(arr, row.isNullAt(ct) ? -1 : row.getInt(ct), row.getDouble(row.fieldIndex("final_m")),
                row.getBoolean(row.fieldIndex("retrieved")),
                new OverlapPeak(row.getDouble(row.fieldIndex("max_m")), row.getInt(row.fieldIndex("max_m_time"))));
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static StructField alpha(String sweepJson) {
        Metadata md = sweepJson == null ? Metadata.empty()
                : new MetadataBuilder().putString(SWEEP_METADATA_KEY, sweepJson).build();
        return DataTypes.createStructField("alpha", DoubleType, false, md);
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
