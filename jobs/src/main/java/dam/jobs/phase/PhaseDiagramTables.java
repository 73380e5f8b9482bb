package dam.jobs.phase;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.HorizonExtrapolation;
import dam.core.analysis.LadderBisection;
import dam.core.model.MemoryModel;
import dam.core.theory.StationaryState;
import java.util.Optional;

/**
 * The schemas (docs/tables.md) and rows of phase_diagram/, capacity/, critical_temperature/ and finite_size/; NaN is
 * stored as null. Every row names its model and temperature (critical_temperature/: its load instead).
 */
public final class PhaseDiagramTables {

    public static final String THEORY = "theory";
    public static final String SIMULATION = "simulation";

    /** capacity/ and critical_temperature/ method: a bisection judged at one horizon T of the ladder. */
    public static final String LADDER = "ladder";
    /** capacity/ and critical_temperature/ method: the ladder's T -&gt; infinity extrapolation. */
    public static final String EXTRAPOLATED = "extrapolated";
    /** capacity/ and critical_temperature/ method: the stationary state solved directly (core StationaryState). */
    public static final String STATIONARY = "stationary";

    private static final StructType PHASE_DIAGRAM = phaseDiagram();
    private static final StructType CAPACITY = capacity();
    private static final StructType CRITICAL_TEMPERATURE = criticalTemperature();
    private static final StructType FINITE_SIZE = finiteSize();

    private PhaseDiagramTables() {
    }

    /**
     * phase_diagram/: one row per (model, n, temperature, source, neurons, alpha, steps); neurons is null for theory,
     * and steps is null on a theory load's extrapolated (T -&gt; infinity) row.
     */
    public static StructType phaseDiagram() {
        return new StructType()
                .add("model", StringType, false).add("n", IntegerType, false).add("temperature", DoubleType, false)
                .add("source", StringType, false).add("neurons", IntegerType, true)
                .add("alpha", DoubleType, false).add("m0c", DoubleType, true)
                .add("m0c_lo", DoubleType, true).add("m0c_hi", DoubleType, true)
                .add("steps", IntegerType, true);
    }

    /**
     * capacity/: per (model, n, temperature), one row per horizon of the ladder (method ladder), one with the
     * T -&gt; infinity limit and its fit (method extrapolated, steps null) and one with the stationary state's alpha_c
     * (method stationary, steps, paths and seeds null, m_c the overlap at alpha_c).
     */
    public static StructType capacity() {
        return new StructType()
                .add("model", StringType, false).add("n", IntegerType, false).add("temperature", DoubleType, false)
                .add("method", StringType, false).add("alpha_c", DoubleType, true)
                .add("alpha_c_lo", DoubleType, true).add("alpha_c_hi", DoubleType, true)
                .add("steps", IntegerType, true).add("paths", IntegerType, true)
                .add("seeds", IntegerType, true).add("alpha_c_se", DoubleType, true)
                .add("violations", IntegerType, true)
                .add("exponent", DoubleType, true).add("slope", DoubleType, true)
                .add("chi2", DoubleType, true).add("dof", IntegerType, true).add("m_c", DoubleType, true);
    }

    /**
     * critical_temperature/: per (model, n, alpha),
             the highest temperature at which the dynamics from m0 = 1 retrieves:
     * one row per horizon of the ladder (method ladder), the T -&gt; infinity limit (method extrapolated, steps null)
     * and the stationary state's (method stationary).
     */
    public static StructType criticalTemperature() {
        return new StructType()
                .add("model", StringType, false).add("n", IntegerType, false).add("alpha", DoubleType, false)
                .add("method", StringType, false).add("temperature_c", DoubleType, true)
                .add("temperature_c_lo", DoubleType, true).add("temperature_c_hi", DoubleType, true)
                .add("steps", IntegerType, true).add("paths", IntegerType, true)
                .add("violations", IntegerType, true)
                .add("exponent", DoubleType, true).add("slope", DoubleType, true)
                .add("chi2", DoubleType, true).add("dof", IntegerType, true);
    }

