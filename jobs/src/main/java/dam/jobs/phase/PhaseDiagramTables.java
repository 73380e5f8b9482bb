package dam.jobs.phase;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.Capacity;

/** The schemas (schema.md) and rows of phase_diagram/ and capacity/; NaN is stored as null. */
public final class PhaseDiagramTables {

    public static final String THEORY = "theory";
    public static final String SIMULATION = "simulation";

    private PhaseDiagramTables() {
    }

    /** phase_diagram/: one row per (n, source, neurons, alpha); neurons is null for theory. */
    public static StructType phaseDiagram() {
        return new StructType()
                .add("n", IntegerType, false).add("source", StringType, false).add("neurons", IntegerType, true)
                .add("alpha", DoubleType, false).add("m0c", DoubleType, true)
                .add("m0c_lo", DoubleType, true).add("m0c_hi", DoubleType, true);
    }

    /** capacity/: one row per n. */
    public static StructType capacity() {
        return new StructType()
                .add("n", IntegerType, false).add("alpha_c", DoubleType, true)
                .add("alpha_c_lo", DoubleType, true).add("alpha_c_hi", DoubleType, true)
                .add("steps", IntegerType, false).add("paths", IntegerType, false);
    }

    /** The theory row of (n, alpha) from its bisection result. */
    public static Row theoryRow(int n, double alpha, BasinBoundary b) {
        return RowFactory.create(n, THEORY, null, alpha, orNull(b.m0c()), orNull(b.lower()), orNull(b.upper()));
    }

    /** A simulation row of (n, neurons, alpha); the boundary values may be null. */
    public static Row simulationRow(int n, int neurons, double alpha, Double m0c, Double lower, Double upper) {
        return RowFactory.create(n, SIMULATION, neurons, alpha, m0c, lower, upper);
    }

    /** The capacity row of n. */
    public static Row capacityRow(Capacity c, int steps, int paths) {
        return RowFactory.create(c.n(), orNull(c.alphaC()), orNull(c.lower()), orNull(c.upper()), steps, paths);
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
