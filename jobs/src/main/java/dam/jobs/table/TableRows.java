package dam.jobs.table;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.BoundaryStop;
import dam.core.analysis.ClusterMean;
import dam.core.analysis.ClusteredProportion;
import dam.core.sim.TrialResult;
import dam.core.theory.TheoryResult;
import dam.jobs.grid.BoundaryLoad;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TrialSettings;
import dam.jobs.summary.PointSummary;
import dam.jobs.summary.TheorySummary;
import dam.jobs.summary.TrialMeasures;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of the sweep's tables, in the column order of {@link Tables}' schemas: each builder copies values computed
 * elsewhere (the trial's {@link TrialMeasures}, the point's {@link PointSummary}, the {@link TheorySummary}, the
 * boundaries) into a row and computes no statistic; a NaN becomes null where the column is nullable.
 */
public final class TableRows {

    private TableRows() {
    }

    /** The trials/ row of one trial at grid point g, with its measures. */
    public static Row trialRow(GridPoint g, TrialSettings s, TrialResult r, TrialMeasures m) {
        int set = r.trial() / s.statesPerPatternSet();
        int tau = m.convergenceTime();
        return RowFactory.create(g.model().key(), g.n(), g.neurons(), g.temperature(), g.alpha(), g.p(), g.m0(),
                s.update().key(), s.init().key(), r.trial(), set, r.initialStateSeed(), r.patternSetSeed(),
                g.temperature() > 0 ? r.thermalSeed() : null, r.steps(), r.overlap(), r.flips(),
                tau >= 0 ? tau : null, r.cycle(), m.censored(), r.finalOverlap(), m.retrieved(), m.peak().value(),
                m.peak().time());
    }

    /** The theory/ row of one solved (model, n, temperature, alpha, m0), with its summary t. */
    public static Row theoryRow(TheoryKey k, TheoryResult r, TheorySummary t) {
        return RowFactory.create(k.model().key(), k.n(), k.temperature(), k.alpha(), k.m0(), r.steps(), r.paths(),
                r.seed(), r.overlap(), r.previousCorrelation(), r.flips(),
                t.convergenceTime() >= 0 ? t.convergenceTime() : null, t.finalM(), t.retrieved(), t.peak().value(),
                t.peak().time());
    }

    /** The grid/ row of one grid point; theory may be null (theory off). */
    public static Row gridRow(PointSummary s, TheorySummary theory) {
        return gridRow(s, theory, null, 0);
    }

    /** The grid/ row of one planned run of a boundary search's round (no theory), its trials from firstTrial. */
    public static Row roundRow(PointSummary s, int round, int firstTrial) {
        return gridRow(s, null, round, firstTrial);
    }

    private static Row gridRow(PointSummary s, TheorySummary theory, Integer round, int firstTrial) {
        GridPoint g = s.point();
        ClusteredProportion ci = s.success();
        ClusterMean peak = s.peak().value();
        ClusterMean peakTime = s.peak().time();
        return RowFactory.create(g.model().key(), g.n(), g.neurons(), g.temperature(), g.alpha(), g.p(), g.m0(),
                s.trials(), s.sets(), s.successes(),
                ci.fraction(), ci.lower(), ci.upper(), ci.designEffect(), ci.effectiveTrials(),
                orNull(s.convTimeMean()), orNull(s.convTimeSe()),
                orNull(s.convTimeMedian()), orNull(s.convTimeMedianLo()), orNull(s.convTimeMedianHi()),
                orNull(s.convTimeQ1()), orNull(s.convTimeQ3()),
                s.censored(), s.cycles(), s.meanM(), s.seM(), s.sdM(), s.setTrials(), s.setSuccesses(),
                peak.mean(), orNull(peak.lower95()), orNull(peak.upper95()),
                peakTime.mean(), orNull(peakTime.lower95()), orNull(peakTime.upper95()),
                theory == null ? null : theory.m(),
                theory == null || theory.convergenceTime() < 0 ? null : theory.convergenceTime(),
                theory == null ? null : theory.finalM(), theory == null ? null : theory.retrieved(),
                theory == null ? null : theory.peak().value(), theory == null ? null : theory.peak().time(),
                round, firstTrial);
    }

    /**
     * The basins/ row of one load; either boundary may be null. sets: the pattern sets the simulated interval rests on
     * (shared by every m0 of the scan); trials: the trials of the scan summed over m0.
     */
    public static Row basinRow(GridPoint.Load l, BasinBoundary sim, BasinBoundary theory, int m0Points, int sets,
                               int trials) {
        return RowFactory.create(l.model().key(), l.n(), l.neurons(), l.temperature(), l.alpha(),
                orNull(sim == null ? Double.NaN : sim.m0c()),
                orNull(sim == null ? Double.NaN : sim.lower()), orNull(sim == null ? Double.NaN : sim.upper()),
                sim == null ? "none" : sim.method(), orNull(theory == null ? Double.NaN : theory.m0c()),
                orNull(theory == null ? Double.NaN : theory.lower()),
                orNull(theory == null ? Double.NaN : theory.upper()), m0Points, sets, trials, "grid", null, null, null,
                null, null);
    }

    /**
     * The basins/ row of one boundary search: where it stopped, with its 95% interval (m0c for a search in m0, alpha_c
     * for one in alpha, whose alpha is NaN), why, after how many rounds, trials and pattern sets; theory may be null.
     */
    public static Row searchRow(BoundaryLoad b, BoundaryStop stop, BasinBoundary theory, int points) {
        Double centre = orNull(stop.centre());
        Double lower = orNull(stop.lower());
        Double upper = orNull(stop.upper());
        boolean m0 = b.inM0();
        return RowFactory.create(b.model().key(), b.n(), b.neurons(), b.temperature(), m0 ? b.fixed() : Double.NaN,
                m0 ? centre : null, m0 ? lower : null, m0 ? upper : null, stop.method(),
                orNull(theory == null ? Double.NaN : theory.m0c()), orNull(theory == null ? Double.NaN : theory.lower()),
                orNull(theory == null ? Double.NaN : theory.upper()), points, stop.sets(), stop.trials(),
                m0 ? "m0" : "alpha", stop.reason().label(), stop.rounds(), m0 ? null : centre, m0 ? null : lower,
                m0 ? null : upper);
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

}
