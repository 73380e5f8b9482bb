package dam.core.analysis;

import dam.core.theory.EffectiveProcessSolver;
import dam.core.theory.TheoryResult;

/**
 * The theory's retrieval verdict as a predicate: whether the effective process, started at overlap m0
 * at load alpha, ends with m(T) &gt;= mSuccess after T = steps steps. Bisection on it gives the theory's
 * basin boundary m0_c(alpha) and capacity alpha_c.
 *
 * <p>Every evaluation draws its M = paths paths from the same seed (common random numbers): the
 * predicate is then a deterministic function of (alpha, m0) whose sampling noise does not jitter from
 * one bisection point to the next, and the initial states are coupled monotonically in m0.
 *
 * @param n        interaction order, &gt;= 2
 * @param steps    the step limit T at which retrieval is judged
 * @param paths    sampled paths M of the effective process
 * @param seed     the seed of the paths
 * @param mSuccess retrieval threshold on m(T) (physics.md section 2; 0.5 by default)
 */
public record TheoryRetrieval(int n, int steps, int paths, long seed, double mSuccess) {

    /** Validates the settings. */
    public TheoryRetrieval {
        if (n < 2) {
            throw new IllegalArgumentException("n: must be >= 2, got " + n);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + steps);
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths: must be >= 1, got " + paths);
        }
        if (!(mSuccess > 0 && mSuccess <= 1)) {
            throw new IllegalArgumentException("mSuccess: must lie in (0, 1], got " + mSuccess);
        }
    }

    /** The solved effective process at (alpha, m0). */
    public TheoryResult solve(double alpha, double m0) {
        return new EffectiveProcessSolver(n, alpha, paths).solve(m0, steps, seed);
    }

    /** Whether the theory retrieves from initial overlap m0 at load alpha: m(T) &gt;= mSuccess. */
    public boolean retrievesFrom(double alpha, double m0) {
        return solve(alpha, m0).finalOverlap() >= mSuccess;
    }

    /** The theory's basin boundary m0_c(alpha) by bisection in m0 on [0, 1] to within tol. */
    public BasinBoundary basinBoundary(double alpha, double tol) {
        return BasinBoundary.bisect(m0 -> retrievesFrom(alpha, m0), 0, 1, tol);
    }

    /** The theory's capacity alpha_c by bisection in alpha on [lo, hi] to within tol, retrieval judged from m0 = 1. */
    public Capacity capacity(double lo, double hi, double tol) {
        return Capacity.bisect(n, alpha -> retrievesFrom(alpha, 1.0), lo, hi, tol);
    }

    /** The theory's capacity alpha_c without a known bracket (see {@link Capacity#search}), retrieval judged from m0 = 1. */
    public Capacity searchCapacity(double start, double relativeTol) {
        return Capacity.search(n, alpha -> retrievesFrom(alpha, 1.0), start, relativeTol);
    }
}
