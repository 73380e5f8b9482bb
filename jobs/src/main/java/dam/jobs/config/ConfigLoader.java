package dam.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dam.core.model.Initialisation;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a HOCON sweep config, fills in the defaults of reference.conf and validates every field,
 * so that a bad config fails with one line naming the field before any Spark work starts.
 */
public final class ConfigLoader {

    /** The grid keys: a list, a single value, or a range { from, to, step }. They have no default. */
    private static final List<String> GRID_KEYS = List.of("n", "neurons", "alpha", "m0");
    private static final Set<String> RANGE_KEYS = Set.of("from", "to", "step");
    /** The block of per-n axes, and the axes an entry of it may override. */
    private static final String BY_N = "by-n";
    private static final List<String> BY_N_KEYS = List.of("neurons", "alpha", "m0");
    /** Keys of earlier versions and their new names: refused with a line naming the new one. */
    private static final Map<String, String> RENAMED = Map.of("N", "neurons");
    /** Most values one grid axis may hold: a guard against a range with a tiny step. */
    private static final int MAX_AXIS = 100_000;

    private ConfigLoader() {
    }

    /** The reference config: the default of every sweep setting. */
    public static Config reference() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** Loads and validates the sweep block of a config file; throws {@link ConfigError} on any problem. */
    public static SweepConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("config", "no such file: " + file);
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigError("config", oneLine(e.getMessage()));
        }
        return fromConfig(user);
    }

    /** Validates the sweep block of an already parsed config; a relative output path resolves against the working directory. */
    public static SweepConfig fromConfig(Config user) {
        if (!user.hasPath("sweep")) {
            throw new ConfigError("sweep", "missing: a sweep config holds a sweep { ... } block");
        }
        Config resolved;
        try {
            resolved = user.withFallback(reference()).resolve();
        } catch (ConfigException e) {
            throw new ConfigError("config", oneLine(e.getMessage()));
        }
        rejectUnknownKeys(user.getConfig("sweep"));
        return validate(resolved.getConfig("sweep"));
    }

    private static void rejectUnknownKeys(Config userSweep) {
        Config ref = reference().getConfig("sweep");
        for (Map.Entry<String, ConfigValue> e : userSweep.entrySet()) {
            List<String> path = ConfigUtil.splitPath(e.getKey());
            String head = path.get(0);
            if (RENAMED.containsKey(head)) {
                throw new ConfigError("sweep." + head, "renamed to " + RENAMED.get(head));
            }
            if (head.equals(BY_N)) {
                rejectUnknownByNKey(e.getKey(), path, e.getValue());
                continue;
            }
            if (GRID_KEYS.contains(head)) {
                if (path.size() > 2 || (path.size() == 2 && !RANGE_KEYS.contains(path.get(1)))) {
                    throw new ConfigError("sweep." + e.getKey(), "unknown key (a range has only from, to, step)");
                }
                continue;
            }
            if (path.size() >= 3 && head.equals("spark") && path.get(1).equals("conf")) {
                continue; // free-form Spark settings
            }
            if (!ref.hasPath(e.getKey())) {
                throw new ConfigError("sweep." + e.getKey(), "unknown key");
            }
        }
    }

    /** A key under sweep.by-n must be by-n.<n>.<neurons|alpha|m0>, optionally followed by one range key. */
    private static void rejectUnknownByNKey(String key, List<String> path, ConfigValue value) {
        if (path.size() == 1) {
            throw new ConfigError("sweep." + key, "must be an object { \"<n>\" { neurons = ..., alpha = ..., m0 = ... } }, got "
                    + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        String entry = "sweep." + BY_N + "." + path.get(1);
        if (path.size() == 2) {
            throw new ConfigError(entry, "must be an object { neurons = ..., alpha = ..., m0 = ... }, got "
                    + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        if (RENAMED.containsKey(path.get(2))) {
            throw new ConfigError(entry + "." + path.get(2), "renamed to " + RENAMED.get(path.get(2)));
        }
        if (!BY_N_KEYS.contains(path.get(2))) {
            throw new ConfigError(entry + "." + path.get(2), "unknown key (an entry of by-n may set only neurons, alpha, m0)");
        }
        if (path.size() > 4 || (path.size() == 4 && !RANGE_KEYS.contains(path.get(3)))) {
            throw new ConfigError("sweep." + key, "unknown key (a range has only from, to, step)");
        }
    }

    private static SweepConfig validate(Config c) {
        List<Integer> n = intAxis(c, "n", "sweep.");
        for (int v : n) {
            require(v >= 2, "n", "must be >= 2, got " + v);
        }
        List<Integer> neurons = sizes(c, "sweep.");
        List<Double> alpha = loads(c, "sweep.");
        List<Double> m0 = overlaps(c, "sweep.");
        Map<Integer, SweepConfig.Axes> byN = byN(c, n, new SweepConfig.Axes(neurons, alpha, m0));
        int trials = integer(c, "trials");
        require(trials >= 1, "trials", "must be >= 1, got " + trials);
        int sps = integer(c, "states-per-pattern-set");
        require(sps >= 1, "states-per-pattern-set", "must be >= 1, got " + sps);
        int steps = integer(c, "steps");
        require(steps >= 1, "steps", "must be >= 1, got " + steps);
        UpdateOrder update = parse(c, "update", UpdateOrder::parse);
        Initialisation init = parse(c, "init", Initialisation::parse);
        double eps = number(c, "eps");
        require(eps >= 0 && eps < 1, "eps", "must lie in [0, 1), got " + eps);
        double mSuccess = number(c, "m-success");
        require(mSuccess >= -1 && mSuccess <= 1, "m-success", "must lie in [-1, 1], got " + mSuccess);
        long seed = longValue(c, "seed");
        int partitions = integer(c, "partitions");
        require(partitions >= 0, "partitions", "must be >= 0 (0 = one per work unit), got " + partitions);
        int unitTrials = integer(c, "unit-trials");
        require(unitTrials >= 0, "unit-trials", "must be >= 0 (0 = automatic), got " + unitTrials);
        int batchPoints = integer(c, "batch-points");
        require(batchPoints >= 0, "batch-points", "must be >= 0 (0 = automatic), got " + batchPoints);

        boolean theoryOn = bool(c, "theory.enabled");
        int paths = integer(c, "theory.paths");
        require(paths >= 1, "theory.paths", "must be >= 1, got " + paths);
        double basinTol = number(c, "theory.basin-tol");
        require(basinTol > 0 && basinTol < 1, "theory.basin-tol", "must lie in (0, 1), got " + basinTol);
        TheoryConfig theory = new TheoryConfig(theoryOn, paths, basinTol);

        SparkConfig spark = new SparkConfig(string(c, "spark.master"), string(c, "spark.app-name"), sparkConf(c));
        require(!spark.master().isBlank(), "spark.master", "must not be empty");

        Path output = Path.of(string(c, "output")).toAbsolutePath().normalize();
        SweepConfig config = new SweepConfig(n, neurons, alpha, m0, byN, trials, sps, steps, update, init, eps, mSuccess,
                seed, output, partitions, unitTrials, batchPoints, theory, spark);
        checkPatternMatrices(config);
        checkWritable(output, "output");
        return config;
    }

    /** The network sizes under prefix + "neurons": integers >= 2. */
    private static List<Integer> sizes(Config c, String prefix) {
        List<Integer> out = intAxis(c, "neurons", prefix);
        for (int v : out) {
            check(v >= 2, prefix + "neurons", "must be >= 2, got " + v);
        }
        return out;
    }

    /** The loads under prefix + "alpha": finite and > 0. */
    private static List<Double> loads(Config c, String prefix) {
        List<Double> out = doubleAxis(c, "alpha", prefix);
        for (double v : out) {
            check(v > 0 && Double.isFinite(v), prefix + "alpha", "must be > 0, got " + v);
        }
        return out;
    }

    /** The initial overlaps under prefix + "m0": in [-1, 1]. */
    private static List<Double> overlaps(Config c, String prefix) {
        List<Double> out = doubleAxis(c, "m0", prefix);
        for (double v : out) {
            check(v >= -1 && v <= 1, prefix + "m0", "must lie in [-1, 1], got " + v);
        }
        return out;
    }

    /**
     * The complete axes of every n that sweep.by-n overrides: each entry's key must be an n of the grid,
     * and the axes it leaves out are the sweep's own (base).
     */
    private static Map<Integer, SweepConfig.Axes> byN(Config c, List<Integer> n, SweepConfig.Axes base) {
        Map<Integer, SweepConfig.Axes> out = new TreeMap<>();
        if (!c.hasPath(BY_N)) {
            return out;
        }
        if (c.getValue(BY_N).valueType() != ConfigValueType.OBJECT) {
            throw new ConfigError("sweep." + BY_N, "must be an object { \"<n>\" { neurons = ..., alpha = ..., m0 = ... } }");
        }
        for (Map.Entry<String, ConfigValue> e : c.getObject(BY_N).entrySet()) {
            String prefix = "sweep." + BY_N + "." + e.getKey() + ".";
            String field = "sweep." + BY_N + "." + e.getKey();
            Integer order = null;
            try {
                order = Integer.valueOf(e.getKey().trim());
            } catch (NumberFormatException ex) {
                // reported below, together with an n that is not in the grid
            }
            if (order == null || !n.contains(order)) {
                throw new ConfigError(field, "not an n of the grid (sweep.n = " + n + ")");
            }
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new ConfigError(field, "must be an object { neurons = ..., alpha = ..., m0 = ... }, got "
                        + e.getValue().valueType().name().toLowerCase(Locale.ROOT));
            }
            Config entry = ((ConfigObject) e.getValue()).toConfig();
            for (String key : entry.root().keySet()) {
                if (!BY_N_KEYS.contains(key)) {
                    throw new ConfigError(prefix + key, "unknown key (an entry of by-n may set only neurons, alpha, m0)");
                }
            }
            if (out.put(order, new SweepConfig.Axes(
                    entry.hasPath("neurons") ? sizes(entry, prefix) : base.neurons(),
                    entry.hasPath("alpha") ? loads(entry, prefix) : base.alpha(),
                    entry.hasPath("m0") ? overlaps(entry, prefix) : base.m0())) != null) {
                throw new ConfigError(field, "duplicate entry for n = " + order);
            }
        }
        return out;
    }

    /**
     * Every (n, neurons, alpha) of the grid (with each n's own axes) must give p >= 1 patterns whose matrix fits
     * in half an executor's memory.
     */
    public static void checkPatternMatrices(SweepConfig config) {
        long budget = executorMemory(config.spark()) / 2;
        for (int ni : config.n()) {
            SweepConfig.Axes axes = config.axes(ni);
            // Name the by-n entry when this n has one: that is where its neurons or alpha would be changed.
            String field = config.byN().containsKey(ni) ? "sweep." + BY_N + "." + ni : "sweep.neurons";
            for (int Ni : axes.neurons()) {
                for (double a : axes.alpha()) {
                    double exact = a * Math.pow(Ni, ni - 1);
                    if (Math.rint(exact) < 1) {
                        throw new ConfigError(field, String.format(Locale.ROOT,
                                "too small: p = round(alpha N^(n-1)) = 0 patterns at n=%d, neurons=%d, alpha=%s", ni, Ni, a));
                    }
                    Model model;
                    try {
                        model = Model.atLoad(ni, Ni, a, UpdateOrder.PARALLEL);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigError(field, String.format(Locale.ROOT, "at n=%d, neurons=%d, alpha=%s: %s",
                                ni, Ni, a, e.getMessage()));
                    }
                    if (model.patternBytes() > budget) {
                        throw new ConfigError(field, String.format(Locale.ROOT,
                                "pattern matrix at n=%d, neurons=%d, alpha=%s (p=%d) needs %d MiB, more than half the "
                                        + "executor memory (%d MiB); lower neurons or alpha, or raise "
                                        + "sweep.spark.conf.\"spark.executor.memory\"",
                                ni, Ni, a, model.p(), model.patternBytes() >> 20, (2 * budget) >> 20));
                    }
                }
            }
        }
    }

    /**
     * Memory of one executor: spark.executor.memory from the config or from spark-submit, this JVM's heap
     * for a local master, else Spark's 1g default.
     */
    static long executorMemory(SparkConfig spark) {
        String configured = spark.conf().getOrDefault("spark.executor.memory", System.getProperty("spark.executor.memory"));
        if (configured != null) {
            return parseBytes(configured);
        }
        if (spark.master().startsWith("local")) {
            return Runtime.getRuntime().maxMemory();
        }
        return 1L << 30;
    }

    static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1L << 20; // Spark reads a bare number as MiB
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'b') {
            t = t.substring(0, t.length() - 1);
            last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        }
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> last = ' ';
        }
        if (last != ' ') {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t.trim()) * unit;
        } catch (NumberFormatException e) {
            throw new ConfigError("sweep.spark.conf.\"spark.executor.memory\"", "expected a size like 2g or 512m, got '" + s + "'");
        }
    }

    /** The output directory must be writable, or creatable under a writable existing ancestor. Creates nothing. */
    public static void checkWritable(Path output, String field) {
        Path p = output;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            throw new ConfigError("sweep." + field, "no existing ancestor directory for " + output);
        }
        if (!Files.isDirectory(p)) {
            throw new ConfigError("sweep." + field, (p.equals(output) ? "" : "ancestor ") + p + " is not a directory");
        }
        if (!Files.isWritable(p)) {
            throw new ConfigError("sweep." + field, "not writable: " + p);
        }
    }

    private static Map<String, String> sparkConf(Config c) {
        Map<String, String> out = new LinkedHashMap<>();
        Config conf = c.getConfig("spark.conf");
        for (Map.Entry<String, ConfigValue> e : conf.entrySet()) {
            String key = String.join(".", ConfigUtil.splitPath(e.getKey()));
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST || t == ConfigValueType.NULL) {
                throw new ConfigError("sweep.spark.conf." + e.getKey(), "must be a string, number or boolean, got " + t);
            }
            out.put(key, String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    private static List<Integer> intAxis(Config c, String key, String prefix) {
        List<BigDecimal> values = axis(c, key, prefix);
        List<Integer> out = new ArrayList<>();
        for (BigDecimal v : values) {
            try {
                out.add(v.intValueExact());
            } catch (ArithmeticException e) {
                throw new ConfigError(prefix + key, "must be integers, got " + v.toPlainString());
            }
        }
        return out;
    }

    private static List<Double> doubleAxis(Config c, String key, String prefix) {
        List<Double> out = new ArrayList<>();
        for (BigDecimal v : axis(c, key, prefix)) {
            out.add(v.doubleValue());
        }
        return out;
    }

    /**
     * A grid axis: a number, a list of numbers, or { from, to, step } (inclusive, in exact decimal steps);
     * errors name prefix + key (e.g. sweep.alpha or sweep.by-n.4.alpha).
     */
    private static List<BigDecimal> axis(Config c, String key, String prefix) {
        String field = prefix + key;
        if (!c.hasPath(key)) {
            throw new ConfigError(field, "missing (a list, a number, or a range { from, to, step })");
        }
        ConfigValue v = c.getValue(key);
        List<BigDecimal> out = new ArrayList<>();
        switch (v.valueType()) {
            case NUMBER -> out.add(decimal(v, field));
            case LIST -> {
                ConfigList list = (ConfigList) v;
                for (int i = 0; i < list.size(); i++) {
                    out.add(decimal(list.get(i), field + "[" + i + "]"));
                }
            }
            case OBJECT -> {
                ConfigObject range = (ConfigObject) v;
                for (String k : List.of("from", "to", "step")) {
                    if (!range.containsKey(k)) {
                        throw new ConfigError(field + "." + k, "missing (a range needs from, to and step)");
                    }
                }
                BigDecimal from = decimal(range.get("from"), field + ".from");
                BigDecimal to = decimal(range.get("to"), field + ".to");
                BigDecimal step = decimal(range.get("step"), field + ".step");
                if (step.signum() <= 0) {
                    throw new ConfigError(field + ".step", "must be > 0, got " + step.toPlainString());
                }
                if (to.compareTo(from) < 0) {
                    throw new ConfigError(field + ".to", "must be >= from (" + from.toPlainString() + "), got " + to.toPlainString());
                }
                for (BigDecimal x = from; x.compareTo(to) <= 0; x = x.add(step)) {
                    out.add(x);
                    if (out.size() > MAX_AXIS) {
                        throw new ConfigError(field + ".step", "too small: more than " + MAX_AXIS + " values");
                    }
                }
            }
            default -> throw new ConfigError(field, "must be a number, a list or a range { from, to, step }, got "
                    + v.valueType().name().toLowerCase(Locale.ROOT));
        }
        if (out.isEmpty()) {
            throw new ConfigError(field, "must not be empty");
        }
        Set<BigDecimal> seen = new HashSet<>();
        for (BigDecimal x : out) {
            if (!seen.add(x.stripTrailingZeros())) {
                throw new ConfigError(field, "duplicate value " + x.toPlainString());
            }
        }
        return out;
    }

    private static BigDecimal decimal(ConfigValue v, String field) {
        if (v.valueType() != ConfigValueType.NUMBER) {
            throw new ConfigError(field, "must be a number, got " + v.valueType().name().toLowerCase(Locale.ROOT)
                    + " " + v.render());
        }
        Number num = (Number) v.unwrapped();
        if (num instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new ConfigError(field, "must be finite, got " + d);
            }
            return BigDecimal.valueOf(d); // shortest decimal form: 0.1 stays 0.1, so ranges step exactly
        }
        return BigDecimal.valueOf(num.longValue());
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new ConfigError("sweep." + key, reason);
        }
    }

    /** Like require, for a field named in full (e.g. sweep.by-n.4.alpha). */
    private static void check(boolean ok, String field, String reason) {
        if (!ok) {
            throw new ConfigError(field, reason);
        }
    }

    private static int integer(Config c, String key) {
        return typed(c, key, Config::getInt, "an integer");
    }

    private static long longValue(Config c, String key) {
        return typed(c, key, Config::getLong, "an integer");
    }

    private static double number(Config c, String key) {
        return typed(c, key, Config::getDouble, "a number");
    }

    private static boolean bool(Config c, String key) {
        return typed(c, key, Config::getBoolean, "true or false");
    }

    /** The value at key read by getter, or a one-line error naming sweep.key and the expected type. */
    private static <T> T typed(Config c, String key, java.util.function.BiFunction<Config, String, T> getter,
                               String expected) {
        try {
            return getter.apply(c, key);
        } catch (ConfigException.WrongType | ConfigException.Missing e) {
            throw new ConfigError("sweep." + key, "must be " + expected + ", got " + describe(c, key));
        }
    }

    private static String string(Config c, String key) {
        ConfigValue v = c.hasPath(key) ? c.getValue(key) : null;
        if (v == null || v.valueType() != ConfigValueType.STRING) {
            throw new ConfigError("sweep." + key, "must be a string, got " + describe(c, key));
        }
        return c.getString(key);
    }

    private static <T> T parse(Config c, String key, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(string(c, key));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep." + key, e.getMessage());
        }
    }

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

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").trim();
    }
}
