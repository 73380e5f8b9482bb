package dam.jobs.phase;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.Capacity;
import dam.core.analysis.TheoryRetrieval;

/**
 * The theory's phase diagram on Spark: alpha_c(n) (one task per n), then the basin boundary
 * m0_c(alpha) on a grid of loads relative to alpha_c (one task per (n, alpha)). Every number comes
 * from {@link TheoryRetrieval}; this class only spreads the work.
 *
 * @param steps        the step limit T at which retrieval is judged
 * @param paths        paths M of the effective process
 * @param seed         the seed of the paths (common to every evaluation)
 * @param mSuccess     retrieval threshold on m(T)
 * @param basinTol     tolerance in m0 of each basin-boundary bisection
 * @param capacityTol  relative tolerance of alpha_c
 * @param alphaPoints  loads per n on the grid alpha_c k / alphaPoints, k = 1..alphaPoints
 */
public record TheoryPhaseDiagram(int steps, int paths, long seed, double mSuccess, double basinTol,
                                 double capacityTol, int alphaPoints) implements Serializable {

    /** Where the search for alpha_c starts; doubling or halving finds the bracket from there. */
    static final double CAPACITY_START = 0.1;

    /** Validates the settings (TheoryRetrieval checks the rest). */
    public TheoryPhaseDiagram {
        if (!(basinTol > 0 && basinTol < 1)) {
            throw new IllegalArgumentException("basinTol: must lie in (0, 1), got " + basinTol);
        }
        if (!(capacityTol > 0 && capacityTol < 1)) {
            throw new IllegalArgumentException("capacityTol: must lie in (0, 1), got " + capacityTol);
        }
        if (alphaPoints < 1) {
            throw new IllegalArgumentException("alphaPoints: must be >= 1, got " + alphaPoints);
        }
        new TheoryRetrieval(2, steps, paths, seed, mSuccess);
    }

    /** alpha_c for every n, one Spark task each, in the order of ns. */
    public List<Capacity> capacities(SparkSession spark, List<Integer> ns) {
        StructType in = new StructType().add("n", DataTypes.IntegerType, false);
        StructType out = new StructType().add("n", DataTypes.IntegerType, false)
                .add("alpha_c", DataTypes.DoubleType, false).add("lo", DataTypes.DoubleType, false)
                .add("hi", DataTypes.DoubleType, false);
        List<Row> tasks = new ArrayList<>();
        ns.forEach(n -> tasks.add(RowFactory.create(n)));
        TheoryPhaseDiagram settings = this;
        List<Row> rows = spark.createDataFrame(tasks, in).repartition(tasks.size())
                .map((MapFunction<Row, Row>) r -> {
                    Capacity c = settings.retrieval(r.getInt(0)).searchCapacity(CAPACITY_START, settings.capacityTol);
                    return RowFactory.create(c.n(), c.alphaC(), c.lower(), c.upper());
                }, Encoders.row(out))
                .collectAsList();
        List<Capacity> capacities = new ArrayList<>();
        for (int n : ns) {
            for (Row r : rows) {
                if (r.getInt(0) == n) {
                    capacities.add(new Capacity(n, r.getDouble(1), r.getDouble(2), r.getDouble(3)));
                }
            }
        }
        return capacities;
    }

    /**
     * The loads at which n's boundary is drawn: alpha_c k / alphaPoints for k = 1..alphaPoints (the last
     * one just below alpha_c, taken as the retrieving end of its bracket), plus the extra loads (e.g. the
     * sweep's, so that theory and simulation meet); only the extra loads if alpha_c was not found.
     */
    public List<Double> loads(Capacity c, List<Double> extra) {
        TreeSet<Double> loads = new TreeSet<>(extra);
        if (Double.isFinite(c.lower())) {
            for (int k = 1; k <= alphaPoints; k++) {
                loads.add(c.lower() * k / alphaPoints);
            }
        }
        return new ArrayList<>(loads);
    }

    /** The phase_diagram/ theory rows of every n and each of its loads, one Spark task per (n, alpha). */
    public List<Row> boundaries(SparkSession spark, Map<Integer, List<Double>> loadsByN) {
        StructType in = new StructType().add("n", DataTypes.IntegerType, false).add("alpha", DataTypes.DoubleType, false);
        List<Row> tasks = new ArrayList<>();
        loadsByN.forEach((n, loads) -> loads.forEach(alpha -> tasks.add(RowFactory.create(n, alpha))));
        if (tasks.isEmpty()) {
            return List.of();
        }
        TheoryPhaseDiagram settings = this;
        return spark.createDataFrame(tasks, in).repartition(tasks.size())
                .map((MapFunction<Row, Row>) r -> {
                    int n = r.getInt(0);
                    double alpha = r.getDouble(1);
                    BasinBoundary b = settings.retrieval(n).basinBoundary(alpha, settings.basinTol);
                    return PhaseDiagramTables.theoryRow(n, alpha, b);
                }, Encoders.row(PhaseDiagramTables.phaseDiagram()))
                .collectAsList();
    }

    /** The retrieval predicate of order n under these settings. */
    TheoryRetrieval retrieval(int n) {
        return new TheoryRetrieval(n, steps, paths, seed, mSuccess);
    }
}
