package dam.jobs.grid;

import dam.core.model.MemoryModel;
import dam.core.model.Model;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * The load of one boundary search: (model, n, neurons, temperature) and the value held fixed, the load alpha for a
 * search in m0 (the basin boundary m0_c) or m0 = 1 for a search in alpha (the capacity alpha_c(n, N)).
 *
 * @param model       the memory
 * @param n           interaction order
 * @param neurons     network size N
 * @param temperature temperature
 * @param inM0        true for a search in m0, false for one in alpha
 * @param fixed       the raw load alpha (search in m0) or the initial overlap m0 (search in alpha)
 */
public record BoundaryLoad(MemoryModel model, int n, int neurons, double temperature, boolean inM0, double fixed)
        implements Serializable {

    /** model, n, neurons, temperature, the axis (m0 first), the fixed value ascending. */
    public static final Comparator<BoundaryLoad> ORDER = Comparator.comparing(BoundaryLoad::model)
            .thenComparingInt(BoundaryLoad::n).thenComparingInt(BoundaryLoad::neurons)
            .thenComparingDouble(BoundaryLoad::temperature).thenComparing(b -> !b.inM0())
            .thenComparingDouble(BoundaryLoad::fixed);

    /** The point at x of the search's axis, with its pattern count p = round(alpha N^(n-1)). */
    public GridPoint point(double x) {
        double alpha = inM0 ? fixed : x;
        return new GridPoint(model, n, neurons, temperature, alpha, inM0 ? x : fixed, Model.patternCount(n, neurons, alpha));
    }

    /** The point's value on the search's axis: m0 or alpha. */
    public double x(GridPoint g) {
        return inM0 ? g.m0() : g.alpha();
    }

    /** True if the point lies on this search's line: its load and, on the other axis, its fixed value. */
    public boolean holds(GridPoint g) {
        return g.model() == model && g.n() == n && g.neurons() == neurons
                && Double.compare(g.temperature(), temperature) == 0
                && Double.compare(inM0 ? g.alpha() : g.m0(), fixed) == 0;
    }

    /** A label for progress lines and errors: "dense n=3 neurons=512 temperature=0 alpha=0.1, m0 searched". */
    public String label() {
        return model.key() + " n=" + n + " neurons=" + neurons + " temperature=" + temperature
                + (inM0 ? " alpha=" + fixed + ", m0 searched" : " m0=" + fixed + ", alpha searched");
    }

    /** The load (model, n, neurons, temperature, alpha) of basins/ for a search in m0. */
    public GridPoint.Load load() {
        return new GridPoint.Load(model, n, neurons, temperature, inM0 ? fixed : Double.NaN);
    }

    /** Stable across JVMs (a record's own hash uses the enum's identity hash): Spark shuffles on it. */
    @Override
    public int hashCode() {
        return Objects.hash(model.ordinal(), n, neurons, temperature, inM0, fixed);
    }
}