    /**
     * finite_size/: one row per (model, n, temperature, quantity, alpha); alpha is null for alpha_c. The network sizes
     * are column neurons (an array here: the sizes of the estimates) and fit_neurons (those the fit used).
     */
    public static StructType finiteSize() {
        org.apache.spark.sql.types.DataType doubles = DataTypes.createArrayType(DoubleType, true);
        return new StructType()
                .add("model", StringType, false).add("n", IntegerType, false).add("temperature", DoubleType, false)
                .add("quantity", StringType, false).add("alpha", DoubleType, true)
                .add("steps", IntegerType, false)
                .add("neurons", DataTypes.createArrayType(IntegerType, false), false)
                .add("estimates", doubles, false).add("estimates_lo", doubles, false).add("estimates_hi", doubles,
                        false)
                .add("form", StringType, true).add("fit_neurons", DataTypes.createArrayType(IntegerType, false), true)
                .add("residuals", doubles, true)
                .add("limit", DoubleType, true).add("limit_lo", DoubleType, true).add("limit_hi", DoubleType, true)
                .add("slope", DoubleType, true).add("chi2", DoubleType, true).add("dof", IntegerType, true)
                .add("exponent_free", DoubleType, true).add("exponent_free_lo", DoubleType, true)
                .add("exponent_free_hi", DoubleType, true).add("theory", DoubleType, true);
    }

    /**
     * The finite_size/ row of one quantity of a diagram: estimates (NaN stored as null) with their intervals by network
     * size (neurons, ascending), and the fit (null: fewer than three usable sizes); theory may be null.
     */
    public static Row finiteSizeRow(Diagram d, String quantity, Double alpha, int[] neurons, double[] estimates,
                                    double[] lower, double[] upper, dam.core.analysis.FiniteSizeFit fit, Double theory,
                                    int steps) {
        return withSchema(FINITE_SIZE, d.model().key(), d.n(), d.temperature(), quantity, alpha, steps,
                boxed(neurons), boxed(estimates), boxed(lower), boxed(upper), fit == null ? null : fit.form(),
                fit == null ? null : boxed(fit.sizes()), fit == null ? null : boxed(fit.residuals()),
                fit == null ? null : orNull(fit.limit()), fit == null ? null : orNull(fit.limitLower()),
                fit == null ? null : orNull(fit.limitUpper()), fit == null ? null : orNull(fit.slope()),
                fit == null ? null : orNull(fit.chi2()), fit == null ? null : fit.dof(),
                fit == null ? null : orNull(fit.freeExponent()), fit == null ? null : orNull(fit.freeLower()),
                fit == null ? null : orNull(fit.freeUpper()), theory == null ? null : orNull(theory));
    }

