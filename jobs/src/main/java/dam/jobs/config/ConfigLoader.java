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
    /** Most grid points a sweep may have: the driver holds every point, and a batch's ledger record lists them. */
    static final int MAX_GRID_POINTS = 1_000_000;
    /** Most work units (Spark tasks) in one batch. */
    static final int MAX_UNITS = 100_000;

    private ConfigLoader() {
    }

    /** The reference config: the default of every sweep setting. */
    public static Config reference() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** Loads and validates the sweep block of a config file; throws {@link ConfigError} on any problem. */
    public static SweepConfig load(Path file) {
        return load(file, ConfigFactory.empty());
    }

    /**
     * Loads a config file, lays the overrides (command-line options, as sweep.* keys) over it, and validates
     * the result, so that every check sees the values the run will use.
     */
    public static SweepConfig load(Path file, Config overrides) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("config", "no such file: " + file);
        }
        Config user;
        try {
            user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigError("config", oneLine(e.getMessage()));
        }
        return fromConfig(overrides.withFallback(user));
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
        LoadConvention load = parse(c, "load", LoadConvention::parse);
        if (load == LoadConvention.NORMALISED) {
            // the config's loads are alpha (2n-3)!!: every n gets its own raw loads
            for (int order : n) {
                SweepConfig.Axes given = byN.getOrDefault(order, new SweepConfig.Axes(neurons, alpha, m0));
                byN.put(order, new SweepConfig.Axes(given.neurons(),
                        given.alpha().stream().map(a -> load.toRaw(order, a)).toList(), given.m0()));
            }
        }
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
        long seed = integral(c, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
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
        List<Integer> horizons = c.getList("theory.horizons").isEmpty() ? List.of(steps) : intAxis(c, "theory.horizons", "sweep.");
        for (int i = 0; i < horizons.size(); i++) {
            check(horizons.get(i) >= 1 && (i == 0 || horizons.get(i) > horizons.get(i - 1)), "sweep.theory.horizons",
                    "must be integers >= 1 in ascending order, got " + horizons);
        }
        int capacitySeeds = integer(c, "theory.capacity-seeds");
        require(capacitySeeds >= 1 && capacitySeeds <= 100, "theory.capacity-seeds", "must lie in [1, 100], got " + capacitySeeds);
        TheoryConfig theory = new TheoryConfig(theoryOn, paths, basinTol, horizons, capacitySeeds);

        SparkConfig spark = new SparkConfig(string(c, "spark.master"), string(c, "spark.app-name"), sparkConf(c));
        try {
            SparkMaster.check(spark.master());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep.spark.master", e.getMessage());
        }

        String output;
        try {
            output = OutputLocation.of(string(c, "output"));
            OutputLocation.checkScheme(output, hadoopSettings(spark));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep.output", e.getMessage());
        }
        if (OutputLocation.local(output)) {
            checkWritable(OutputLocation.localPath(output), "output");
        }
        SweepConfig config = new SweepConfig(n, neurons, alpha, m0, byN, trials, sps, steps, update, init, eps, mSuccess,
                seed, output, partitions, unitTrials, batchPoints, theory, spark, load);
        checkResources(config);
        return config;
    }

    /**
     * The Hadoop settings a run will have, to find a scheme's file system: the defaults on the class path,
     * then spark.hadoop.* of spark-submit (system properties) and of the config (with --conf).
     */
    private static org.apache.hadoop.conf.Configuration hadoopSettings(SparkConfig spark) {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        String prefix = "spark.hadoop.";
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                conf.set(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        spark.conf().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                conf.set(k.substring(prefix.length()), v);
            }
        });
        return conf;
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
     * Checks, before Spark starts, everything about the grid's size that would otherwise fail inside a task:
     * the number of grid points and of work units per batch, p >= 1 and the pattern-matrix limit, the field's
     * 64-bit range at every (n, neurons), and the memory of the largest task times the tasks that run at once
     * against the executor's memory ({@link TaskMemory}, {@link SparkMaster}).
     */
    public static void checkResources(SweepConfig config) {
        int tasks = SparkMaster.concurrentTasks(config.spark());
        long executor = SparkMaster.executorMemory(config.spark());
        double budget = TaskMemory.budgetBytes(executor);
        String concurrency = concurrency(config.spark(), tasks);
        String room = String.format(Locale.ROOT, "the budget of %s (half of the %s %s after Spark's 300 MiB reserve)",
                TaskMemory.mib(budget), TaskMemory.mib(executor),
                config.spark().master().startsWith("local") && !config.spark().master().startsWith("local-cluster")
                        ? "heap of this JVM" : "executor memory");
        String remedy = config.spark().master().startsWith("local") && !config.spark().master().startsWith("local-cluster")
                ? "run fewer tasks at once (--master local[1]) or give the JVM more memory (DAM_JAVA_OPTS=-Xmx8g)"
                : "run fewer tasks per executor (spark.executor.cores) or raise spark.executor.memory";

        double summary = TaskMemory.summaryBytes(config.trials(), config.steps());
        if (summary * tasks > budget) {
            String field = config.steps() > config.trials() ? "steps" : "trials";
            throw new ConfigError("sweep." + field, String.format(Locale.ROOT,
                    "a grid point's summary holds all its trials' m(t) and f(t) at once, trials x (2T+1) x 8 bytes "
                            + "= %s (trials = %d, T = %d), and %s: %s in all, more than %s; lower trials or steps, or %s",
                    TaskMemory.mib(summary), config.trials(), config.steps(), concurrency,
                    TaskMemory.mib(summary * tasks), room, remedy));
        }
        if (config.theory().enabled()) {
            int theorySteps = Math.max(config.steps(), config.theory().maxHorizon());
            double theory = TaskMemory.theoryBytes(config.theory().paths(), theorySteps);
            if (theory * tasks > budget) {
                String field = 16.0 * (theorySteps + 1) > 4.4 * config.theory().paths()
                        ? (theorySteps > config.steps() ? "theory.horizons" : "steps") : "theory.paths";
                throw new ConfigError("sweep." + field, String.format(Locale.ROOT,
                        "a theory solve keeps every path's history, about 4.4 bytes per path and step, and C and G: %s "
                                + "(M = %d, T = %d), and %s: "
                                + "%s in all, more than %s; lower theory.paths, steps or theory.horizons, or %s",
                        TaskMemory.mib(theory), config.theory().paths(), theorySteps, concurrency,
                        TaskMemory.mib(theory * tasks), room, remedy));
            }
        }
        double gridPoints = 0;
        for (int ni : config.n()) {
            SweepConfig.Axes axes = config.axes(ni);
            gridPoints += (double) axes.neurons().size() * axes.alpha().size() * axes.m0().size();
        }
        if (gridPoints > MAX_GRID_POINTS) {
            throw new ConfigError("sweep.m0", String.format(Locale.ROOT,
                    "the grid has %.0f points (n x neurons x alpha x m0), more than %d; split the sweep", gridPoints,
                    MAX_GRID_POINTS));
        }
        int sps = config.statesPerPatternSet();
        long slice = config.unitTrials() > 0
                ? Math.min(config.trials(), ((long) config.unitTrials() + sps - 1) / sps * sps) : config.trials();
        long batch = config.batchPoints() > 0 ? Math.min(config.batchPoints(), (long) gridPoints)
                : Math.max(1, ((long) gridPoints + 7) / 8);
        double units = batch * Math.ceil(config.trials() / (double) slice);
        if (config.unitTrials() > 0 && units > MAX_UNITS) {
            throw new ConfigError("sweep.unit-trials", String.format(Locale.ROOT,
                    "%d trials per work unit make %.0f work units (Spark tasks) in a batch of %d grid points, more "
                            + "than %d; raise unit-trials (or 0 = automatic) or lower batch-points",
                    slice, units, batch, MAX_UNITS));
        }

        for (int ni : config.n()) {
            SweepConfig.Axes axes = config.axes(ni);
            // Name the by-n entry when this n has one: that is where its neurons or alpha would be changed.
            SweepConfig.Axes own = config.byN().get(ni);
            String prefix = own != null ? "sweep." + BY_N + "." + ni + "." : "sweep.";
            for (int Ni : axes.neurons()) {
                for (double a : axes.alpha()) {
                    double exact = a * Math.pow(Ni, ni - 1);
                    if (Math.rint(exact) < 1) {
                        throw new ConfigError(own != null ? "sweep." + BY_N + "." + ni : "sweep.neurons", String.format(Locale.ROOT,
                                "too small: p = round(alpha N^(n-1)) = 0 patterns at n=%d, neurons=%d, alpha=%s", ni, Ni, a));
                    }
                    try {
                        FieldRange.check(ni, Ni, Math.rint(exact));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigError(own != null && config.neurons() != own.neurons() ? prefix + "neurons" : "sweep.n", e.getMessage());
                    }
                    Model model;
                    try {
                        model = Model.atLoad(ni, Ni, a, UpdateOrder.PARALLEL);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigError(prefix + "alpha", String.format(Locale.ROOT,
                                "p = round(alpha N^(n-1)) = %.3g patterns at n=%d, neurons=%d, alpha=%s exceed "
                                        + "the limit of 2^34 pattern bits (2 GiB); lower alpha or neurons",
                                Math.rint(exact), ni, Ni, a));
                    }
                    // A task runs the slice at every m0 of the load (one scan) and holds all their results.
                    long scanTrials = Math.min(Integer.MAX_VALUE, slice * axes.m0().size());
                    double task = TaskMemory.simulationBytes(model.patternBytes(), Ni, (int) scanTrials, config.steps());
                    if (task * tasks > budget) {
                        throw new ConfigError(prefix + "neurons", String.format(Locale.ROOT,
                                "a simulation task at n=%d, neurons=%d, alpha=%s (p=%d) needs about %s (pattern matrix %s), "
                                        + "and %s: %s in all, more than %s; lower neurons or alpha, or %s",
                                ni, Ni, a, model.p(), TaskMemory.mib(task), TaskMemory.mib(model.patternBytes()),
                                concurrency, TaskMemory.mib(task * tasks), room, remedy));
                    }
                }
            }
        }
    }

    /** "local[*] runs 2 tasks at once" and the like, for messages. */
    private static String concurrency(SparkConfig spark, int tasks) {
        String m = spark.master();
        if (m.startsWith("local") && !m.startsWith("local-cluster")) {
            return m + " runs " + tasks + (tasks == 1 ? " task" : " tasks") + " at once";
        }
        return "an executor runs " + tasks + (tasks == 1 ? " task" : " tasks") + " at once (spark.executor.cores)";
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
        return (int) integral(c, key, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A whole number in [min, max]: a fraction (10.5, or 1.9 as a seed) is rejected, not truncated; a number
     * written with an exponent (1e3) is accepted when it is whole.
     */
    private static long integral(Config c, String key, long min, long max) {
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
