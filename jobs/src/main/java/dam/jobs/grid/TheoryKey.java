package dam.jobs.grid;

import dam.core.model.MemoryModel;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** The theory does not depend on the network size: it is solved once per (model, n, temperature, alpha, m0). */
public record TheoryKey(MemoryModel model, int n, double temperature, double alpha, double m0) implements Serializable {

    /** model, n, temperature, alpha, m0 ascending. */
    public static final Comparator<TheoryKey> ORDER = Comparator.comparing(TheoryKey::model)
            .thenComparingInt(TheoryKey::n).thenComparingDouble(TheoryKey::temperature)
            .thenComparingDouble(TheoryKey::alpha).thenComparingDouble(TheoryKey::m0);

    /** Stable across JVMs (a record's own hash uses the enum's identity hash): Spark shuffles on it. */
    @Override
    public int hashCode() {
        return Objects.hash(model.ordinal(), n, temperature, alpha, m0);
    }
}