    private static Integer[] boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Integer[]::new);
    }

    private static Double[] boxed(double[] a) {
        return java.util.Arrays.stream(a).mapToObj(PhaseDiagramTables::orNull).toArray(Double[]::new);
    }

    /** The theory row of a diagram's load alpha at horizon steps from its bisection result. */
    public static Row theoryRow(Diagram d, double alpha, int steps, BasinBoundary b) {
        return withSchema(PHASE_DIAGRAM, d.model().key(), d.n(), d.temperature(), THEORY, null, alpha,
                orNull(b.m0c()), orNull(b.lower()), orNull(b.upper()), steps);
    }

    /**
     * The extrapolated theory row of a diagram's load alpha: m0_c's T -&gt; infinity limit with its 95% profile interval
     * clipped to [0, 1], the range of m0 (an end the data do not bound is 0 or 1), steps null.
     */
    public static Row extrapolatedTheoryRow(Diagram d, double alpha, HorizonExtrapolation fit) {
        double lower = Double.isNaN(fit.lower()) ? 0 : Math.max(0, fit.lower());
        double upper = Double.isNaN(fit.upper()) ? 1 : Math.min(1, fit.upper());
        return withSchema(PHASE_DIAGRAM, d.model().key(), d.n(), d.temperature(), THEORY, null, alpha, fit.limit(),
                lower, upper, null);
    }

    /** A simulation row of a diagram at (neurons, alpha) and the sweep's steps; the boundary values may be null. */
    public static Row simulationRow(Diagram d, int neurons, double alpha, Double m0c, Double lower, Double upper,
                                    int steps) {
        return withSchema(PHASE_DIAGRAM, d.model().key(), d.n(), d.temperature(), SIMULATION, neurons, alpha, m0c,
                lower, upper, steps);
    }

    /** The capacity/ row of a diagram at one horizon T of the ladder. */
    public static Row capacityRow(TheoryPhaseDiagram.HorizonCapacity c, int paths, int seeds) {
        Diagram d = c.diagram();
        return withSchema(CAPACITY, d.model().key(), d.n(), d.temperature(), LADDER, orNull(c.alphaC()),
                orNull(c.lower()), orNull(c.upper()), c.steps(), paths, seeds, orNull(c.se()), c.violations(), null,
                null, null, null, null);
    }

    /** The extrapolated capacity/ row of a diagram: the T -&gt; infinity limit with its 95% interval and the fit. */
    public static Row extrapolatedRow(Diagram d, HorizonExtrapolation fit, int paths, int seeds) {
        return withSchema(CAPACITY, d.model().key(), d.n(), d.temperature(), EXTRAPOLATED, orNull(fit.limit()),
                orNull(fit.lower()), orNull(fit.upper()), null, paths, seeds, null, null, fit.exponent(), fit.slope(),
                fit.chi2(), fit.dof(), null);
    }

    /**
     * The stationary capacity/ row of a diagram: the saddle-node alpha_c of the stationary retrieval state and the
     * overlap there (core StationaryState.criticalLoad; exact to the solver's tolerance, so its interval is the point),
     * or nulls where the diagram's temperature has no retrieval state at any load.
     */
    public static Row stationaryRow(Diagram d, Optional<StationaryState> fold) {
        Double alphaC = fold.map(StationaryState::alpha).orElse(null);
        return withSchema(CAPACITY, d.model().key(), d.n(), d.temperature(), STATIONARY, alphaC, alphaC, alphaC, null,
                null, null, null, null, null, null, null, null, fold.map(StationaryState::m).orElse(null));
    }

    /** The critical_temperature/ row of (model, n, alpha) at one horizon T of the ladder, from its bracket. */
    public static Row criticalTemperatureRow(MemoryModel model, int n, double alpha, LadderBisection.Bracket b,
                                             int paths) {
        return withSchema(CRITICAL_TEMPERATURE, model.key(), n, alpha, LADDER, orNull(b.estimate()),
                orNull(b.lower()), orNull(b.upper()), b.steps(), paths, b.violations(), null, null, null, null);
    }

    /** The extrapolated critical_temperature/ row of (model, n, alpha): the T -&gt; infinity limit and its fit. */
    public static Row extrapolatedCriticalTemperatureRow(MemoryModel model, int n, double alpha,
                                                         HorizonExtrapolation fit, int paths) {
        return withSchema(CRITICAL_TEMPERATURE, model.key(), n, alpha, EXTRAPOLATED, orNull(fit.limit()),
                orNull(fit.lower()), orNull(fit.upper()), null, paths, null, fit.exponent(), fit.slope(), fit.chi2(),
                fit.dof());
    }

    /**
     * The stationary critical_temperature/ row of (model, n, alpha): the temperature at which the stationary retrieval
     * state disappears at this load, or null where there is none even at temperature 0.
     */
    public static Row stationaryCriticalTemperatureRow(MemoryModel model, int n, double alpha, Double temperatureC) {
        return withSchema(CRITICAL_TEMPERATURE, model.key(), n, alpha, STATIONARY, temperatureC, temperatureC,
                temperatureC, null, null, null, null, null, null, null);
    }

    /** A row of the schema, so that its fields can be read by name as those read back from the table are. */
    private static Row withSchema(StructType schema, Object... values) {
        return new GenericRowWithSchema(values, schema);
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
