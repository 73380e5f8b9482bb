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

/**
 * The theory's phase diagram on Spark, on a ladder of horizons T: alpha_c(n, T) (one task per (n, seed)), its
 * T -&gt; infinity extrapolation, then the basin boundary m0_c(alpha, T) and its T -&gt; infinity extrapolation on a
 * grid of loads below alpha_c (one task per (n, alpha)). Every number comes from {@link TheoryRetrieval}, whose one solve to the largest T answers every
 * T of the ladder; this class only spreads the work and combines the seeds.
 *
 * @param horizons     the ladder of step limits T at which retrieval is judged, ascending
 * @param paths        paths M of the effective process
 * @param seed         the seed of the paths (common to every evaluation; capacity seed k uses seed + k)
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

    /**
     * alpha_c(n, T) combined over the seeds.
     *
     * @param n          interaction order
     * @param steps      the horizon T
     * @param alphaC     mean over seeds of the bracket midpoints (NaN if some seed found no bracket)
     * @param lower      smallest lower end of the seeds' brackets
     * @param upper      largest upper end
     * @param se         standard error: the seeds' spread over sqrt(seeds) and the bracket width over sqrt(12), in quadrature
     * @param violations evaluations contradicting a bracket, summed over seeds
     */
    public record HorizonCapacity(int n, int steps, double alphaC, double lower, double upper, double se, int violations)
            implements Serializable {
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

    /** alpha_c(n, T) for every n and horizon, n in the order of ns then T ascending; one Spark task per (n, seed). */
    public List<HorizonCapacity> capacities(SparkSession spark, List<Integer> ns) {
        StructType in = new StructType().add("n", DataTypes.IntegerType, false).add("k", DataTypes.IntegerType, false);
        StructType out = new StructType().add("n", DataTypes.IntegerType, false).add("k", DataTypes.IntegerType, false)
                .add("steps", DataTypes.IntegerType, false).add("lo", DataTypes.DoubleType, false)
                .add("hi", DataTypes.DoubleType, false).add("violations", DataTypes.IntegerType, false);
        List<Row> tasks = new ArrayList<>();
        ns.forEach(n -> {
            for (int k = 0; k < seeds; k++) {
                tasks.add(RowFactory.create(n, k));
            }
        });
        TheoryPhaseDiagram settings = this;
        List<Row> rows = spark.createDataFrame(tasks, in).repartition(tasks.size())
                .flatMap((FlatMapFunction<Row, Row>) r -> {
                    List<Row> brackets = new ArrayList<>();
                    for (LadderBisection.Bracket b : settings.retrieval(r.getInt(0), r.getInt(1))
                            .searchCapacities(CAPACITY_START, settings.capacityTol)) {
                        brackets.add(RowFactory.create(r.getInt(0), r.getInt(1), b.steps(), b.lower(), b.upper(), b.violations()));
                    }
                    return brackets.iterator();
                }, Encoders.row(out))
                .collectAsList();
        List<HorizonCapacity> capacities = new ArrayList<>();
        for (int n : ns) {
            for (int steps : horizons) {
                List<Row> mine = rows.stream().filter(r -> r.getInt(0) == n && r.getInt(2) == steps).toList();
                capacities.add(combine(n, steps, mine));
            }
        }
        return capacities;
    }

    /** One (n, T) over the seeds' rows (n, k, steps, lo, hi, violations). */
    static HorizonCapacity combine(int n, int steps, List<Row> seedRows) {
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
        return new HorizonCapacity(n, steps, mean, lower, upper, se, violations);
    }

    /**
     * The T -&gt; infinity extrapolation of n's alpha_c(T) (core {@link HorizonExtrapolation}, limit restricted to
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
     * The loads at which n's boundary is drawn: alpha_c k / alphaPoints for k = 1..alphaPoints, alpha_c the
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

    /**
     * The phase_diagram/ theory rows of every n and each of its loads, one per horizon and, where
     * {@link #extrapolateBoundary} fits, one extrapolated (steps null); one Spark task per (n, alpha).
     */
    public List<Row> boundaries(SparkSession spark, Map<Integer, List<Double>> loadsByN) {
        StructType in = new StructType().add("n", DataTypes.IntegerType, false).add("alpha", DataTypes.DoubleType, false);
        List<Row> tasks = new ArrayList<>();
        new TreeMap<>(loadsByN).forEach((n, loads) -> loads.forEach(alpha -> tasks.add(RowFactory.create(n, alpha))));
        if (tasks.isEmpty()) {
            return List.of();
        }
        TheoryPhaseDiagram settings = this;
        return spark.createDataFrame(tasks, in).repartition(tasks.size())
                .flatMap((FlatMapFunction<Row, Row>) r -> {
                    int n = r.getInt(0);
                    double alpha = r.getDouble(1);
                    List<Row> rows = new ArrayList<>();
                    List<LadderBisection.Bracket> brackets = settings.retrieval(n, 0).basinBoundaries(alpha, settings.basinTol);
                    for (LadderBisection.Bracket b : brackets) {
                        rows.add(PhaseDiagramTables.theoryRow(n, alpha, b.steps(), b.basinBoundary()));
                    }
                    HorizonExtrapolation fit = extrapolateBoundary(brackets);
                    if (fit != null) {
                        rows.add(PhaseDiagramTables.extrapolatedTheoryRow(n, alpha, fit));
                    }
                    return rows.iterator();
                }, Encoders.row(PhaseDiagramTables.phaseDiagram()))
                .collectAsList();
    }

    /** The horizons as an array. */
    int[] horizonArray() {
        return horizons.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The retrieval predicate of order n with capacity seed k (k = 0: the sweep seed, as basins/ uses). */
    TheoryRetrieval retrieval(int n, int k) {
        return new TheoryRetrieval(n, horizonArray(), paths, seed + k, mSuccess);
    }
}
