package dam.jobs.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dam.core.model.MemoryModel;
import dam.jobs.config.LoadConvention;
import dam.jobs.phase.PhaseDiagramTables;
import dam.jobs.table.Tables;

/**
 * Synthetic tables in the sweep's own schemas (dam.jobs.table.Tables, dam.jobs.phase.PhaseDiagramTables) for testing
 * the report without the sweep, at three conditions: the dense model at temperature 0 and at {@link #WARM}, and the
 * p-body model at temperature 0. m(t) relaxes from m0 towards 1 above a boundary m0_c = 0.3 + 2 L (L the normalised
 * load alpha P(1); the p-body model's boundary 0.05 higher, a warm one 0.1 higher) and towards 0 below it, with noise.
 * The loads are {@link #LOADS} in the normalised convention, so that both models have the same normalised loads.
 */
final class SyntheticTables {

    static final int[] NS = {2, 3};
    static final int BIG_N = 200;
    /** Normalised loads alpha P(1); raw alpha = L / P(1) of each model. */
    static final double[] LOADS = {0.15, 0.3};
    static final double[] M0S = {0.1, 0.3, 0.5, 0.7, 0.9};
    static final int TRIALS = 4;
    static final int STEPS = 12;
    static final int[] HORIZONS = {3, 6, 9, 12};
    static final double WARM = 0.5;
    /** (model, temperature) of every condition the tables hold. */
    static final List<Condition> CONDITIONS = List.of(new Condition(MemoryModel.DENSE, 0),
            new Condition(MemoryModel.DENSE, WARM), new Condition(MemoryModel.PBODY, 0));

    private SyntheticTables() {
    }

    /** The raw load of normalised load L of the model at order n. */
    static double alpha(MemoryModel model, int n, double load) {
        return LoadConvention.NORMALISED.toRaw(model, n, load);
    }

    static double boundary(Condition c, int n, double alpha) {
        return 0.3 + 2 * LoadConvention.NORMALISED.fromRaw(c.model(), n, alpha)
                + (c.model() == MemoryModel.PBODY ? 0.05 : 0) + 0.2 * c.temperature();
    }

    /**
     * Writes trials/, theory/, grid/, phase_diagram/, capacity/ and critical_temperature/ under dir, plain Parquet in
     * the sweep's schemas.
     */
    static void write(SparkSession spark, Path dir) {
        List<Row> trials = new ArrayList<>();
        List<Row> theory = new ArrayList<>();
        List<Row> grid = new ArrayList<>();
        List<Row> phase = new ArrayList<>();
        List<Row> capacity = new ArrayList<>();
        List<Row> critical = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        for (Condition c : CONDITIONS) {
            String model = c.model().key();
            double temperature = c.temperature();
            for (int n : NS) {
                for (double load : LOADS) {
                    double alpha = alpha(c.model(), n, load);
                    int p = (int) Math.round(alpha * Math.pow(BIG_N, n - 1));
                    double m0c = boundary(c, n, alpha);
                    for (double m0 : M0S) {
                        double[] peaks = new double[TRIALS];
                        List<Double> mean = constantList(STEPS + 1, 0);
                        for (int trial = 0; trial < TRIALS; trial++) {
                            double[] m = relax(m0, m0c, alpha, random, 0.05);
                            trials.add(trialRow(c, n, alpha, p, m0, trial, m));
                            peaks[trial] = max(m);
                            for (int t = 0; t <= STEPS; t++) {
                                mean.set(t, mean.get(t) + m[t] / TRIALS);
                            }
                        }
                        double[] mt = relax(m0, m0c, alpha, random, 0);
                        double[] f = flips(mt);
                        theory.add(RowFactory.create(model, n, temperature, alpha, m0, STEPS, 1000, 5L, list(mt),
                                constantList(STEPS, 0.99), list(f), convergence(f), mt[STEPS], mt[STEPS] >= 0.5, max(mt),
                                argmax(mt)));
                        grid.add(gridRow(c, n, alpha, p, m0, mean, peaks, mt));
                    }
                    phase.add(RowFactory.create(model, n, temperature, "simulation", BIG_N, alpha, m0c + 0.02, m0c - 0.03,
                            m0c + 0.06, STEPS));
                }
                for (double load = 0.01; load < 0.4; load += 0.02) {
                    double alpha = alpha(c.model(), n, load);
                    for (int steps : HORIZONS) {
                        double m0c = boundary(c, n, alpha) + 0.3 / steps;
                        phase.add(RowFactory.create(model, n, temperature, "theory", null, alpha, m0c < 1 ? m0c : null,
                                m0c < 1 ? m0c - 0.001 : null, m0c < 1 ? m0c + 0.001 : null, steps));
                    }
                    double limit = boundary(c, n, alpha);
                    if (limit < 1) {
                        phase.add(RowFactory.create(model, n, temperature, "theory", null, alpha, limit, limit - 0.01,
                                limit + 0.01, null));
                    }
                }
                double capacityLoad = 0.35 - 0.1 * temperature;
                for (int steps : HORIZONS) {
                    double alphaC = alpha(c.model(), n, capacityLoad + 0.6 / steps);
                    capacity.add(RowFactory.create(model, n, temperature, "ladder", alphaC, alphaC * 0.99, alphaC * 1.01,
                            steps, 1000, 2, alphaC * 0.004, 0, null, null, null, null, null));
                }
                double limit = alpha(c.model(), n, capacityLoad);
                capacity.add(RowFactory.create(model, n, temperature, "extrapolated", limit, limit * 0.97, limit * 1.03, null,
                        1000, 2, null, null, 1.0, alpha(c.model(), n, 0.6), 0.5, 1, null));
                double stationary = alpha(c.model(), n, capacityLoad - 0.02);
                capacity.add(RowFactory.create(model, n, temperature, "stationary", stationary, stationary, stationary, null,
                        null, null, null, null, null, null, null, null, 0.96));
            }
        }
        for (MemoryModel model : List.of(MemoryModel.DENSE, MemoryModel.PBODY)) {
            for (int n : NS) {
                for (double load = 0.02; load < 0.35; load += 0.04) {
                    double alpha = alpha(model, n, load);
                    double tc = criticalTemperature(model, load);
                    for (int steps : HORIZONS) {
                        double t = tc + 0.2 / steps;
                        critical.add(RowFactory.create(model.key(), n, alpha, "ladder", t, t - 0.005, t + 0.005, steps, 1000, 0,
                                null, null, null, null));
                    }
                    critical.add(RowFactory.create(model.key(), n, alpha, "extrapolated", tc, tc - 0.02, tc + 0.02, null, 1000,
                            null, 1.0, 0.2, 0.4, 1));
                    critical.add(RowFactory.create(model.key(), n, alpha, "stationary", tc - 0.03, tc - 0.03, tc - 0.03, null,
                            null, null, null, null, null, null));
                }
            }
        }
        write(spark, trials, Tables.trials(null), dir.resolve("trials"));
        write(spark, theory, Tables.theory(null), dir.resolve("theory"));
        write(spark, grid, Tables.grid(null), dir.resolve("grid"));
        write(spark, phase, PhaseDiagramTables.phaseDiagram(), dir.resolve("phase_diagram"));
        write(spark, capacity, PhaseDiagramTables.capacity(), dir.resolve("capacity"));
        write(spark, critical, PhaseDiagramTables.criticalTemperature(), dir.resolve("critical_temperature"));
    }

