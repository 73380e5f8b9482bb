package dam.jobs.grid;

import java.io.Serializable;
import java.util.Comparator;

/** The theory does not depend on the network size: it is solved once per (n, alpha, m0). */
public record TheoryKey(int n, double alpha, double m0) implements Serializable {

    /** n, alpha, m0 ascending. */
    public static final Comparator<TheoryKey> ORDER = Comparator.comparingInt(TheoryKey::n)
            .thenComparingDouble(TheoryKey::alpha).thenComparingDouble(TheoryKey::m0);
}
