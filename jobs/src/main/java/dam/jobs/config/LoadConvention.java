package dam.jobs.config;

import dam.core.model.MemoryModel;
import java.util.Locale;

/**
 * How a config's loads are written, and how figures show them (docs/physics.md section 2). The tables always
 * hold the raw load alpha, p = round(alpha N^(n-1)).
 *
 * <ul>
 *   <li>{@code raw}: the config's alpha is alpha itself.</li>
 *   <li>{@code normalised}: the config's alpha is alpha P(1), P(1) the crosstalk variance of the model at order n
 *       ((2n-3)!! for the dense model, (n-1)! for the p-body model, {@link MemoryModel#crosstalkVariance}): the load
 *       at which the first-step signal-to-noise ratio m0^(n-1) / sqrt(alpha P(1)) is the same for every n and both
 *       models; dam divides it by P(1) per model and n.</li>
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
     * What a load given on the command line in this convention means for the model at order n, in one line:
     * "load raw: alpha = 0.1 = p / N^(n-1)" or "load normalised: alpha (2n-3)!! = 0.3 at n = 3 (dense), so
     * alpha = p / N^(n-1) = 0.1".
     */
    public String describeOption(MemoryModel model, int n, double given) {
        return this == RAW ? "load raw: alpha = " + given + " = p / N^(n-1)"
                : "load normalised: alpha " + factorSymbol(model) + " = " + given + " at n = " + n + " (" + model.key()
                        + "), so alpha = p / N^(n-1) = " + toRaw(model, n, given);
    }

    /** P(1) of the model at order n as a double: the factor between the normalised and the raw load. */
    public static double factor(MemoryModel model, int n) {
        return model.crosstalkVariance(n).doubleValue();
    }

    /** The load in this convention of raw load alpha of the model at order n. */
    public double fromRaw(MemoryModel model, int n, double alpha) {
        return this == RAW ? alpha : alpha * factor(model, n);
    }

    /**
     * The raw load of a load written in this convention for the model at order n, divided in decimal: the dense
     * model's normalised 0.3 at n = 3 is exactly the double 0.1 a raw config would give (seeds depend on the load's
     * bits), not 0.09999999999999999.
     */
    public double toRaw(MemoryModel model, int n, double load) {
        if (this == RAW) {
            return load;
        }
        return java.math.BigDecimal.valueOf(load)
                .divide(new java.math.BigDecimal(model.crosstalkVariance(n)), java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** The symbol of P(1) of the model: (2n-3)!! (dense) or (n-1)! (p-body). */
    public static String factorSymbol(MemoryModel model) {
        return model == MemoryModel.PBODY ? "(n-1)!" : "(2n-3)!!";
    }

    /** An axis title for loads of the model at order n in this convention (the figure says which convention it shows). */
    public String axisTitle(MemoryModel model, int n) {
        return this == RAW ? "alpha (raw load, p = alpha N^(n-1))"
                : "alpha " + factorSymbol(model) + " = " + (long) factor(model, n) + " alpha (normalised load)";
    }

    /** An axis title for loads of both models at order n: each model's normalised load is alpha P(1) with its own P. */
    public String axisTitle(int n) {
        return this == RAW ? "alpha (raw load, p = alpha N^(n-1))" : "alpha P(1) (normalised load: dense "
                + (long) factor(MemoryModel.DENSE, n) + " alpha, pbody " + (long) factor(MemoryModel.PBODY, n) + " alpha)";
    }

    /**
     * What a load in this convention is, for a figure title or a command's output: "raw load alpha = p / N^(n-1)" or
     * "normalised load alpha P(1) (dense: alpha (2n-3)!!, pbody: alpha (n-1)!), alpha = p / N^(n-1)".
     */
    public String meaning() {
        return this == RAW ? "raw load alpha = p / N^(n-1)"
                : "normalised load alpha P(1) (dense: alpha (2n-3)!!, pbody: alpha (n-1)!), alpha = p / N^(n-1)";
    }

    /** The symbol of the model's capacity in this convention: alpha_c, alpha_c (2n-3)!! or alpha_c (n-1)!. */
    public String capacitySymbol(MemoryModel model) {
        return this == RAW ? "alpha_c" : "alpha_c " + factorSymbol(model);
    }

    /** The symbol of a load of the model in this convention, for legends. */
    public String symbol(MemoryModel model) {
        return this == RAW ? "alpha" : "alpha " + factorSymbol(model);
    }
}
