package dam.jobs.phase;

import dam.core.model.MemoryModel;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * One phase diagram: the (alpha, m0) plane of one model and interaction order at one temperature, whose capacity,
 * basin boundaries and finite-size limits the phase-diagram job computes.
 */
public record Diagram(MemoryModel model, int n, double temperature) implements Serializable {

    /** model, n, temperature ascending. */
    public static final Comparator<Diagram> ORDER = Comparator.comparing(Diagram::model).thenComparingInt(Diagram::n)
            .thenComparingDouble(Diagram::temperature);

    /** "dense n = 3" or "pbody n = 3, temperature 0.2": the words progress lines and figures use. */
    public String label() {
        return model.key() + " n = " + n + (temperature > 0 ? ", temperature " + temperature : "");
    }

    /** Stable across JVMs (a record's own hash uses the enum's identity hash): Spark shuffles on it. */
    @Override
    public int hashCode() {
        return Objects.hash(model.ordinal(), n, temperature);
    }
}
