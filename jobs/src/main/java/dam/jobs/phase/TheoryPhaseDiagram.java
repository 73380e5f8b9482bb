package dam.jobs.phase;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dam.core.analysis.HorizonExtrapolation;
import dam.core.analysis.LadderBisection;
import dam.core.analysis.TheoryRetrieval;
import dam.core.rng.Seeds;
import dam.core.theory.StationaryState;

/**
 * The theory's phase diagrams on Spark, on a ladder of horizons T, for every {@link Diagram} (model, n, temperature):
 * alpha_c(T) (one task per (diagram, seed)), its T -&gt; infinity extrapolation, the basin boundary m0_c(alpha, T) and
 * its T -&gt; infinity extrapolation on a grid of loads below alpha_c (one task per (diagram, alpha)), and the critical
 * temperature T_c(alpha; T) of a model and order (one task per (model, n, alpha)). Every number comes from
 * {@link TheoryRetrieval}, whose one solve to the largest T answers every T of the ladder; this class only spreads the
 * work and combines the seeds.
 *
 * @param horizons     the ladder of step limits T at which retrieval is judged, ascending
 * @param paths        paths M of the effective process
 * @param seed         the sweep seed: capacity seed k of a model evaluates from core Seeds.bisection(seed, model, k),
 *                     common to every evaluation (k = 0 for basin boundaries and critical temperatures)
 * @param seeds        seeds of the capacity bisection per n
 * @param mSuccess     retrieval threshold on m(T)
 * @param basinTol     tolerance in m0 of each basin-boundary bisection
 * @param capacityTol  relative tolerance of alpha_c
 * @param alphaPoints  loads per n on the grid alpha_c k / alphaPoints, k = 1..alphaPoints
 */
