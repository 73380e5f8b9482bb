package dam.jobs.config;

import java.util.Locale;

/**
 * How a config's loads are written, and how figures show them (docs/physics.md section 2). The tables always
 * hold the raw load alpha, p = round(alpha N^(n-1)).
 *
 * <ul>
 *   <li>{@code raw}: the config's alpha is alpha itself.</li>
 *   <li>{@code normalised}: the config's alpha is alpha (2n-3)!!, the load at which the first-step signal-to-noise
 *       ratio m0^(n-1) / sqrt(alpha (2n-3)!!) is the same for every n; dam divides it by (2n-3)!! per n.</li>
 * </ul>
 */
public enum LoadConvention {
    RAW("raw"),
    NORMALISED("normalised");

    private final String key;

    LoadConvention(String key) {
        this.key = key;
    }

    /** The config value: raw or normalised. */
    public String key() {
        return key;
    }

    /** The convention named by a config value; throws naming the allowed values otherwise. */
    public static LoadConvention parse(String s) {
        for (LoadConvention c : values()) {
            if (c.key.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("must be raw or normalised, got \"" + s + "\"");
    }

    /** The convention named by a command-line option's value; a bad value is a {@link ConfigError} naming the option. */
    public static LoadConvention option(String option, String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(option, e.getMessage());
        }
    }

    /**
     * What a load given on the command line in this convention means, in one line: "load raw: alpha = 0.1 = p / N^(n-1)"
     * or "load normalised: alpha (2n-3)!! = 0.3 at n = 3, so alpha = p / N^(n-1) = 0.1".
     */
    public String describeOption(int n, double given) {
        return this == RAW ? "load raw: alpha = " + given + " = p / N^(n-1)"
                : "load normalised: alpha (2n-3)!! = " + given + " at n = " + n + ", so alpha = p / N^(n-1) = " + toRaw(n, given);
    }

    /** (2n-3)!!, the factor between the normalised and the raw load of order n (1, 3, 15, 105 for n = 2..5). */
    public static double doubleFactorial(int n) {
        double f = 1;
        for (int k = 2 * n - 3; k > 1; k -= 2) {
            f *= k;
        }
        return f;
    }

    /** The load in this convention of raw load alpha at order n. */
    public double fromRaw(int n, double alpha) {
        return this == RAW ? alpha : alpha * doubleFactorial(n);
    }

    /**
     * The raw load of a load written in this convention at order n, divided in decimal: normalised 0.3 at n = 3 is
     * exactly the double 0.1 a raw config would give (seeds depend on the load's bits), not 0.09999999999999999.
     */
    public double toRaw(int n, double load) {
        if (this == RAW) {
            return load;
        }
        return java.math.BigDecimal.valueOf(load)
                .divide(java.math.BigDecimal.valueOf(doubleFactorial(n)), java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** An axis title for loads of order n in this convention (the figure says which convention it shows). */
    public String axisTitle(int n) {
        return this == RAW ? "alpha (raw load, p = alpha N^(n-1))"
                : "alpha (2n-3)!! = " + (long) doubleFactorial(n) + " alpha (normalised load)";
    }

    /**
     * What a load in this convention is, for a figure title or a command's output: "raw load alpha = p / N^(n-1)" or
     * "normalised load alpha (2n-3)!!, alpha = p / N^(n-1)".
     */
    public String meaning() {
        return this == RAW ? "raw load alpha = p / N^(n-1)" : "normalised load alpha (2n-3)!!, alpha = p / N^(n-1)";
    }

    /** The symbol of the capacity in this convention: alpha_c or alpha_c (2n-3)!!. */
    public String capacitySymbol() {
        return this == RAW ? "alpha_c" : "alpha_c (2n-3)!!";
    }

    /** The symbol of a load in this convention, for legends. */
    public String symbol() {
        return this == RAW ? "alpha" : "alpha (2n-3)!!";
    }
}
