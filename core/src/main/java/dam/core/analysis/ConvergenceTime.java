package dam.core.analysis;

/**
 * Convergence times (docs/physics.md section 3), one definition for simulation and theory: tau_eps on the flip fraction
 * for sign dynamics, and the settling time of the overlap for finite temperature, where flips never stop.
 */
public final class ConvergenceTime {

    private ConvergenceTime() {
    }

    /**
     * The convergence time of a trajectory at the given temperature, the one definition of every table: at temperature
     * 0 {@link #of(double[], double) tau_eps} on the flips, above it {@link #ofOverlap the overlap's settling time}
     * within tol; -1 where there is none.
     */
    public static int at(double temperature, double[] overlap, double[] flips, double eps, double tol) {
        return temperature > 0 ? ofOverlap(overlap, tol) : of(flips, eps);
    }

    /** The first t with flips[t] &lt;= eps, or -1 if there is none (censored at the step limit). */
    public static int of(double[] flips, double eps) {
        for (int t = 0; t < flips.length; t++) {
            if (flips[t] <= eps) {
                return t;
            }
        }
        return -1;
    }

    /**
     * The settling time of the overlap m(0..T) (T = m.length - 1 &gt;= 1) within tol &gt;= 0 of its long-time value
     * m_late, the mean of m(u) over the last quarter u in (3T/4, T] (at least the step T): the first t with
     * |m(u) - m_late| &lt;= tol for every u in [t, T], or -1 (censored) when that t lies inside the averaging window
     * (the overlap has not been seen to settle before the window that defines where it settles).
     */
    public static int ofOverlap(double[] m, double tol) {
        if (m.length < 2) {
            throw new IllegalArgumentException("m: needs m(0..T) with T >= 1, got " + m.length + " values");
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol: must be >= 0 and finite, got " + tol);
        }
        int window = lateWindowStart(m.length - 1);
        double late = lateOverlap(m);
        int t = m.length;
        while (t > 0 && Math.abs(m[t - 1] - late) <= tol) {
            t--;
        }
        return t < window ? t : -1;
    }

    /** m_late: the mean of m(u) over u in (3T/4, T], T = m.length - 1 &gt;= 1. */
    public static double lateOverlap(double[] m) {
        if (m.length < 2) {
            throw new IllegalArgumentException("m: needs m(0..T) with T >= 1, got " + m.length + " values");
        }
        int steps = m.length - 1;
        double sum = 0;
        for (int u = lateWindowStart(steps); u <= steps; u++) {
            sum += m[u];
        }
        return sum / (steps - lateWindowStart(steps) + 1);
    }

    /** The first step of the averaging window (3T/4, T]: floor(3T/4) + 1, which is T for T &lt;= 3. */
    static int lateWindowStart(int steps) {
        return (int) (3L * steps / 4) + 1;
    }
}