    /** A made-up critical temperature at normalised load L, falling to 0 at L = 0.4 (the p-body model's 10% lower). */
    static double criticalTemperature(MemoryModel model, double load) {
        return (model == MemoryModel.PBODY ? 0.9 : 1.0) * (1 - load / 0.4);
    }

    private static Row trialRow(Condition c, int n, double alpha, int p, double m0, int trial, double[] m) {
        double[] f = flips(m);
        Integer tau = convergence(f);
        return RowFactory.create(c.model().key(), n, BIG_N, c.temperature(), alpha, p, m0, "parallel", "exact", trial,
                trial / 2, 1000L + trial, 77L, c.temperature() > 0 ? 99L + trial : null, STEPS, list(m), list(f), tau, false,
                tau == null, m[STEPS], m[STEPS] >= 0.5, max(m), argmax(m));
    }

    /**
     * A grid/ row of a grid point (round null, first trial 0): the trials' mean m(t) and peak with a made-up interval,
     * the theory's curve and peak.
     */
    private static Row gridRow(Condition c, int n, double alpha, int p, double m0, List<Double> mean, double[] peaks,
                               double[] theory) {
        double peak = java.util.Arrays.stream(peaks).average().orElseThrow();
        int successes = mean.get(STEPS) >= 0.5 ? TRIALS : 0;
        return RowFactory.create(c.model().key(), n, BIG_N, c.temperature(), alpha, p, m0, TRIALS, 2, successes,
                successes / (double) TRIALS, 0.0, 1.0, 1.0, (double) TRIALS, null, null, null, null, null, null, null, 0, 0,
                mean, null, constantList(STEPS + 1, 0.01), List.of(2, 2), List.of(successes / 2, successes / 2),
                peak, peak - 0.03, Math.min(1, peak + 0.03), 3.0, 2.0, 4.0, list(theory), null, theory[STEPS],
                theory[STEPS] >= 0.5, max(theory), argmax(theory), null, 0);
    }

    private static double[] relax(double m0, double m0c, double alpha, SplittableRandom random, double noise) {
        double target = m0 >= m0c ? 1 - alpha : 0.05;
        double[] m = new double[STEPS + 1];
        for (int t = 0; t <= STEPS; t++) {
            // a transient rise before a failure: the overlap climbs for two steps, then decays
            double bump = m0 < m0c ? 0.15 * m0 * t * Math.exp(1 - t / 2.0) / 2 : 0;
            m[t] = target + (m0 - target) * Math.exp(-t / 2.5) + bump + (t > 0 ? noise * (random.nextDouble() - 0.5) : 0);
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

    private static double max(double[] m) {
        return java.util.Arrays.stream(m).max().orElseThrow();
    }

    private static int argmax(double[] m) {
        int best = 0;
        for (int t = 1; t < m.length; t++) {
            best = m[t] > m[best] ? t : best;
        }
        return best;
    }

    private static List<Double> constantList(int length, double value) {
        List<Double> l = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            l.add(value);
        }
        return l;
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
}
