package dam.jobs.summary;

import dam.core.analysis.OverlapPeak;
import dam.core.model.Retrieval;
import dam.core.theory.TheoryResult;
import dam.jobs.grid.TrialSettings;

/**
 * What grid/ takes from the theory of one (model, n, temperature, alpha, m0).
 *
 * @param m               m(t), t = 0..T
 * @param convergenceTime the convergence time (ConvergenceTime.at: on f(t) at temperature 0, on m(t) above), or -1
 * @param finalM          m(T)
 * @param retrieved       m(T) &gt;= m-success
 * @param peak            max_t m(t) and the first t it is reached (transient retrieval)
 */
public record TheorySummary(double[] m, int convergenceTime, double finalM, boolean retrieved, OverlapPeak peak) {

    /** The summary of a solved theory under the sweep's convergence and success thresholds. */
    public static TheorySummary of(TheoryResult r, TrialSettings s) {
        return new TheorySummary(r.overlap(), s.convergenceTime(r.temperature(), r.overlap(), r.flips()),
                r.finalOverlap(), Retrieval.succeeded(r.finalOverlap(), s.mSuccess()), OverlapPeak.of(r.overlap()));
    }
}
