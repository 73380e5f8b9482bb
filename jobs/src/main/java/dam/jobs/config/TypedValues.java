package dam.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Strict typed reads of the sweep block's single values: a key is relative to the block, and a wrong type,
 * a fraction where an integer belongs, or a missing value is a {@link ConfigError} naming sweep.key.
 */
final class TypedValues {

    private TypedValues() {
    }

    /** An int; see {@link #integral}. */
    static int integer(Config c, String key) {
        return (int) integral(c, key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A whole number in [min, max]: a fraction (10.5, or 1.9 as a seed) is rejected, not truncated; a number
     * written with an exponent (1e3) is accepted when it is whole.
     */
    static long integral(Config c, String key, long min, long max) {
        Number num = typed(c, key, Config::getNumber, "an integer");
        BigDecimal v;
        if (num instanceof Double || num instanceof Float) {
            double d = num.doubleValue();
            if (!Double.isFinite(d)) {
                throw new ConfigError("sweep." + key, "must be an integer, got " + d);
            }
            v = BigDecimal.valueOf(d);
        } else {
            v = new BigDecimal(num.toString());
        }
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new ConfigError("sweep." + key, "must be an integer, got " + v.toPlainString());
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ConfigError("sweep." + key, "must be an integer in [" + min + ", " + max + "], got " + v.toPlainString());
        }
        return v.longValueExact();
    }

    /** A number (an integer is one too). */
    static double number(Config c, String key) {
        return typed(c, key, Config::getDouble, "a number");
    }

    /** true or false. */
    static boolean bool(Config c, String key) {
        return typed(c, key, Config::getBoolean, "true or false");
    }

    /** A string value (a number or boolean is refused, not converted). */
    static String string(Config c, String key) {
        ConfigValue v = c.hasPath(key) ? c.getValue(key) : null;
        if (v == null || v.valueType() != ConfigValueType.STRING) {
            throw new ConfigError("sweep." + key, "must be a string, got " + describe(c, key));
        }
        return c.getString(key);
    }

    /** A string turned into a value by parser, whose IllegalArgumentException message becomes the reason. */
    static <T> T parse(Config c, String key, Function<String, T> parser) {
        try {
            return parser.apply(string(c, key));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep." + key, e.getMessage());
        }
    }

    /** The value at key read by getter, or a one-line error naming sweep.key and the expected type. */
    private static <T> T typed(Config c, String key, BiFunction<Config, String, T> getter, String expected) {
        try {
            return getter.apply(c, key);
        } catch (ConfigException.WrongType | ConfigException.Missing e) {
            throw new ConfigError("sweep." + key, "must be " + expected + ", got " + describe(c, key));
        }
    }

    /** What the value at key is, for a message: "nothing (missing)", "null", or its type and HOCON text. */
    private static String describe(Config c, String key) {
        if (!c.hasPathOrNull(key)) {
            return "nothing (missing)";
        }
        if (c.getIsNull(key)) {
            return "null";
        }
        ConfigValue v = c.getValue(key);
        return v.valueType().name().toLowerCase(Locale.ROOT) + " " + v.render();
    }
}
