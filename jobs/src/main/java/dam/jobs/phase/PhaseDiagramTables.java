package dam.jobs.phase;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.HorizonExtrapolation;

/** The schemas (docs/tables.md) and rows of phase_diagram/, capacity/ and finite_size/; NaN is stored as null. */
public final class PhaseDiagramTables {

    public static final String THEORY = "theory";
    public static final String SIMULATION = "simulation";

    private PhaseDiagramTables() {
    }

    /**
     * phase_diagram/: one row per (n, source, neurons, alpha, steps); neurons is null for theory, and steps is null
     * on a theory load's extrapolated (T -&gt; infinity) row.
     */
    public static StructType phaseDiagram() {
        return new StructType()
                .add("n", IntegerType, false).add("source", StringType, false).add("neurons", IntegerType, true)
                .add("alpha", DoubleType, false).add("m0c", DoubleType, true)
                .add("m0c_lo", DoubleType, true).add("m0c_hi", DoubleType, true)
                .add("steps", IntegerType, true);
    }

    /**
     * capacity/: one row per (n, steps) of the horizon ladder, and per n one extrapolated row (steps null,
     * extrapolated true) with the T -&gt; infinity limit and its fit.
     */
    public static StructType capacity() {
        return new StructType()
                .add("n", IntegerType, false).add("alpha_c", DoubleType, true)
                .add("alpha_c_lo", DoubleType, true).add("alpha_c_hi", DoubleType, true)
                .add("steps", IntegerType, true).add("paths", IntegerType, false)
                .add("seeds", IntegerType, false).add("alpha_c_se", DoubleType, true)
                .add("violations", IntegerType, true).add("extrapolated", BooleanType, false)
                .add("exponent", DoubleType, true).add("slope", DoubleType, true)
                .add("chi2", DoubleType, true).add("dof", IntegerType, true);
    }

    /**
     * finite_size/: one row per (n, quantity, alpha); alpha is null for alpha_c. The network sizes are column
     * neurons (an array here: the sizes of the estimates) and fit_neurons (those the fit used).
     */
    public static StructType finiteSize() {
        org.apache.spark.sql.types.DataType doubles = DataTypes.createArrayType(DoubleType, true);
        return new StructType()
                .add("n", IntegerType, false).add("quantity", StringType, false).add("alpha", DoubleType, true)
                .add("steps", IntegerType, false)
                .add("neurons", DataTypes.createArrayType(IntegerType, false), false)
                .add("estimates", doubles, false).add("estimates_lo", doubles, false).add("estimates_hi", doubles, false)
                .add("form", StringType, true).add("fit_neurons", DataTypes.createArrayType(IntegerType, false), true)
                .add("residuals", doubles, true)
                .add("limit", DoubleType, true).add("limit_lo", DoubleType, true).add("limit_hi", DoubleType, true)
                .add("slope", DoubleType, true).add("chi2", DoubleType, true).add("dof", IntegerType, true)
                .add("exponent_free", DoubleType, true).add("exponent_free_lo", DoubleType, true)
                .add("exponent_free_hi", DoubleType, true).add("theory", DoubleType, true);
    }

    /**
     * The finite_size/ row of one quantity: estimates (NaN stored as null) with their intervals by network size
     * (neurons, ascending), and the fit (null: fewer than three usable sizes); theory may be null.
     */
    public static Row finiteSizeRow(int n, String quantity, Double alpha, int[] neurons, double[] estimates,
                                    double[] lower, double[] upper, dam.core.analysis.FiniteSizeFit fit, Double theory,
                                    int steps) {
        return RowFactory.create(n, quantity, alpha, steps, boxed(neurons), boxed(estimates), boxed(lower), boxed(upper),
                fit == null ? null : fit.form(), fit == null ? null : boxed(fit.sizes()),
                fit == null ? null : boxed(fit.residuals()), fit == null ? null : orNull(fit.limit()),
                fit == null ? null : orNull(fit.limitLower()), fit == null ? null : orNull(fit.limitUpper()),
                fit == null ? null : orNull(fit.slope()), fit == null ? null : orNull(fit.chi2()),
                fit == null ? null : fit.dof(), fit == null ? null : orNull(fit.freeExponent()),
                fit == null ? null : orNull(fit.freeLower()), fit == null ? null : orNull(fit.freeUpper()),
                theory == null ? null : orNull(theory));
    }

    private static Integer[] boxed(int[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Integer[]::new);
    }

    private static Double[] boxed(double[] a) {
        return java.util.Arrays.stream(a).mapToObj(PhaseDiagramTables::orNull).toArray(Double[]::new);
    }

    /** The theory row of (n, alpha) at horizon steps from its bisection result. */
    public static Row theoryRow(int n, double alpha, int steps, BasinBoundary b) {
        return RowFactory.create(n, THEORY, null, alpha, orNull(b.m0c()), orNull(b.lower()), orNull(b.upper()), steps);
    }

    /**
     * The extrapolated theory row of (n, alpha): m0_c's T -&gt; infinity limit with its 95% profile interval clipped to
     * [0, 1], the range of m0 (an end the data do not bound is 0 or 1), steps null.
     */
    public static Row extrapolatedTheoryRow(int n, double alpha, HorizonExtrapolation fit) {
        double lower = Double.isNaN(fit.lower()) ? 0 : Math.max(0, fit.lower());
        double upper = Double.isNaN(fit.upper()) ? 1 : Math.min(1, fit.upper());
        return RowFactory.create(n, THEORY, null, alpha, fit.limit(), lower, upper, null);
    }

    /** A simulation row of (n, neurons, alpha) at the sweep's steps; the boundary values may be null. */
    public static Row simulationRow(int n, int neurons, double alpha, Double m0c, Double lower, Double upper, int steps) {
        return RowFactory.create(n, SIMULATION, neurons, alpha, m0c, lower, upper, steps);
    }

    /** The capacity row of (n, T). */
    public static Row capacityRow(TheoryPhaseDiagram.HorizonCapacity c, int paths, int seeds) {
        return RowFactory.create(c.n(), orNull(c.alphaC()), orNull(c.lower()), orNull(c.upper()), c.steps(), paths, seeds,
                orNull(c.se()), c.violations(), false, null, null, null, null);
    }

    /** The extrapolated capacity row of n: the T -&gt; infinity limit with its 95% interval and the fit. */
    public static Row extrapolatedRow(int n, HorizonExtrapolation fit, int paths, int seeds) {
        return RowFactory.create(n, orNull(fit.limit()), orNull(fit.lower()), orNull(fit.upper()), null, paths, seeds,
                null, null, true, fit.exponent(), fit.slope(), fit.chi2(), fit.dof());
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
