package dam.core.analysis;

import dam.core.model.MemoryModel;
import dam.core.model.Retrieval;
import dam.core.theory.EffectiveProcessSolver;
import dam.core.theory.TheoryResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The theory's retrieval verdict as a predicate: whether the effective process of a model, started at overlap m0
 * at load alpha and temperature, has m(T) &gt;= mSuccess after T steps, for every horizon T of a ladder. Bisection on
 * it gives the theory's basin boundary m0_c(alpha; T), capacity alpha_c(T) and critical temperature T_c(alpha; T)
 * (docs/physics.md sections 5b and 7).
 *
 * <p>Every evaluation draws its M = paths paths from the same seed (common random numbers): the
 * predicate is then a deterministic function of (alpha, m0, temperature) whose sampling noise does not jitter
 * from one bisection point to the next, the initial states are coupled monotonically in m0, and the normals (and
 * the thermal uniforms) are the same at every temperature. The solver draws its noise step by step, so a solve to
 * the largest horizon gives, at each smaller T, exactly the m(T) of a solve to T: one solve answers every horizon
 * ({@link LadderBisection}).
 *
 * @param model       which memory of order n
 * @param n           interaction order, &gt;= 2
 * @param temperature the temperature of the basin boundaries and capacities (0: sign dynamics); the critical
 *                    temperature scans its own
 * @param horizons    the step limits T at which retrieval is judged, strictly ascending
 * @param paths       sampled paths M of the effective process
 * @param seed        the seed of the paths
 * @param mSuccess    retrieval threshold on m(T) (docs/physics.md section 3; 0.5 by default)
 */
