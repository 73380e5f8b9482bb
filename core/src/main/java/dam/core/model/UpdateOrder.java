package dam.core.model;

/** Order in which neurons are updated within one time step. */
public enum UpdateOrder {
    /** Every neuron updates at once from sigma(t) to sigma(t+1): the dynamics the GFA theory describes. */
    PARALLEL,
    /** One neuron at a time in a fresh random order; one step is one sweep of N updates (Krotov's choice). */
    SEQUENTIAL;

    /** The lower-case name used in configs, CLI options and Parquet columns. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a config or CLI value ("parallel" or "sequential"), case-insensitively. */
    public static UpdateOrder parse(String s) {
        for (UpdateOrder u : values()) {
            if (u.key().equalsIgnoreCase(s.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("expected parallel or sequential, got '" + s + "'");
    }
}
