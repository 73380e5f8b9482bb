package dam.core.sim;

/**
 * Bench access to the sequential sweep's field path: the N fields of one state as a sweep computes them (int lanes
 * or packed quarter squares), without flips, so two models can be timed on exactly the same work. In package
 * dam.core.sim for the sweep's package-level hook.
 */
public final class SweepFields {

    private SweepFields() {
    }

    /** The sum of the N fields h_i at sigma as the sweep's int paths compute them (0 for a field on the long path). */
    public static long all(SequentialSweep sweep, long[] sigma, int N) {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            Long h = sweep.fieldAt(sigma, i);
            sum += h == null ? 0 : h;
        }
        return sum;
    }
}
