package dam.core.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * The "--key value" options of a benchmark's command line, read by name with a default; every error is one line that
 * names the option ("--S: must lie in [1, 1000], got 0"). A key given twice keeps its last value; {@link #finish()}
 * rejects the keys nothing read.
 */
final class Options {

    /** A condition on an option's numbers, with its wording after "must" in the error. */
    record Bound(DoublePredicate holds, String wording) {

        /** &gt; 0 and finite. */
        static final Bound POSITIVE = new Bound(x -> x > 0 && x < Double.POSITIVE_INFINITY, "be positive");

        /** &gt;= 0 and finite. */
        static final Bound NON_NEGATIVE = new Bound(x -> x >= 0 && x < Double.POSITIVE_INFINITY, "be >= 0 and finite");

        /** min &lt;= x &lt;= max. */
        static Bound within(double min, double max) {
            return new Bound(x -> x >= min && x <= max, "lie in [" + min + ", " + max + "]");
        }
    }

    /** A benchmark's work, run by {@link #exitOnBadOption}. */
    @FunctionalInterface
    interface Command {
        void run() throws Exception;
    }

    /** The max of an integer option without an upper bound. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final Map<String, String> values = new LinkedHashMap<>();
    private final String usage;

    /** The options of args, in pairs; usage ends the error for an unknown key, e.g. "see StepThroughput javadoc". */
    Options(String[] args, String usage) {
        this.usage = usage;
        for (int k = 0; k < args.length; k += 2) {
            if (k + 1 >= args.length) {
                throw new IllegalArgumentException(args[k] + ": missing value");
            }
            values.put(args[k], args[k + 1]);
        }
    }

    /**
     * Runs a benchmark's main: a bad option (IllegalArgumentException) is one line on stderr after the prefix, and
     * exit 2.
     */
    static void exitOnBadOption(String prefix, Command command) throws Exception {
        try {
            command.run();
        } catch (IllegalArgumentException e) {
            System.err.println(prefix + e.getMessage());
            System.exit(2);
        }
    }

    /** The option's text, or null where it is not given. */
    String text(String key) {
        return values.remove(key);
    }

    /** The option as a path, or null where it is not given. */
    Path path(String key) {
        String v = text(key);
        return v == null ? null : Path.of(v);
    }

    /** An error for the option where it is given (a removed or renamed option). */
    void refuse(String key, String reason) {
        if (values.containsKey(key)) {
            throw new IllegalArgumentException(key + ": " + reason);
        }
    }

    /** A comma-separated list, each element parsed (parse's errors should name the key), or fallback. */
    <T> List<T> list(String key, List<T> fallback, Function<String, T> parse) {
        String v = text(key);
        if (v == null) {
            return fallback;
        }
        List<T> out = new ArrayList<>();
        for (String part : v.split(",")) {
            out.add(parse.apply(part));
        }
        return out;
    }

    /** A comma-separated list of numbers meeting the bound, or fallback. */
    double[] reals(String key, double[] fallback, Bound bound) {
        String v = text(key);
        if (v == null) {
            return fallback;
        }
        String[] parts = v.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": expected numbers, got '" + v + "'");
            }
            if (!bound.holds().test(out[i])) {
                throw new IllegalArgumentException(key + ": must " + bound.wording() + ", got " + parts[i].trim());
            }
        }
        return out;
    }

    /** One number meeting the bound, or fallback. */
    double real(String key, double fallback, Bound bound) {
        double[] v = reals(key, null, bound);
        if (v == null) {
            return fallback;
        }
        requireOne(key, v.length);
        return v[0];
    }

    /** A comma-separated list of integers in [min, max], or fallback. */
    int[] integers(String key, int[] fallback, int min, int max) {
        String v = text(key);
        if (v == null) {
            return fallback;
        }
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": expected integers, got '" + v + "'");
            }
            if (out[i] < min || out[i] > max) {
                throw new IllegalArgumentException(key + ": must " + (max == UNBOUNDED ? "be >= " + min
                        : "lie in [" + min + ", " + max + "]") + ", got " + out[i]);
            }
        }
        return out;
    }

    /** One integer in [min, max], or fallback. */
    int integer(String key, int fallback, int min, int max) {
        int[] v = integers(key, null, min, max);
        if (v == null) {
            return fallback;
        }
        requireOne(key, v.length);
        return v[0];
    }

    /** A whole number (a seed), or fallback. */
    long whole(String key, long fallback) {
        String v = text(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, got '" + v + "'");
        }
    }

    /** Rejects the options nothing has read. */
    void finish() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException(values.keySet().iterator().next() + ": unknown option (" + usage + ")");
        }
    }

    private static void requireOne(String key, int count) {
        if (count != 1) {
            throw new IllegalArgumentException(key + ": expected one value, got " + count);
        }
    }
}
