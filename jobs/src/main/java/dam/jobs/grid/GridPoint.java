package dam.jobs.grid;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One point (n, neurons, alpha, m0) of the sweep grid, with its pattern count p = round(alpha N^(n-1)),
 * N = neurons.
 */
public record GridPoint(int n, int neurons, double alpha, double m0, int p) implements Serializable {

    /** Grid order: n, neurons, alpha, m0 ascending. */
    public static final Comparator<GridPoint> ORDER = Comparator.comparingInt(GridPoint::n)
            .thenComparingInt(GridPoint::neurons).thenComparingDouble(GridPoint::alpha).thenComparingDouble(GridPoint::m0);

    /** Estimated cost of one trial of T steps, proportional to the field computation p * N per step. */
    public double trialCost(int steps) {
        return (double) p * neurons * steps;
    }

    /** The theory key (n, alpha, m0) this point shares with every other network size. */
    public TheoryKey theoryKey() {
        return new TheoryKey(n, alpha, m0);
    }

    /** A short label "n=3 neurons=256 alpha=0.1 m0=0.5" for progress lines and errors. */
    public String label() {
        return "n=" + n + " neurons=" + neurons + " alpha=" + alpha + " m0=" + m0;
    }
}
