package dam.jobs.sweep;

import dam.core.rng.Seeds;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import dam.core.theory.EffectiveProcessSolver;
import dam.core.theory.TheoryResult;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.grid.TrialSettings;
import dam.jobs.summary.PointSummary;
import dam.jobs.summary.TheorySummary;
import dam.jobs.summary.TrialMeasures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.util.LongAccumulator;

/**
 * What a sweep's Spark tasks compute on an executor: one scan of trials and their measures, one grid point's
 * summary, one theory solve and its summary. Every number comes from core; the accumulators add up the time spent for the closing line.
 */
final class SweepTasks {

    private SweepTasks() {
    }

    /**
     * Runs one scan (the work units of one load's m0 values over the same trials) through one kernel per pattern
     * set; one result per work unit, its share of the kernel time being the scan's over its units.
     */
    static List<UnitResult> runScan(WorkUnit[] scan, TrialSettings s, LongAccumulator trials, LongAccumulator kernel) {
        List<TrialRunner> runners = new ArrayList<>(scan.length);
        for (WorkUnit u : scan) {
            GridPoint g = u.point();
            runners.add(s.runner(g));
        }
        long t = System.nanoTime();
        List<List<TrialResult>> rs = TrialRunner.runScan(runners, scan[0].first(), scan[0].count());
        long nanos = System.nanoTime() - t;
        kernel.add(nanos);
        List<UnitResult> out = new ArrayList<>(scan.length);
        for (int i = 0; i < scan.length; i++) {
            trials.add(rs.get(i).size());
            TrialResult[] rsOfUnit = rs.get(i).toArray(new TrialResult[0]);
            TrialMeasures[] measures = new TrialMeasures[rsOfUnit.length];
            for (int k = 0; k < measures.length; k++) {
                measures[k] = TrialMeasures.of(scan[i].point(), rsOfUnit[k], s);
            }
            out.add(new UnitResult(scan[i], rsOfUnit, measures, nanos / scan.length));
        }
        return out;
    }

    /** The summary of all units of one grid point. */
    static PointSummary summarise(GridPoint g, Iterable<UnitResult> units, TrialSettings s) {
        List<TrialResult> all = new ArrayList<>();
        List<TrialMeasures> measures = new ArrayList<>();
        for (UnitResult u : units) {
            all.addAll(Arrays.asList(u.trials()));
            measures.addAll(Arrays.asList(u.measures()));
        }
        return PointSummary.of(g, all, measures, s);
    }

    /** The summary of the units of one planned run of a boundary search (trials first .. first + count - 1). */
    static PointSummary summariseRun(GridPoint g, Iterable<UnitResult> units, TrialSettings s, int first, int count) {
        List<TrialResult> all = new ArrayList<>();
        List<TrialMeasures> measures = new ArrayList<>();
        for (UnitResult u : units) {
            all.addAll(Arrays.asList(u.trials()));
            measures.addAll(Arrays.asList(u.measures()));
        }
        return PointSummary.ofRun(g, all, measures, s, first, count);
    }

    /** Solves the theory of one (model, n, temperature, alpha, m0) and summarises it, on the executor. */
    static SolvedTheory solve(TheoryKey k, TrialSettings s, LongAccumulator nanos) {
        long t = System.nanoTime();
        TheoryResult r = new EffectiveProcessSolver(k.model(), k.n(), k.alpha(), k.temperature(), s.paths(), 1)
                .solve(k.m0(), s.steps(), Seeds.theory(s.seed(), k.model(), k.n(), k.alpha(), k.m0()));
        nanos.add(System.nanoTime() - t);
        return new SolvedTheory(r, TheorySummary.of(r, s));
    }
}
