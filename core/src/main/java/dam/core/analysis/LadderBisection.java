package dam.core.analysis;

import dam.core.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * Bisection of a threshold x_c(T) for every horizon T of a ladder at once, from evaluations that each answer
 * all horizons: one solve of the effective process to the largest T gives m(t) for every t &lt;= T, so one
 * evaluation at x says on which side of x_c(T) x lies for every T of the ladder.
 *
 * <p>The predicate holds below the threshold and fails above it (for the capacity: "retrieves at load
 * alpha"; for the basin boundary: "fails from m0"). Every evaluation is kept. For each horizon the bracket is
 * [lower, upper] with upper the smallest x seen to fail and lower the largest x below it seen to hold; an
 * evaluation above upper that holds contradicts monotonicity in x and is counted as a violation of that
 * horizon's bracket (reported, never hidden). Each step evaluates the midpoint of the bracket that is widest
 * relative to its tolerance, which narrows that bracket and usually others; the loop ends when every bracket is
 * within tolerance. With one horizon the sequence of evaluations is that of a plain bisection.
 */
public final class LadderBisection {

    /**
     * The bracket of one horizon.
     *
     * @param steps      the horizon T
     * @param lower      largest x seen to hold below upper (NaN if none: the threshold is at or below upper)
     * @param upper      smallest x seen to fail (NaN if none: the threshold is at or above lower)
     * @param violations evaluations above upper at which the predicate held (0 for a monotone predicate)
     */
    public record Bracket(int steps, double lower, double upper, int violations) {

        /** The midpoint of the bracket, NaN if either end is missing. */
        public double estimate() {
            return (lower + upper) / 2;
        }

        /** This bracket as a capacity of order n (holds = retrieves at load alpha). */
        public Capacity capacity(int n) {
            return new Capacity(n, estimate(), lower, upper);
        }

        /** This bracket as a basin boundary (holds = fails from m0). */
        public BasinBoundary basinBoundary() {
            return new BasinBoundary(estimate(), lower, upper, BasinBoundary.BISECTION);
        }
    }

    private final int[] horizons;
    private final DoubleFunction<boolean[]> holds;
    /** x -&gt; the predicate at every horizon, in evaluation order of x. */
    private final TreeMap<Double, boolean[]> seen = new TreeMap<>();

    /**
     * @param horizons the ladder T_1 &lt; T_2 &lt; ...
     * @param holds    x -&gt; whether the predicate holds at each horizon (an array as long as horizons)
     */
    public LadderBisection(int[] horizons, DoubleFunction<boolean[]> holds) {
        checkLadder(horizons);
        this.horizons = horizons.clone();
        this.holds = holds;
    }

    /** Checks that a ladder is non-empty, positive and strictly ascending; throws naming "horizons" otherwise. */
    public static void checkLadder(int[] horizons) {
        if (horizons.length == 0) {
            throw new IllegalArgumentException("horizons: need at least one");
        }
        for (int i = 0; i < horizons.length; i++) {
            if (horizons[i] < 1 || (i > 0 && horizons[i] <= horizons[i - 1])) {
                throw new IllegalArgumentException("horizons: must be >= 1 and strictly ascending, got "
                        + java.util.Arrays.toString(horizons));
            }
        }
    }

    /**
     * The brackets on [lo, hi] to within tol (absolute): lo and hi are evaluated first, then midpoints.
     */
    public List<Bracket> bisect(double lo, double hi, double tol) {
        BasinBoundary.checkBracket(lo, hi, tol);
        evaluate(lo);
        evaluate(hi);
        return refine(tol, false);
    }

    /**
     * The brackets on [lo, x_max] to within tol (absolute) where only lo is a known end: lo and hi are evaluated first,
     * then x is doubled from hi while the predicate holds at some horizon at the largest x seen (but not beyond max),
     * then midpoints. For a threshold that may lie at lo itself (a critical temperature from lo = 0: the predicate
     * fails at lo where the load is above the capacity). A horizon at which the predicate still holds at max has no
     * upper end (NaN).
     */
    public List<Bracket> bisectUpward(double lo, double hi, double tol, double max) {
        BasinBoundary.checkBracket(lo, hi, tol);
        Require.positiveFinite("hi", hi);
        if (!(max >= hi) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("max: must be finite and >= hi (" + hi + "), got " + max);
        }
        evaluate(lo);
        evaluate(hi);
        for (int i = 0; i < Capacity.MAX_BRACKET_STEPS && any(seen.lastEntry().getValue(), true) && seen.lastKey() < max; i++) {
            evaluate(Math.min(max, seen.lastKey() * 2));
        }
        return refine(tol, false);
    }

    /**
     * The brackets without a known range: from start, x is doubled while the predicate holds at some horizon at
     * the largest x seen (but not beyond max), and halved while it fails at some horizon at the smallest, at most
     * {@value Capacity#MAX_BRACKET_STEPS} times each way; then every bracket is bisected to within
     * relativeTol times its lower end. A horizon at which the predicate still holds at the largest x has no upper
     * end (NaN).
     */
    public List<Bracket> search(double start, double relativeTol, double max) {
        if (!(max >= start)) {
            throw new IllegalArgumentException("max: must be >= start (" + start + "), got " + max);
        }
        if (!(start > 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("start: must be finite and > 0, got " + start);
        }
        if (!(relativeTol > 0 && relativeTol < 1)) {
            throw new IllegalArgumentException("relativeTol: must lie in (0, 1), got " + relativeTol);
        }
        evaluate(start);
        for (int i = 0; i < Capacity.MAX_BRACKET_STEPS && any(seen.lastEntry().getValue(), true) && seen.lastKey() < max; i++) {
            evaluate(Math.min(max, seen.lastKey() * 2));
        }
        for (int i = 0; i < Capacity.MAX_BRACKET_STEPS && any(seen.firstEntry().getValue(), false); i++) {
            evaluate(seen.firstKey() / 2);
        }
        return refine(relativeTol, true);
    }

    /** How many times the predicate was evaluated. */
    public int evaluations() {
        return seen.size();
    }

    private List<Bracket> refine(double tol, boolean relative) {
        while (true) {
            List<Bracket> brackets = brackets();
            Bracket widest = null;
            double widestRatio = 1;
            for (Bracket b : brackets) {
                if (Double.isNaN(b.lower()) || Double.isNaN(b.upper())) {
                    continue;
                }
                double ratio = (b.upper() - b.lower()) / (relative ? tol * b.lower() : tol);
                if (ratio > widestRatio) {
                    widest = b;
                    widestRatio = ratio;
                }
            }
            if (widest == null) {
                return brackets;
            }
            double mid = widest.estimate();
            if (mid <= widest.lower() || mid >= widest.upper() || seen.containsKey(mid)) {
                return brackets; // the bracket is as narrow as doubles allow
            }
            evaluate(mid);
        }
    }

    private void evaluate(double x) {
        boolean[] answer = holds.apply(x);
        if (answer.length != horizons.length) {
            throw new IllegalStateException("the predicate answered " + answer.length + " horizons, expected " + horizons.length);
        }
        seen.put(x, answer.clone());
    }

    private static boolean any(boolean[] values, boolean value) {
        for (boolean v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** The bracket of every horizon from all evaluations so far. */
    public List<Bracket> brackets() {
        List<Bracket> out = new ArrayList<>();
        for (int k = 0; k < horizons.length; k++) {
            double upper = Double.NaN;
            for (var e : seen.entrySet()) {
                if (!e.getValue()[k]) {
                    upper = e.getKey();
                    break;
                }
            }
            double lower = Double.NaN;
            int violations = 0;
            for (var e : seen.entrySet()) {
                if (e.getValue()[k]) {
                    if (Double.isNaN(upper) || e.getKey() < upper) {
                        lower = e.getKey();
                    } else {
                        violations++;
                    }
                }
            }
            out.add(new Bracket(horizons[k], lower, upper, violations));
        }
        return out;
    }
}