public record TheoryRetrieval(MemoryModel model, int n, double temperature, int[] horizons, int paths, long seed,
                              double mSuccess) {

    /** Validates the settings. */
    public TheoryRetrieval {
        Objects.requireNonNull(model, "model");
        if (n < 2) {
            throw new IllegalArgumentException("n: must be >= 2, got " + n);
        }
        checkTemperature(temperature);
        LadderBisection.checkLadder(horizons);
        horizons = horizons.clone();
        if (paths < 1) {
            throw new IllegalArgumentException("paths: must be >= 1, got " + paths);
        }
        if (!(mSuccess >= -1 && mSuccess <= 1)) {
            throw new IllegalArgumentException("mSuccess: must lie in [-1, 1], got " + mSuccess);
        }
    }

    /** The predicate of the model at a temperature, judged at the single horizon steps. */
    public TheoryRetrieval(MemoryModel model, int n, double temperature, int steps, int paths, long seed,
                           double mSuccess) {
        this(model, n, temperature, new int[] {steps}, paths, seed, mSuccess);
    }

    /** The predicate of the dense model at temperature 0 on a ladder of horizons. */
    public TheoryRetrieval(int n, int[] horizons, int paths, long seed, double mSuccess) {
        this(MemoryModel.DENSE, n, 0, horizons, paths, seed, mSuccess);
    }

    /** The predicate of the dense model at temperature 0 judged at the single horizon steps. */
    public TheoryRetrieval(int n, int steps, int paths, long seed, double mSuccess) {
        this(n, new int[] {steps}, paths, seed, mSuccess);
    }

    /** The horizons (a copy). */
    @Override
    public int[] horizons() {
        return horizons.clone();
    }

    /** The largest horizon, to which every solve runs. */
    public int maxSteps() {
        return horizons[horizons.length - 1];
    }

    /** The solved effective process at (alpha, m0) and this predicate's temperature up to the largest horizon. */
    public TheoryResult solve(double alpha, double m0) {
        return solve(alpha, m0, temperature);
    }

    /** The solved effective process at (alpha, m0) and the given temperature &gt;= 0 up to the largest horizon. */
    public TheoryResult solve(double alpha, double m0, double temperature) {
        return new EffectiveProcessSolver(model, n, alpha, temperature, paths, 1).solve(m0, maxSteps(), seed);
    }

    /** For each horizon T, whether the theory retrieves from m0 at load alpha: m(T) &gt;= mSuccess. */
    public boolean[] retrievesAt(double alpha, double m0) {
        return retrievesAt(alpha, m0, temperature);
    }

    /** For each horizon T, whether the theory retrieves from m0 at load alpha and the given temperature. */
    public boolean[] retrievesAt(double alpha, double m0, double temperature) {
        double[] m = solve(alpha, m0, temperature).overlap();
        boolean[] out = new boolean[horizons.length];
        for (int k = 0; k < horizons.length; k++) {
            out[k] = Retrieval.succeeded(m[horizons[k]], mSuccess);
        }
        return out;
    }

    /** Whether the theory retrieves from m0 at load alpha at the largest horizon. */
    public boolean retrievesFrom(double alpha, double m0) {
        return Retrieval.succeeded(solve(alpha, m0).finalOverlap(), mSuccess);
    }

    /** The theory's basin boundary m0_c(alpha) at every horizon by joint bisection in m0 on [0, 1] to within tol. */
    public List<LadderBisection.Bracket> basinBoundaries(double alpha, double tol) {
        return new LadderBisection(horizons, m0 -> not(retrievesAt(alpha, m0))).bisect(0, 1, tol);
    }

    /** The basin boundary at the largest horizon (the only one for a single-horizon predicate). */
    public BasinBoundary basinBoundary(double alpha, double tol) {
        List<LadderBisection.Bracket> all = basinBoundaries(alpha, tol);
        return all.get(all.size() - 1).basinBoundary();
    }

    /** The theory's capacity alpha_c at the largest horizon by bisection in alpha on [lo, hi] to within tol, from m0 = 1. */
    public Capacity capacity(double lo, double hi, double tol) {
        List<LadderBisection.Bracket> all = new LadderBisection(horizons, alpha -> retrievesAt(alpha, 1.0)).bisect(lo, hi, tol);
        return all.get(all.size() - 1).capacity(n);
    }

    /**
     * Largest load the capacity search tries: far beyond any capacity from m0 = 1 (docs/physics.md section 8), yet
     * at a very short horizon the theory can keep m(T) &gt;= mSuccess at every load (seen at n = 2, T = 2, up to
     * alpha = 1e17), so the search must stop somewhere; such a horizon gets no upper end.
     */
    public static final double MAX_LOAD = 8;

    /**
     * Largest temperature the critical-temperature search tries. From m0 = 1, m(1) &lt;= tanh(1 / temperature), which
     * is below 0.125 from temperature 8 on, so any mSuccess &gt;= 0.125 fails there at every horizon; a horizon that
     * still retrieves at this temperature (a lower mSuccess at a short horizon) gets no upper end.
     */
    public static final double MAX_TEMPERATURE = 8;

    /**
     * The theory's capacity alpha_c(T) at every horizon without a known bracket ({@link LadderBisection#search}
     * up to {@value #MAX_LOAD}), retrieval judged from m0 = 1.
     */
    public List<LadderBisection.Bracket> searchCapacities(double start, double relativeTol) {
        return new LadderBisection(horizons, alpha -> retrievesAt(alpha, 1.0)).search(start, relativeTol, MAX_LOAD);
    }

    /**
     * The critical temperature T_c(alpha; T) at every horizon: the largest temperature at which the process started
     * at m0 = 1 retrieves at load alpha, by joint bisection in the temperature on [0, hi] to within tol (absolute),
     * hi doubled while some horizon still retrieves there (up to {@value #MAX_TEMPERATURE};
     * {@link LadderBisection#bisectUpward}). A horizon that fails already at temperature 0 (alpha above its capacity)
     * has no lower end (NaN) and upper end 0. Every evaluation is one solve from this predicate's seed.
     */
    public List<LadderBisection.Bracket> criticalTemperatures(double alpha, double hi, double tol) {
        return new LadderBisection(horizons, temperature -> retrievesAt(alpha, 1.0, temperature))
                .bisectUpward(0, hi, tol, MAX_TEMPERATURE);
    }

    private static void checkTemperature(double temperature) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 and finite, got " + temperature);
        }
    }

    private static boolean[] not(boolean[] values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = !values[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TheoryRetrieval r && model == r.model && n == r.n
                && Double.compare(temperature, r.temperature) == 0 && Arrays.equals(horizons, r.horizons)
                && paths == r.paths && seed == r.seed && mSuccess == r.mSuccess;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(horizons) + Objects.hash(model, n, temperature, paths, seed, mSuccess);
    }

    @Override
    public String toString() {
        return "TheoryRetrieval[model=" + model.key() + ", n=" + n + ", temperature=" + temperature + ", horizons="
                + Arrays.toString(horizons) + ", paths=" + paths + ", seed=" + seed + ", mSuccess=" + mSuccess + "]";
    }
}
