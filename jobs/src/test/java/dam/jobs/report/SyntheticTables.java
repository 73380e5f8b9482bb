package dam.jobs.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Schema-conforming synthetic tables (docs/tables.md) for testing the report without the sweep: m(t) relaxes
 * from m0 towards 1 above a boundary m0_c(alpha) = 0.3 + 2 alpha and towards 0 below it, with noise.
 */
final class SyntheticTables {

    static final int[] NS = {2, 3};
    static final int BIG_N = 200;
    static final double[] ALPHAS = {0.05, 0.1};
    static final double[] M0S = {0.1, 0.3, 0.5, 0.7, 0.9};
    static final int TRIALS = 4;
    static final int STEPS = 12;

    private SyntheticTables() {
    }

    static double boundary(double alpha) {
        return 0.3 + 2 * alpha;
    }

    /** Writes trials/, theory/, phase_diagram/ and capacity/ under dir, plain Parquet with n a column like the sweep's. */
    static void write(SparkSession spark, Path dir) {
        List<Row> trials = new ArrayList<>();
        List<Row> theory = new ArrayList<>();
        List<Row> phase = new ArrayList<>();
        List<Row> capacity = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        for (int n : NS) {
            for (double alpha : ALPHAS) {
                long p = Math.round(alpha * Math.pow(BIG_N, n - 1));
                for (double m0 : M0S) {
                    for (int trial = 0; trial < TRIALS; trial++) {
                        double[] m = relax(m0, alpha, random, 0.05);
                        trials.add(trialRow(n, alpha, p, m0, trial, m));
                    }
                    double[] mt = relax(m0, alpha, random, 0);
                    theory.add(RowFactory.create(n, alpha, m0, STEPS, 1000, 5L, list(mt),
                            list(constant(STEPS, 0.99)), list(flips(mt)), convergence(flips(mt)), mt[STEPS],
                            mt[STEPS] >= 0.5));
                }
                phase.add(RowFactory.create(n, "simulation", BIG_N, alpha, boundary(alpha) + 0.02,
                        boundary(alpha) - 0.03, boundary(alpha) + 0.06));
            }
            for (double alpha = 0.01; alpha < 0.3; alpha += 0.02) {
                double m0c = boundary(alpha);
                phase.add(RowFactory.create(n, "theory", null, alpha, m0c < 1 ? m0c : null,
                        m0c < 1 ? m0c - 0.001 : null, m0c < 1 ? m0c + 0.001 : null));
            }
            capacity.add(RowFactory.create(n, 0.35, 0.349, 0.351, STEPS, 1000));
        }
        write(spark, trials, trialSchema(), dir.resolve("trials"));
        write(spark, theory, theorySchema(), dir.resolve("theory"));
        write(spark, phase, phaseSchema(), dir.resolve("phase_diagram"));
        write(spark, capacity, capacitySchema(), dir.resolve("capacity"));
    }

    private static Row trialRow(int n, double alpha, long p, double m0, int trial, double[] m) {
        double[] f = flips(m);
        Integer tau = convergence(f);
        return RowFactory.create(n, BIG_N, alpha, (int) p, m0, "parallel", "exact", trial, trial / 2,
                1000L + trial, 77L, STEPS, list(m), list(f), tau, false, tau == null, m[STEPS], m[STEPS] >= 0.5);
    }

    private static double[] relax(double m0, double alpha, SplittableRandom random, double noise) {
        double target = m0 >= boundary(alpha) ? 1 - alpha : 0.05;
        double[] m = new double[STEPS + 1];
        for (int t = 0; t <= STEPS; t++) {
            m[t] = target + (m0 - target) * Math.exp(-t / 2.5) + (t > 0 ? noise * (random.nextDouble() - 0.5) : 0);
        }
        return m;
    }

    /** A stand-in flip fraction: |m(t+1) - m(t)| / 2, zeroed once it is tiny so runs "converge". */
    private static double[] flips(double[] m) {
        double[] f = new double[m.length - 1];
        for (int t = 0; t < f.length; t++) {
            double d = Math.abs(m[t + 1] - m[t]) / 2;
            f[t] = d < 0.01 ? 0 : d;
        }
        return f;
    }

    private static Integer convergence(double[] flips) {
        for (int t = 0; t < flips.length; t++) {
            if (flips[t] == 0) {
                return t;
            }
        }
        return null;
    }

    private static double[] constant(int length, double value) {
        double[] a = new double[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static List<Double> list(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double x : a) {
            l.add(x);
        }
        return l;
    }

    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path table) {
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(table.toString());
    }

    private static StructType trialSchema() {
        return new StructType().add("n", DataTypes.IntegerType, false)
                .add("neurons", DataTypes.IntegerType, false).add("alpha", DataTypes.DoubleType, false)
                .add("p", DataTypes.IntegerType, false).add("m0", DataTypes.DoubleType, false)
                .add("update", DataTypes.StringType, false).add("init", DataTypes.StringType, false)
                .add("trial", DataTypes.IntegerType, false).add("pattern_set", DataTypes.IntegerType, false)
                .add("seed", DataTypes.LongType, false).add("pattern_seed", DataTypes.LongType, false)
                .add("steps", DataTypes.IntegerType, false)
                .add("m", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("flips", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("convergence_time", DataTypes.IntegerType, true)
                .add("cycle", DataTypes.BooleanType, false).add("censored", DataTypes.BooleanType, false)
                .add("final_m", DataTypes.DoubleType, false).add("retrieved", DataTypes.BooleanType, false);
    }

    private static StructType theorySchema() {
        return new StructType().add("n", DataTypes.IntegerType, false)
                .add("alpha", DataTypes.DoubleType, false).add("m0", DataTypes.DoubleType, false)
                .add("steps", DataTypes.IntegerType, false).add("paths", DataTypes.IntegerType, false)
                .add("seed", DataTypes.LongType, false)
                .add("m", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("c_prev", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("flips", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("convergence_time", DataTypes.IntegerType, true)
                .add("final_m", DataTypes.DoubleType, false).add("retrieved", DataTypes.BooleanType, false);
    }

    private static StructType phaseSchema() {
        return new StructType().add("n", DataTypes.IntegerType, false)
                .add("source", DataTypes.StringType, false).add("neurons", DataTypes.IntegerType, true)
                .add("alpha", DataTypes.DoubleType, false).add("m0c", DataTypes.DoubleType, true)
                .add("m0c_lo", DataTypes.DoubleType, true).add("m0c_hi", DataTypes.DoubleType, true);
    }

    private static StructType capacitySchema() {
        return new StructType().add("n", DataTypes.IntegerType, false)
                .add("alpha_c", DataTypes.DoubleType, false).add("alpha_c_lo", DataTypes.DoubleType, false)
                .add("alpha_c_hi", DataTypes.DoubleType, false).add("steps", DataTypes.IntegerType, false)
                .add("paths", DataTypes.IntegerType, false);
    }
}
