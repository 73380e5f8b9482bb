package dam.jobs.grid;

import dam.core.analysis.ConvergenceTime;
import dam.core.model.Retrieval;
import dam.core.theory.TheoryResult;

/**
 * What grid/ takes from the theory of one (n, alpha, m0).
 *
 * @param m               m(t), t = 0..T
 * @param convergenceTime first t with f(t) &lt;= eps, or -1 if none
 * @param finalM          m(T)
 * @param retrieved       m(T) &gt;= m-success
 */
public record TheorySummary(double[] m, int convergenceTime, double finalM, boolean retrieved) {

    /** The summary of a solved theory under convergence threshold eps and success threshold mSuccess. */
    public static TheorySummary of(TheoryResult r, double eps, double mSuccess) {
        return new TheorySummary(r.overlap(), ConvergenceTime.of(r.flips(), eps), r.finalOverlap(),
                Retrieval.succeeded(r.finalOverlap(), mSuccess));
    }
}
