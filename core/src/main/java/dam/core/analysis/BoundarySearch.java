package dam.core.analysis;

import dam.core.Require;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An adaptive search for the point where a success probability crosses 1/2 (the basin boundary m0_c at a load, or
 * the capacity alpha_c(n, N) at m0 = 1), run in rounds: each round's plan is a pure function of this configuration
 * and of what the earlier rounds committed, so the same configuration gives the same rounds and the same trials on
 * any cluster and after any kill. docs/adaptive.md explains and measures the design.
 *
 * <p>The points lie on a lattice: from + (to - from) i / cells, i = 0 .. cells. Round 0 runs {@value #COARSE_POINTS}
 * evenly spaced lattice points with {@value #COARSE_SETS} pattern sets each. Every later round first estimates the
 * boundary from all committed counts ({@link BoundaryEstimate}: logistic fit, cluster-robust Fieller interval) and
 * stops when the interval, kept within [from, to], is at most {@code width} wide ({@link BoundaryStop.Reason#WIDTH}),
 * when the boundary lies outside [from, to] (every trial at from succeeded, or none at to, on at least
 * {@value BoundaryEstimate#BRACKET_SETS} pattern sets, or the whole interval lies outside: {@code RANGE}), or when
 * max-trials leaves no room for another pattern set ({@code BUDGET}). Otherwise, while the data are separated (every
 * failure below every success) within a few lattice cells, it fills the bracket of the crossing ({@link #bracketRound});
 * else it places the next round where the posterior expected variance of the boundary falls most ({@link BoundaryDesign}),
 * sized to bring the predicted width to the target, at least a quarter (all, while there is no interval yet) and at
 * most twice the pattern sets spent so far (so that the rounds grow geometrically and stay few), within the budget, on
 * at most {@value #MAX_POINTS} points.
 *
 * <p>Every pattern set runs at one point only: a round's sets follow the highest set committed, in ascending x. Trials
 * of one pattern set are correlated, at one x and across x alike (at n = 3, N = 512, alpha = 0.1, S = 1, outcomes of
 * one set at m0 = 0.72 and 0.74 correlate by 0.5), so the common random numbers of a grid scan, which sharpen
 * differences between m0 values, blur the boundary's location; fresh sets at every point make the points independent.
 *
 * <p>The direction says whether the success probability rises with x (m0) or falls (the load); a falling search
 * treats failures as the events, so everything above holds with "success" and "failure" exchanged.
 *
 * @param from                lower end of the range
 * @param to                  upper end of the range
 * @param width               the target width of the 95% interval
 * @param maxTrials           the budget: a round never plans past it (counted as S trials per pattern set)
 * @param statesPerPatternSet S, trials per pattern set
 * @param direction           whether success rises or falls with x
 * @param cells               lattice cells on [from, to]
 */
public record BoundarySearch(double from, double to, double width, int maxTrials, int statesPerPatternSet,
                             Direction direction, int cells) {

    /** Points of round 0. */
    public static final int COARSE_POINTS = 7;
    /** Pattern sets per point of round 0: enough for the range rule. */
    public static final int COARSE_SETS = BoundaryEstimate.BRACKET_SETS;
    /** The most distinct points of a later round. */
    public static final int MAX_POINTS = 8;
    /** A later round aims at this fraction of the target width (0.9 spent 10% more trials for no fewer rounds). */
    public static final double AIM = 1.0;
    /** A later round plans at most this many times the pattern sets spent. */
    public static final double GROWTH = 2;
    /** A later round plans at least this many times the pattern sets spent. */
    public static final double MIN_GROWTH = 0.25;
    /** Lattice cells per target width, for {@link #of}. */
    public static final int CELLS_PER_WIDTH = 4;
    /** The most lattice cells (the design's posterior grid holds about 36 cells per lattice cell). */
    public static final int MAX_CELLS = 4000;
    private static final int CHUNKS = 32;

    /** Whether the success probability rises or falls with x. */
    public enum Direction {
        /** Success rises with x: the basin boundary in m0. */
        RISING,
        /** Success falls with x: the capacity in the load alpha. */
        FALLING
    }

    /** Validates the configuration. */
    public BoundarySearch {
        if (!Double.isFinite(from) || !Double.isFinite(to) || !(from < to)) {
            throw new IllegalArgumentException("from, to: need finite from < to, got [" + from + ", " + to + "]");
        }
        Require.positiveFinite("width", width);
        if (!(width < to - from)) {
            throw new IllegalArgumentException("width: must be less than to - from = " + (to - from) + ", got " + width);
        }
        Require.atLeast("max-trials", maxTrials, 1);
        Require.atLeast("states-per-pattern-set", statesPerPatternSet, 1);
        if (direction == null) {
            throw new IllegalArgumentException("direction: must be rising or falling, got null");
        }
        if (cells < 2 || cells > MAX_CELLS) {
            throw new IllegalArgumentException("cells: must lie in [2, " + MAX_CELLS + "], got " + cells);
        }
    }

    /** A search on the lattice of {@value #CELLS_PER_WIDTH} cells per target width (at least 2 cells). */
    public static BoundarySearch of(double from, double to, double width, int maxTrials, int statesPerPatternSet,
                                    Direction direction) {
        double ratio = CELLS_PER_WIDTH * (to - from) / width;
        if (ratio > MAX_CELLS) {
            throw new IllegalArgumentException("width: must be at least (to - from) / " + MAX_CELLS / CELLS_PER_WIDTH
                    + " = " + (to - from) * CELLS_PER_WIDTH / MAX_CELLS + ", got " + width);
        }
        int cells = Double.isFinite(ratio) && ratio > 2 ? (int) StrictMath.ceil(ratio - 1e-9) : 2;
        return new BoundarySearch(from, to, width, maxTrials, statesPerPatternSet, direction, cells);
    }

    /** Lattice value i: from + (to - from) i / cells, exactly from at 0 and to at cells. */
    public double lattice(int i) {
        if (i < 0 || i > cells) {
            throw new IllegalArgumentException("i: must lie in [0, " + cells + "], got " + i);
        }
        return i == cells ? to : from + (to - from) * i / cells;
    }

    /**
     * The next step given everything committed so far: the plan of the round to run, or the stop. Rounds before the
     * last one present must be complete (a round starts only after the previous one committed); the last round
     * present is checked against its plan, recomputed from the rounds before it, and returned again if any of its
     * pattern sets is missing (the caller then runs only what is missing). The result depends on the committed sets
     * as a set: their order does not matter.
     *
     * @throws IllegalArgumentException when a committed set is not one the plans asked for
     */
    public BoundaryStep next(List<CommittedSet> committed) {
        List<CommittedSet> rows = new ArrayList<>(committed);
        rows.sort(Comparator.comparingInt(CommittedSet::set));
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).set() == rows.get(r - 1).set()) {
                throw new IllegalArgumentException("committed: pattern set " + rows.get(r).set() + " appears twice");
            }
        }
        rows.sort(Comparator.comparingInt(CommittedSet::round).thenComparingInt(CommittedSet::set));
        if (rows.isEmpty()) {
            return decide(0, rows);
        }
        int last = rows.get(rows.size() - 1).round();
        List<CommittedSet> before = new ArrayList<>();
        List<CommittedSet> current = new ArrayList<>();
        boolean[] seen = new boolean[last];
        for (CommittedSet c : rows) {
            if (c.trials() > statesPerPatternSet) {
                throw new IllegalArgumentException("trials: a pattern set holds at most " + statesPerPatternSet
                        + " trials, got " + c.trials() + " on set " + c.set());
            }
            if (c.round() < last) {
                seen[c.round()] = true;
                before.add(c);
            } else {
                current.add(c);
            }
        }
        for (int r = 0; r < last; r++) {
            if (!seen[r]) {
                throw new IllegalArgumentException("committed: round " + r + " has no pattern sets but round " + last + " has");
            }
        }
        BoundaryStep step = decide(last, before);
        if (!(step instanceof BoundaryRound plan)) {
            throw new IllegalArgumentException("committed: round " + last + " has pattern sets but the search stopped before it ("
                    + step + ")");
        }
        int planned = 0;
        for (PlannedRun run : plan.runs()) {
            planned += run.trials() / statesPerPatternSet;
        }
        for (CommittedSet c : current) {
            if (!inPlan(plan, c)) {
                throw new IllegalArgumentException("committed: pattern set " + c.set() + " at x = " + c.x()
                        + " is not in the plan of round " + last + " " + plan.runs());
            }
        }
        if (current.size() < planned) {
            return plan;
        }
        return decide(last + 1, rows);
    }

    private boolean inPlan(BoundaryRound plan, CommittedSet c) {
        for (PlannedRun run : plan.runs()) {
            int first = run.firstTrial() / statesPerPatternSet;
            int end = first + run.trials() / statesPerPatternSet;
            if (c.set() >= first && c.set() < end) {
                return Double.compare(run.x(), c.x()) == 0;
            }
        }
        return false;
    }

    /** The step of round `round` from the sets of rounds 0 .. round - 1 (all complete). */
    private BoundaryStep decide(int round, List<CommittedSet> rows) {
        if (rows.isEmpty()) {
            return coarseRound();
        }
        Points points = Points.of(rows, statesPerPatternSet, direction);
        BoundaryEstimate estimate = BoundaryEstimate.of(points.x, points.counts);
        int spentSets = rows.size();
        int trials = points.trials();
        double lowest = points.x[0];
        double highest = points.x[points.x.length - 1];
        SetCounts first = points.counts[0];
        SetCounts end = points.counts[points.x.length - 1];
        if (lowest == from && first.sets() >= COARSE_SETS && first.totalSuccesses() == first.totalTrials()
                || estimate.hasInterval() && estimate.upper() < from) {
            return new BoundaryStop(BoundaryStop.Reason.RANGE, Double.NaN, Double.NaN, from, estimate.method(), round,
                    trials, spentSets);
        }
        if (highest == to && end.sets() >= COARSE_SETS && end.totalSuccesses() == 0
                || estimate.hasInterval() && estimate.lower() > to) {
            return new BoundaryStop(BoundaryStop.Reason.RANGE, Double.NaN, to, Double.NaN, estimate.method(), round,
                    trials, spentSets);
        }
        double lower = StrictMath.max(from, estimate.lower());
        double upper = StrictMath.min(to, estimate.upper());
        if (estimate.hasInterval() && upper - lower <= width) {
            return new BoundaryStop(BoundaryStop.Reason.WIDTH, estimate.centre(), lower, upper, estimate.method(), round,
                    trials, spentSets);
        }
        long remainingSets = ((long) maxTrials - (long) spentSets * statesPerPatternSet) / statesPerPatternSet;
        if (remainingSets < 1) {
            return new BoundaryStop(BoundaryStop.Reason.BUDGET, estimate.centre(), lower, upper, estimate.method(), round,
                    trials, spentSets);
        }
        if (estimate.method().equals(BoundaryEstimate.BRACKET)) {
            BoundaryRound bracket = bracketRound(round, rows, points, estimate, remainingSets);
            if (!bracket.runs().isEmpty()) {
                return bracket;
            }
        }
        return plannedRound(round, rows, points, estimate, remainingSets, lower, upper);
    }

    /**
     * Separated data (every failure below every success): the crossing lies in the bracket between the highest point
     * without a success and the lowest without a failure, and where that bracket is narrow (at most {@value #MAX_POINTS}
     * lattice points inside) the curve is steep on the lattice's scale: the logistic's information, all at the
     * bracket's centre, cannot say how to narrow it. So the round brings both ends and every lattice point inside to
     * {@value BoundaryEstimate#BRACKET_SETS} pattern sets each, after which either the bracket is one cell or successes
     * and failures overlap. An empty round where the bracket is wider (the design takes over) or already complete.
     */
    private BoundaryRound bracketRound(int round, List<CommittedSet> rows, Points points, BoundaryEstimate estimate,
                                       long remainingSets) {
        int below = -1;
        int above = -1;
        for (int i = 0; i < points.x.length; i++) {
            SetCounts c = points.counts[i];
            if (c.totalSuccesses() == 0) {
                below = i;
            } else if (c.totalSuccesses() == c.totalTrials() && above < 0) {
                above = i;
            }
        }
        List<PlannedRun> runs = new ArrayList<>();
        if (below < 0 || above < 0) {
            return new BoundaryRound(round, runs, points.trials(), estimate);
        }
        int lo = latticeIndex(points.x[below]);
        int hi = latticeIndex(points.x[above]);
        if (hi - lo - 1 > MAX_POINTS) {
            // A wide bracket (the coarse scan's): the posterior design spreads its sets over it well enough.
            return new BoundaryRound(round, runs, points.trials(), estimate);
        }
        int next = nextSet(rows);
        long left = remainingSets;
        for (int i = lo; i <= hi; i++) {
            double x = lattice(i);
            int have = 0;
            for (int j = 0; j < points.x.length; j++) {
                if (points.x[j] == x) {
                    have = points.counts[j].sets();
                }
            }
            int need = (int) StrictMath.min(left, StrictMath.max(0, BoundaryEstimate.BRACKET_SETS - have));
            if (need > 0) {
                runs.add(new PlannedRun(x, next * statesPerPatternSet, need * statesPerPatternSet));
                next += need;
                left -= need;
            }
        }
        return new BoundaryRound(round, runs, points.trials(), estimate);
    }

    /** The lattice index of a lattice value. */
    private int latticeIndex(double x) {
        return (int) StrictMath.round((x - from) / (to - from) * cells);
    }

    /** The set after the highest committed one. */
    private static int nextSet(List<CommittedSet> rows) {
        int next = 0;
        for (CommittedSet c : rows) {
            next = StrictMath.max(next, c.set() + 1);
        }
        return next;
    }

    private BoundaryRound coarseRound() {
        int points = StrictMath.min(COARSE_POINTS, cells + 1);
        int sets = (int) StrictMath.min(COARSE_SETS, StrictMath.max(1, maxTrials / statesPerPatternSet / points));
        List<PlannedRun> runs = new ArrayList<>();
        int next = 0;
        for (int j = 0; j < points; j++) {
            int i = (int) StrictMath.round((double) cells * j / (points - 1));
            if (points > 1 && (long) (next + sets) * statesPerPatternSet > maxTrials) {
                break;
            }
            runs.add(new PlannedRun(lattice(i), next * statesPerPatternSet, sets * statesPerPatternSet));
            next += sets;
        }
        return new BoundaryRound(0, runs, 0, new BoundaryEstimate(Double.NaN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, BoundaryEstimate.NONE, 0, 0));
    }

    private BoundaryRound plannedRound(int round, List<CommittedSet> rows, Points points, BoundaryEstimate estimate,
                                       long remainingSets, double lower, double upper) {
        int spentSets = rows.size();
        int m = points.x.length;
        double[] k = new double[m];
        double[] n = new double[m];
        double weighted = 0;
        double weight = 0;
        for (int i = 0; i < m; i++) {
            SetCounts c = points.counts[i];
            double deff = designEffect(c);
            k[i] = c.totalSuccesses() / deff;
            n[i] = c.totalTrials() / deff;
            if (c.totalSuccesses() > 0 && c.totalSuccesses() < c.totalTrials()) {
                weighted += deff * c.totalTrials();
                weight += c.totalTrials();
            }
        }
        double newDeff = weight > 0 ? weighted / weight : 1;
        double[] lattice = new double[cells + 1];
        for (int i = 0; i <= cells; i++) {
            lattice[i] = lattice(i);
        }
        BoundaryDesign design = new BoundaryDesign(lattice, points.x, k, n);
        // The observed width over the design's prediction holds what the Fisher information misses: the design effect
        // left after tempering and the curve's departure from a logistic.
        double ratio = 1;
        if (estimate.hasInterval() && estimate.method().equals(BoundaryEstimate.LOGISTIC)) {
            ratio = (upper - lower) / design.width(points.x, n);
        }
        int cap = (int) StrictMath.min(remainingSets, StrictMath.max(COARSE_SETS, (long) StrictMath.floor(GROWTH * spentSets)));
        // Without an interval the design's predicted width says little (separated data, unknown slope): double then.
        double growth = estimate.hasInterval() ? MIN_GROWTH : 1;
        int floor = (int) StrictMath.min(cap, StrictMath.ceil(growth * spentSets));
        int chunk = (cap + CHUNKS - 1) / CHUNKS;
        int[] sets = design.allocate(points.x, n, statesPerPatternSet / newDeff, chunk,
                (floor + chunk - 1) / chunk, cap / chunk, MAX_POINTS, ratio, AIM * width);
        int next = nextSet(rows);
        List<PlannedRun> runs = new ArrayList<>();
        for (int i = 0; i < sets.length; i++) {
            if (sets[i] > 0) {
                runs.add(new PlannedRun(lattice[i], next * statesPerPatternSet, sets[i] * statesPerPatternSet));
                next += sets[i];
            }
        }
        return new BoundaryRound(round, runs, points.trials(), estimate);
    }

    /** The design effect of a point's success fraction, kept within [1, S]; 1 where all trials agree. */
    private double designEffect(SetCounts c) {
        double deff = ClusteredProportion.designEffect(c);
        return StrictMath.max(1, StrictMath.min(statesPerPatternSet, deff));
    }

    /** The committed counts pooled per point, ascending in x, as a rising curve (failures are events if falling). */
    private record Points(double[] x, SetCounts[] counts) {

        static Points of(List<CommittedSet> rows, int S, Direction direction) {
            List<CommittedSet> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingDouble(CommittedSet::x).thenComparingInt(CommittedSet::set));
            List<Double> xs = new ArrayList<>();
            List<SetCounts> counts = new ArrayList<>();
            int start = 0;
            for (int r = 1; r <= sorted.size(); r++) {
                if (r == sorted.size() || Double.compare(sorted.get(r).x(), sorted.get(start).x()) != 0) {
                    int size = r - start;
                    int[] s = new int[size];
                    int[] t = new int[size];
                    for (int j = 0; j < size; j++) {
                        CommittedSet c = sorted.get(start + j);
                        t[j] = c.trials();
                        s[j] = direction == Direction.RISING ? c.successes() : c.trials() - c.successes();
                    }
                    xs.add(sorted.get(start).x());
                    counts.add(new SetCounts(s, t));
                    start = r;
                }
            }
            return new Points(xs.stream().mapToDouble(Double::doubleValue).toArray(), counts.toArray(new SetCounts[0]));
        }

        int trials() {
            return Arrays.stream(counts).mapToInt(SetCounts::totalTrials).sum();
        }
    }
}
