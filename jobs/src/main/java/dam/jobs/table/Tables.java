package dam.jobs.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schemas of the Parquet tables of a sweep (docs/tables.md); {@link TableRows} fills them,
 * {@link TableReaders} reads values back.
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

    private static StructField alpha(String sweepJson) {
        Metadata md = sweepJson == null ? Metadata.empty()
                : new MetadataBuilder().putString(SWEEP_METADATA_KEY, sweepJson).build();
        return DataTypes.createStructField("alpha", DoubleType, false, md);
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
