package dam.core.analysis;

/** The convergence time tau_eps = min{ t &gt;= 0 : f(t) &lt;= eps } (docs/physics.md section 3), one definition for simulation and theory. */
public final class ConvergenceTime {

    private ConvergenceTime() {
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
}