public record TheoryPhaseDiagram(List<Integer> horizons, int paths, long seed, int seeds, double mSuccess,
                                 double basinTol, double capacityTol, int alphaPoints) implements Serializable {

    /** Where the search for alpha_c starts; doubling or halving finds the bracket from there. */
    static final double CAPACITY_START = 0.1;
    /** The first upper end of the critical-temperature bisection, doubled while retrieval holds there. */
    static final double CRITICAL_TEMPERATURE_START = 1;

    /**
     * alpha_c(T) of one diagram combined over the seeds.
     *
     * @param diagram    model, interaction order and temperature
     * @param steps      the horizon T
     * @param alphaC     mean over seeds of the bracket midpoints (NaN if some seed found no bracket)
     * @param lower      smallest lower end of the seeds' brackets
     * @param upper      largest upper end
     * @param se         standard error: the seeds' spread over sqrt(seeds) and the bracket width over sqrt(12), in quadrature
     * @param violations evaluations contradicting a bracket, summed over seeds
     */
    public record HorizonCapacity(Diagram diagram, int steps, double alphaC, double lower, double upper, double se,
                                  int violations) implements Serializable {
    }

    /** Validates the settings (TheoryRetrieval checks the rest). */
    public TheoryPhaseDiagram {
        horizons = List.copyOf(horizons);
        if (!(basinTol > 0 && basinTol < 1)) {
            throw new IllegalArgumentException("basinTol: must lie in (0, 1), got " + basinTol);
        }
        if (!(capacityTol > 0 && capacityTol < 1)) {
            throw new IllegalArgumentException("capacityTol: must lie in (0, 1), got " + capacityTol);
        }
        if (alphaPoints < 1) {
            throw new IllegalArgumentException("alphaPoints: must be >= 1, got " + alphaPoints);
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds: must be >= 1, got " + seeds);
        }
        new TheoryRetrieval(2, horizons.stream().mapToInt(Integer::intValue).toArray(), paths, seed, mSuccess);
    }

    /**
     * alpha_c(T) for every diagram and horizon, diagrams in the given order then T ascending; one Spark task per
     * (diagram, seed).
     */
    public List<HorizonCapacity> capacities(SparkSession spark, List<Diagram> diagrams) {
        StructType in = new StructType().add("d", DataTypes.IntegerType, false).add("k", DataTypes.IntegerType, false);
        StructType out = new StructType().add("d", DataTypes.IntegerType, false).add("k", DataTypes.IntegerType, false)
                .add("steps", DataTypes.IntegerType, false).add("lo", DataTypes.DoubleType, false)
                .add("hi", DataTypes.DoubleType, false).add("violations", DataTypes.IntegerType, false);
        List<Row> tasks = new ArrayList<>();
        for (int d = 0; d < diagrams.size(); d++) {
            for (int k = 0; k < seeds; k++) {
                tasks.add(RowFactory.create(d, k));
            }
        }
        TheoryPhaseDiagram settings = this;
        List<Diagram> shipped = List.copyOf(diagrams);
        List<Row> rows = spark.createDataFrame(tasks, in).repartition(tasks.size())
                .flatMap((FlatMapFunction<Row, Row>) r -> {
                    List<Row> brackets = new ArrayList<>();
                    for (LadderBisection.Bracket b : settings.retrieval(shipped.get(r.getInt(0)), r.getInt(1))
                            .searchCapacities(CAPACITY_START, settings.capacityTol)) {
                        brackets.add(RowFactory.create(r.getInt(0), r.getInt(1), b.steps(), b.lower(), b.upper(), b.violations()));
                    }
                    return brackets.iterator();
                }, Encoders.row(out))
                .collectAsList();
        List<HorizonCapacity> capacities = new ArrayList<>();
        for (int d = 0; d < diagrams.size(); d++) {
            for (int steps : horizons) {
                int index = d;
                List<Row> mine = rows.stream().filter(r -> r.getInt(0) == index && r.getInt(2) == steps).toList();
                capacities.add(combine(diagrams.get(d), steps, mine));
            }
        }
        return capacities;
    }

    /** One (diagram, T) over the seeds' rows (diagram index, k, steps, lo, hi, violations). */
    static HorizonCapacity combine(Diagram diagram, int steps, List<Row> seedRows) {
        double sum = 0;
        double sumSq = 0;
        double width = 0;
        double lower = Double.POSITIVE_INFINITY;
        double upper = Double.NEGATIVE_INFINITY;
        int violations = 0;
        for (Row r : seedRows) {
            double lo = r.getDouble(3);
            double hi = r.getDouble(4);
            double mid = (lo + hi) / 2;
            sum += mid;
            sumSq += mid * mid;
            width += hi - lo;
            lower = Math.min(lower, lo);
            upper = Math.max(upper, hi);
            violations += r.getInt(5);
        }
        int s = seedRows.size();
        double mean = sum / s;
        double spread = s > 1 ? Math.max(0, (sumSq - s * mean * mean) / (s - 1)) / s : 0;
        double bisection = width / s / Math.sqrt(12);
        double se = Math.sqrt(spread + bisection * bisection);
        if (Double.isNaN(mean)) {
            // some seed found no bracket: keep the one-sided ends, no estimate
            lower = seedRows.stream().mapToDouble(r -> r.getDouble(3)).filter(Double::isFinite).max().orElse(Double.NaN);
            upper = seedRows.stream().mapToDouble(r -> r.getDouble(4)).filter(Double::isFinite).min().orElse(Double.NaN);
            se = Double.NaN;
        }
        return new HorizonCapacity(diagram, steps, mean, lower, upper, se, violations);
    }

    /**
     * The T -&gt; infinity extrapolation of a diagram's alpha_c(T) (core {@link HorizonExtrapolation}, limit restricted to
     * alpha_inf &gt;= 0), or null with fewer than four horizons having an estimate.
     */
    public static HorizonExtrapolation extrapolate(List<HorizonCapacity> ofN) {
        List<HorizonCapacity> usable = ofN.stream().filter(c -> Double.isFinite(c.alphaC()) && c.se() > 0).toList();
        if (usable.size() < 4) {
            return null;
        }
        return HorizonExtrapolation.fit(usable.stream().mapToInt(HorizonCapacity::steps).toArray(),
                usable.stream().mapToDouble(HorizonCapacity::alphaC).toArray(),
                usable.stream().mapToDouble(HorizonCapacity::se).toArray(), 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The T -&gt; infinity extrapolation of one load's basin boundary m0_c(T) from its ladder brackets (core
     * {@link HorizonExtrapolation}, limit and interval restricted to [0, 1], the range of m0: where the unconstrained
     * optimum leaves it the limit is the bound, e.g. 1 at a load above alpha_c(T -&gt; infinity), where the boundary
     * rises out of the range as T grows), or null with fewer than four horizons having a boundary. The error model is
     * capacity/'s with one seed: se = bracket width / sqrt(12) (every boundary evaluation uses the sweep seed).
     */
    public static HorizonExtrapolation extrapolateBoundary(List<LadderBisection.Bracket> brackets) {
        List<LadderBisection.Bracket> usable = brackets.stream()
                .filter(b -> Double.isFinite(b.estimate()) && b.upper() > b.lower()).toList();
        if (usable.size() < 4) {
            return null;
        }
        return HorizonExtrapolation.fit(usable.stream().mapToInt(LadderBisection.Bracket::steps).toArray(),
                usable.stream().mapToDouble(LadderBisection.Bracket::estimate).toArray(),
                usable.stream().mapToDouble(b -> (b.upper() - b.lower()) / Math.sqrt(12)).toArray(), 0, 1);
    }

    /**
     * The loads at which a diagram's boundary is drawn: alpha_c k / alphaPoints for k = 1..alphaPoints, alpha_c the
     * retrieving end of the bracket at the largest horizon (below capacity at every T as far as alpha_c falls with
     * T), plus the extra loads (e.g. the sweep's, so that theory and simulation meet); only the extra loads if
     * alpha_c was not found there.
     */
    public List<Double> loads(HorizonCapacity atLargestT, List<Double> extra) {
        TreeSet<Double> loads = new TreeSet<>(extra);
        if (Double.isFinite(atLargestT.lower())) {
            for (int k = 1; k <= alphaPoints; k++) {
                loads.add(atLargestT.lower() * k / alphaPoints);
            }
        }
        return new ArrayList<>(loads);
    }

    /** The rows one task computes for one (diagram, alpha), on an executor. */
    @FunctionalInterface
    interface LoadRows extends Serializable {
        /** The rows of diagram d at load alpha under these settings. */
        List<Row> of(TheoryPhaseDiagram settings, Diagram d, double alpha);
    }

    /**
     * The rows of every diagram (in {@link Diagram#ORDER}) at each of its loads (in the given order), one Spark task
     * per (diagram, alpha), each task's rows from rows, collected in task order.
     */
    private List<Row> perLoad(SparkSession spark, Map<Diagram, List<Double>> loadsByDiagram, StructType schema,
                              LoadRows rows) {
        StructType in = new StructType().add("d", DataTypes.IntegerType, false).add("alpha", DataTypes.DoubleType, false);
        List<Diagram> diagrams = new ArrayList<>(loadsByDiagram.keySet());
        diagrams.sort(Diagram.ORDER);
        List<Row> tasks = new ArrayList<>();
        for (int d = 0; d < diagrams.size(); d++) {
            for (double alpha : loadsByDiagram.get(diagrams.get(d))) {
                tasks.add(RowFactory.create(d, alpha));
            }
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        TheoryPhaseDiagram settings = this;
        return spark.createDataFrame(tasks, in).repartition(tasks.size())
                .flatMap((FlatMapFunction<Row, Row>) r -> rows.of(settings, diagrams.get(r.getInt(0)), r.getDouble(1))
                        .iterator(), Encoders.row(schema))
                .collectAsList();
    }

    /**
     * The phase_diagram/ theory rows of every diagram and each of its loads, one per horizon and, where
     * {@link #extrapolateBoundary} fits, one extrapolated (steps null); one Spark task per (diagram, alpha).
     */
    public List<Row> boundaries(SparkSession spark, Map<Diagram, List<Double>> loadsByDiagram) {
        return perLoad(spark, loadsByDiagram, PhaseDiagramTables.phaseDiagram(), TheoryPhaseDiagram::boundaryRows);
    }

    /** The phase_diagram/ rows of diagram d at load alpha (one task of {@link #boundaries}). */
    static List<Row> boundaryRows(TheoryPhaseDiagram settings, Diagram d, double alpha) {
        List<Row> rows = new ArrayList<>();
        List<LadderBisection.Bracket> brackets = settings.retrieval(d, 0).basinBoundaries(alpha, settings.basinTol);
        for (LadderBisection.Bracket b : brackets) {
            rows.add(PhaseDiagramTables.theoryRow(d, alpha, b.steps(), b.basinBoundary()));
        }
        HorizonExtrapolation fit = extrapolateBoundary(brackets);
        if (fit != null) {
            rows.add(PhaseDiagramTables.extrapolatedTheoryRow(d, alpha, fit));
        }
        return rows;
    }

    /**
     * The critical_temperature/ rows of each (model, n) at each of its loads: T_c(alpha; T) at every horizon from
     * m0 = 1 by bisection in the temperature to within tol, and, where {@link #extrapolateCritical} fits, the
     * T -&gt; infinity limit; one Spark task per (model, n, alpha). The diagrams' temperatures are ignored: the
     * temperature is what is bisected.
     */
    public List<Row> criticalTemperatures(SparkSession spark, Map<Diagram, List<Double>> loadsByOrder, double tol) {
        return perLoad(spark, loadsByOrder, PhaseDiagramTables.criticalTemperature(),
                (settings, d, alpha) -> criticalTemperatureRows(settings, d, alpha, tol));
    }

    /** The critical_temperature/ rows of (model, n) of d at load alpha (one task of {@link #criticalTemperatures}). */
    static List<Row> criticalTemperatureRows(TheoryPhaseDiagram settings, Diagram d, double alpha, double tol) {
        List<Row> rows = new ArrayList<>();
        List<LadderBisection.Bracket> brackets = settings.retrieval(d, 0)
                .criticalTemperatures(alpha, CRITICAL_TEMPERATURE_START, tol);
        for (LadderBisection.Bracket b : brackets) {
            rows.add(PhaseDiagramTables.criticalTemperatureRow(d.model(), d.n(), alpha, b, settings.paths));
        }
        HorizonExtrapolation fit = extrapolateCritical(brackets);
        if (fit != null) {
            rows.add(PhaseDiagramTables.extrapolatedCriticalTemperatureRow(d.model(), d.n(), alpha, fit,
                    settings.paths));
        }
        // the stationary closure's T_c beside the dynamics' (docs/physics.md, "Stationary states": close
        // for the dense model above temperature 0.2, low for the p-body model)
        rows.add(PhaseDiagramTables.stationaryCriticalTemperatureRow(d.model(), d.n(), alpha,
                StationaryState.criticalTemperature(d.model(), d.n(), alpha)
                        .map(StationaryState::temperature).orElse(null)));
        return rows;
    }

    /**
     * The T -&gt; infinity extrapolation of one load's critical temperature T_c(T) from its ladder brackets (limit
     * restricted to &gt;= 0), or null with fewer than four horizons having a bracket with both ends; the error model is
     * {@link #extrapolateBoundary}'s.
     */
    public static HorizonExtrapolation extrapolateCritical(List<LadderBisection.Bracket> brackets) {
        List<LadderBisection.Bracket> usable = brackets.stream()
                .filter(b -> Double.isFinite(b.estimate()) && b.upper() > b.lower()).toList();
        if (usable.size() < 4) {
            return null;
        }
        return HorizonExtrapolation.fit(usable.stream().mapToInt(LadderBisection.Bracket::steps).toArray(),
                usable.stream().mapToDouble(LadderBisection.Bracket::estimate).toArray(),
                usable.stream().mapToDouble(b -> (b.upper() - b.lower()) / Math.sqrt(12)).toArray(), 0,
                Double.POSITIVE_INFINITY);
    }

    /** The horizons as an array. */
    int[] horizonArray() {
        return horizons.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The retrieval predicate of a diagram with capacity seed k (k = 0: the seed basins/ uses, core
     * Seeds.bisection(seed, model, 0)).
     */
    TheoryRetrieval retrieval(Diagram d, int k) {
        return new TheoryRetrieval(d.model(), d.n(), d.temperature(), horizonArray(), paths,
                Seeds.bisection(seed, d.model(), k), mSuccess);
    }
}
