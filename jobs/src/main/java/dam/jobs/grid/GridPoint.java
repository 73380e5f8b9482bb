package dam.jobs.grid;

import dam.core.model.MemoryModel;
import java.io.Serializable;
import java.util.Objects;
import java.util.Comparator;

/**
 * One point (model, n, neurons, temperature, alpha, m0) of the sweep grid, with its pattern count
 * p = round(alpha N^(n-1)), N = neurons.
 */
public record GridPoint(MemoryModel model, int n, int neurons, double temperature, double alpha, double m0, int p)
        implements Serializable {

    /** Grid order: model, n, neurons, temperature, alpha, m0 ascending. */
    public static final Comparator<GridPoint> ORDER = Comparator.comparing(GridPoint::model).thenComparingInt(GridPoint::n)
            .thenComparingInt(GridPoint::neurons).thenComparingDouble(GridPoint::temperature)
            .thenComparingDouble(GridPoint::alpha).thenComparingDouble(GridPoint::m0);

    /** Estimated cost of one trial of T steps, proportional to the field computation p * N per step. */
    public double trialCost(int steps) {
        return (double) p * neurons * steps;
    }

    /** The theory key (model, n, temperature, alpha, m0) this point shares with every other network size. */
    public TheoryKey theoryKey() {
        return new TheoryKey(model, n, temperature, alpha, m0);
    }

    /** The load (model, n, neurons, temperature, alpha) whose m0 scan this point belongs to. */
    public Load load() {
        return new Load(model, n, neurons, temperature, alpha);
    }

    /** A short label "dense n=3 neurons=256 temperature=0 alpha=0.1 m0=0.5" for progress lines and errors. */
    public String label() {
        return model.key() + " n=" + n + " neurons=" + neurons + " temperature=" + temperature + " alpha=" + alpha
                + " m0=" + m0;
    }

    /**
     * A hash that is the same in every JVM: a record's own hash uses the enum's identity hash, which differs between
     * the driver and each executor, so Spark's shuffles (groupByKey on grid points) would split one key's values.
     */
    @Override
    public int hashCode() {
        return Objects.hash(model.ordinal(), n, neurons, temperature, alpha, m0, p);
    }

    /** The grid points that share pattern sets and a kernel in one m0 scan: all but m0 in common. */
    public record Load(MemoryModel model, int n, int neurons, double temperature, double alpha) implements Serializable {

        /** model, n, neurons, temperature, alpha ascending. */
        public static final Comparator<Load> ORDER = Comparator.comparing(Load::model).thenComparingInt(Load::n)
                .thenComparingInt(Load::neurons).thenComparingDouble(Load::temperature)
                .thenComparingDouble(Load::alpha);

        /** Stable across JVMs, as {@link GridPoint#hashCode()}. */
        @Override
        public int hashCode() {
            return Objects.hash(model.ordinal(), n, neurons, temperature, alpha);
        }
    }
}
