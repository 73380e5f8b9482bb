package dam.jobs.summary;

import dam.core.analysis.OverlapPeak;
import dam.core.model.Retrieval;
import dam.core.sim.TrialResult;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TrialSettings;

/**
 * What the tables take from one trial beyond its trajectory, computed once, on the executor that ran the trial: the
 * trials/ row and the point's {@link PointSummary} both read it.
 *
 * @param convergenceTime the convergence time ({@link TrialSettings#convergenceTime}), or -1
 * @param censored        {@link TrialSettings#censored}
 * @param retrieved       m(T) &gt;= m-success (core Retrieval.succeeded, the one criterion)
 * @param peak            max_t m(t) and the first t it is reached (transient retrieval)
 */
public record TrialMeasures(int convergenceTime, boolean censored, boolean retrieved, OverlapPeak peak) {

    /** The measures of trial r at grid point g under the sweep's convergence and success thresholds. */
    public static TrialMeasures of(GridPoint g, TrialResult r, TrialSettings s) {
        int tau = s.convergenceTime(g.temperature(), r.overlap(), r.flips());
        return new TrialMeasures(tau, TrialSettings.censored(g.temperature(), r, tau),
                Retrieval.succeeded(r.finalOverlap(), s.mSuccess()), OverlapPeak.of(r.overlap()));
    }
}
