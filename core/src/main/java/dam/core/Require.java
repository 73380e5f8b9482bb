package dam.core;

/**
 * The argument checks of the engine, with one wording: each throws IllegalArgumentException with the message
 * "name: reason, got value", the name being the parameter's (the command line and the config loader name their
 * option or key the same way). The names from the mathematics (n, N, alpha, m0) keep their case.
 */
public final class Require {

    private Require() {
    }

    /** value &gt;= min, else "name: must be &gt;= min, got value". */
    public static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": must be >= " + min + ", got " + value);
        }
    }

    /** lo &lt;= value &lt;= hi (NaN fails), else "name: must lie in [lo, hi], got value". */
    public static void within(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + ": must lie in [" + bound(lo) + ", " + bound(hi) + "], got " + value);
        }
    }

    /** 0 &lt; value &lt; infinity (NaN fails), else "name: must be &gt; 0 and finite, got value". */
    public static void positiveFinite(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": must be > 0 and finite, got " + value);
        }
    }

    /** A bound as written in the mathematics: -1, not -1.0. */
    private static String bound(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
