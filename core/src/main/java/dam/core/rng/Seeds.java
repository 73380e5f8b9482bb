package dam.core.rng;

import dam.core.model.MemoryModel;

/**
 * Seeds as pure functions of (base seed, grid point, index), so that a number never depends on
 * partitioning, thread count, task order or retries.
 *
 * <p>Pattern sets are seeded by (base, n, N, alpha, set index) and deliberately not by m0, the model or the
 * temperature: every m0 of a basin scan, both models and every temperature see the same pattern sets (common random
 * numbers), which makes the success fraction a smoother function of m0 and the differences between models and
 * temperatures more precise. Initial states (and sequential update orders) are seeded by (base, n, N, alpha, m0,
 * trial), likewise shared by models and temperatures; the thermal draws of finite-temperature dynamics by (base, n,
 * N, alpha, m0, temperature, trial), shared by the two models. The theory and the bootstraps over pattern sets
 * behind the tables' intervals are specific to a model (and the bootstraps to a temperature); for the dense model at
 * temperature 0 they take the values they had before the model and temperature axes existed, so earlier tables
 * stay reproducible bit for bit. The mixing function and the generator these seeds feed are {@link Rng}'s.
 */
public final class Seeds {

    private static final long PATTERNS = 0x5041545445524E53L; // "PATTERNS"
    private static final long STATES = 0x5354415445530000L;   // "STATES"
    private static final long THERMAL = 0x5448455248414C00L;  // "THERMAL"
    private static final long THEORY = 0x5448454F52590000L;   // "THEORY"
    private static final long BISECTION = 0x4249534543540000L; // "BISECT"
    private static final long BOOTSTRAP = 0x424F4F5453545250L; // "BOOTSTRP"
    private static final long BASINS = 0x424153494E530000L;   // "BASINS"
    private static final long CAPACITY = 0x4341504143495459L; // "CAPACITY"
    private static final long MODEL = 0x4D4F44454C000000L;    // "MODEL"
    private static final long TEMPERATURE = 0x54454D5000000000L; // "TEMP"

    private Seeds() {
    }

    /** The seed of pattern set {@code set} at (n, N, alpha) under {@code base}; shared by models and temperatures. */
    public static long patternSet(long base, int n, int N, double alpha, int set) {
        return mix(base, PATTERNS, n, N, Double.doubleToLongBits(alpha), set);
    }

    /**
     * The seed of the initial state (and sequential update order) of trial {@code trial} at (n, N, alpha, m0); shared
     * by models and temperatures.
     */
    public static long initialState(long base, int n, int N, double alpha, double m0, int trial) {
        return mix(base, STATES, n, N, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0), trial);
    }

    /** The seed of the thermal draws of trial {@code trial} at (n, N, alpha, m0, temperature); shared by the models. */
    public static long thermal(long base, int n, int N, double alpha, double m0, double temperature, int trial) {
        return mix(base, THERMAL, n, N, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0),
                Double.doubleToLongBits(temperature), trial);
    }

    /** The seed of the theory solution of the model at (n, alpha, m0), for every temperature (common random numbers). */
    public static long theory(long base, MemoryModel model, int n, double alpha, double m0) {
        return mix(base, axes(new long[]{THEORY, n, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0)},
                model, 0));
    }

    /**
     * The seed of every evaluation of a theory bisection (basin boundaries, capacities) of the model, capacity seed k:
     * base + k for the dense model, as before the model axis existed.
     */
    public static long bisection(long base, MemoryModel model, int k) {
        return (model == MemoryModel.DENSE ? base : mix(base, BISECTION, MODEL, model.ordinal())) + k;
    }

    /** The seed of the bootstrap over pattern sets behind the intervals of one grid point. */
    public static long pointBootstrap(long base, MemoryModel model, int n, int N, double temperature, double alpha,
                                      double m0) {
        return mix(base, axes(new long[]{BOOTSTRAP, n, N, Double.doubleToLongBits(alpha), Double.doubleToLongBits(m0)},
                model, temperature));
    }

    /** The seed of the bootstrap over pattern sets behind the basin-boundary interval at one load. */
    public static long basinBootstrap(long base, MemoryModel model, int n, int N, double temperature, double alpha) {
        return mix(base, axes(new long[]{BASINS, n, N, Double.doubleToLongBits(alpha)}, model, temperature));
    }

    /** The seed of the bootstrap over pattern sets behind the simulated capacity alpha_c(N) of order n at size N. */
    public static long capacityBootstrap(long base, MemoryModel model, int n, int N, double temperature) {
        return mix(base, axes(new long[]{CAPACITY, n, N}, model, temperature));
    }

    /** The values, followed by the model's and the temperature's where they differ from (dense, 0). */
    private static long[] axes(long[] values, MemoryModel model, double temperature) {
        boolean otherModel = model != MemoryModel.DENSE;
        boolean warm = temperature != 0;
        long[] out = java.util.Arrays.copyOf(values, values.length + (otherModel ? 2 : 0) + (warm ? 2 : 0));
        int at = values.length;
        if (otherModel) {
            out[at++] = MODEL;
            out[at++] = model.ordinal();
        }
        if (warm) {
            out[at++] = TEMPERATURE;
            out[at] = Double.doubleToLongBits(temperature);
        }
        return out;
    }

    private static long mix(long base, long... values) {
        return Rng.mix(base, values);
    }
}
