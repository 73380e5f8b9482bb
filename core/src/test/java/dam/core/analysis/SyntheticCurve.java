package dam.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A known success curve to run boundary searches against: pattern set j at x succeeds with probability
 * 1 / (1 + exp(-((x - centre) / setScale + tau b_j))), b_j standard normal per set, so the trials of a set are
 * correlated (design effect 1 + (S - 1) ICC, about 5 at tau = 2.3 and S = 10) and the curve over sets crosses 1/2
 * exactly at the centre (b_j is symmetric). A falling curve exchanges success and failure of every trial. Every outcome
 * is a pure function of (seed, set, x).
 */
record SyntheticCurve(double centre, double setScale, double tau, boolean rising) {

    /** The committed sets of one round, all of its runs. */
    List<CommittedSet> run(BoundaryRound round, int S, long seed) {
        List<CommittedSet> out = new ArrayList<>();
        for (PlannedRun run : round.runs()) {
            for (int set = run.firstTrial() / S; set < (run.firstTrial() + run.trials()) / S; set++) {
                out.add(set(round.round(), run.x(), set, S, seed));
            }
        }
        return out;
    }

    /** Pattern set `set` at x, S trials. */
    CommittedSet set(int round, double x, int set, int S, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + set);
        double b = tau * BoundaryEstimateTest.gaussian(random);
        double p = 1 / (1 + Math.exp(-(x - centre) / setScale - b));
        int successes = 0;
        for (int t = 0; t < S; t++) {
            boolean rise = random.nextDouble() < p;
            successes += rise == rising ? 1 : 0;
        }
        return new CommittedSet(round, x, set, successes, S);
    }

    /** Runs the search to its stop; rows receives every committed set. */
    BoundaryStop search(BoundarySearch search, long seed, List<CommittedSet> rows) {
        BoundaryStep step;
        while ((step = search.next(rows)) instanceof BoundaryRound round) {
            rows.addAll(run(round, search.statesPerPatternSet(), seed));
        }
        return (BoundaryStop) step;
    }
}
