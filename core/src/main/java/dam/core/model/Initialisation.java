package dam.core.model;

/** How the initial state sigma(0) is drawn around pattern 1 at a given initial overlap m0. */
public enum Initialisation {
    /** Exactly round(N (1 - m0) / 2) neurons, chosen uniformly, are flipped: m(0) is m0 up to rounding. */
    EXACT,
    /** Each neuron is flipped independently with probability (1 - m0) / 2. */
    BERNOULLI;

    /** The lower-case name used in configs, CLI options and Parquet columns. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a config or CLI value ("exact" or "bernoulli"), case-insensitively. */
    public static Initialisation parse(String s) {
        for (Initialisation i : values()) {
            if (i.key().equalsIgnoreCase(s.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("expected exact or bernoulli, got '" + s + "'");
    }
}
