package dam.jobs.sweep;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One point (n, N, alpha, m0) of the sweep grid, with its pattern count p = round(alpha N^(n-1)).
 */
public record GridPoint(int n, int N, double alpha, double m0, int p) implements Serializable {

    /** Grid order: n, N, alpha, m0 ascending. */
    public static final Comparator<GridPoint> ORDER = Comparator.comparingInt(GridPoint::n)
            .thenComparingInt(GridPoint::N).thenComparingDouble(GridPoint::alpha).thenComparingDouble(GridPoint::m0);

    /** Estimated cost of one trial of T steps, proportional to the field computation p * N per step. */
    public double trialCost(int steps) {
        return (double) p * N * steps;
    }

    /** The theory key (n, alpha, m0) this point shares with every other N. */
    public TheoryKey theoryKey() {
        return new TheoryKey(n, alpha, m0);
    }

    /** A short label "n=3 N=256 alpha=0.1 m0=0.5" for progress lines and errors. */
    public String label() {
        return "n=" + n + " N=" + N + " alpha=" + alpha + " m0=" + m0;
    }
}
