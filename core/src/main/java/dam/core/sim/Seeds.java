package dam.core.sim;

import dam.core.rng.Rng;

/**
 * Seeds as pure functions of (base seed, grid point, index), so that a number never depends on
 * partitioning, thread count, task order or retries.
 *
 * <p>Pattern sets are seeded by (base, n, N, alpha, set index) and deliberately not by m0: every m0
 * of a basin scan sees the same pattern sets (common random numbers), which makes the success
 * fraction a smoother function of m0. Initial states are seeded by (base, n, N, alpha, m0, trial). The bootstraps
 * over pattern sets behind the tables' intervals have seed families of their own, so that they never reuse a
 * stream of the simulation. The mixing function and the generator these seeds feed are {@link Rng}'s.
 */
public final class Seeds {

    private static final long PATTERNS = 0x5041545445524E53L; // "PATTERNS"
    private static final long STATES = 0x5354415445530000L;   // "STATES"
    private static final long THEORY = 0x5448454F52590000L;   // "THEORY"
    private static final long BOOTSTRAP = 0x424F4F5453545250L; // "BOOTSTRP"
    private static final long BASINS = 0x424153494E530000L;   // "BASINS"
    private static final long CAPACITY = 0x4341504143495459L; // "CAPACITY"

    private Seeds() {
    }

    /** The seed of pattern set {@code set} at (n, N, alpha) under {@code base}. */
    public static long patternSet(long base, int n, int N, double alpha, int set) {
        return mix(base, PATTERNS, n, N, Double.doubleToLongBits(alpha), set);
    }

    /** The seed of the initial state (and sequential update order) of trial {@code trial} at (n, N, alpha, m0). */
    public static long initialState(long base, int n, int N, double alpha, double m0, int trial) {
        return mix(base, STATES, n, N, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0), trial);
    }

    /** The seed of the theory solution at (n, alpha, m0). */
    public static long theory(long base, int n, double alpha, double m0) {
        return mix(base, THEORY, n, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0));
    }

    /** The seed of the bootstrap over pattern sets behind the intervals of grid point (n, N, alpha, m0). */
    public static long pointBootstrap(long base, int n, int N, double alpha, double m0) {
        return mix(base, BOOTSTRAP, n, N, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0));
    }

    /** The seed of the bootstrap over pattern sets behind the basin-boundary interval at load (n, N, alpha). */
    public static long basinBootstrap(long base, int n, int N, double alpha) {
        return mix(base, BASINS, n, N, Double.doubleToLongBits(alpha));
    }

    /** The seed of the bootstrap over pattern sets behind the simulated capacity alpha_c(N) of order n at size N. */
    public static long capacityBootstrap(long base, int n, int N) {
        return mix(base, CAPACITY, n, N);
    }

    private static long mix(long base, long... values) {
        return Rng.mix(base, values);
    }
}
