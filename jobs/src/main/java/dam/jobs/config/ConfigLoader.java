package dam.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.UpdateOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a HOCON sweep config, fills in the defaults of reference.conf and validates every field, so that a bad
 * config fails with one line naming the field before any Spark work starts. The checks themselves live beside it:
 * {@link KnownKeys}, {@link GridAxes}, {@link TypedValues}, {@link OutputCheck}, {@link ResourceCheck},
 * {@link SparkConfCheck}.
 */
public final class ConfigLoader {

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
        if (!Files.exists(file)) {
            throw new ConfigError("config", "no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new ConfigError("config", file + " is a directory, not a config file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("config", file + " is not a regular file (a device, pipe or socket); give a config file");
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
        KnownKeys.check(user.getConfig("sweep"), reference().getConfig("sweep"));
        return validate(resolved.getConfig("sweep"));
    }

    private static SweepConfig validate(Config c) {
        List<MemoryModel> model = GridAxes.models(c, "sweep.");
        List<Integer> n = GridAxes.orders(c, "sweep.");
        List<Integer> neurons = GridAxes.sizes(c, "sweep.");
        List<Double> temperature = GridAxes.temperatures(c, "sweep.");
        int sps = TypedValues.integer(c, "states-per-pattern-set");
        ConfigError.check(sps >= 1, "sweep.states-per-pattern-set", "must be >= 1, got " + sps);
        Boundary alphaBoundary = c.hasPath("alpha") ? GridAxes.boundary(c, "alpha", "sweep.", sps) : null;
        Boundary m0Boundary = c.hasPath("m0") ? GridAxes.boundary(c, "m0", "sweep.", sps) : null;
        ConfigError.check(alphaBoundary == null || m0Boundary == null, "sweep.m0",
                "at most one axis in boundary form per sweep, and sweep.alpha is one");
        List<Double> alpha = alphaBoundary != null ? List.of() : GridAxes.loads(c, "sweep.");
        List<Double> m0 = m0Boundary != null ? List.of() : GridAxes.overlaps(c, "sweep.");
        Boundary boundary = alphaBoundary != null ? alphaBoundary : m0Boundary;
        Map<Integer, SweepConfig.Axes> byN = GridAxes.byN(c, n, new SweepConfig.Axes(neurons, alpha, m0, boundary), sps);
        for (int order : n) {
            SweepConfig.Axes axes = byN.getOrDefault(order, new SweepConfig.Axes(neurons, alpha, m0, boundary));
            String field = byN.containsKey(order) ? "sweep." + GridAxes.BY_N + "." + order + ".m0" : "sweep.m0";
            ConfigError.check(axes.boundary() == null || axes.boundary().inM0() || axes.m0().equals(List.of(1.0)), field,
                    "must be 1 where alpha is in boundary form (alpha_c is searched from m0 = 1), got " + axes.m0());
        }
        LoadConvention load = TypedValues.parse(c, "load", LoadConvention::parse);
        int trials = TypedValues.integer(c, "trials");
        ConfigError.check(trials >= 1, "sweep.trials", "must be >= 1, got " + trials);
        int steps = TypedValues.integer(c, "steps");
        ConfigError.check(steps >= 1, "sweep.steps", "must be >= 1, got " + steps);
        UpdateOrder update = TypedValues.parse(c, "update", UpdateOrder::parse);
        Initialisation init = TypedValues.parse(c, "init", Initialisation::parse);
        double eps = TypedValues.number(c, "eps");
        ConfigError.check(eps >= 0 && eps < 1, "sweep.eps", "must lie in [0, 1), got " + eps);
        double mTolerance = TypedValues.number(c, "m-tolerance");
        ConfigError.check(mTolerance > 0 && mTolerance <= 2, "sweep.m-tolerance", "must lie in (0, 2], got " + mTolerance);
        double mSuccess = TypedValues.number(c, "m-success");
        ConfigError.check(mSuccess >= -1 && mSuccess <= 1, "sweep.m-success", "must lie in [-1, 1], got " + mSuccess);
        long seed = TypedValues.integral(c, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int partitions = TypedValues.integer(c, "partitions");
        ConfigError.check(partitions >= 0, "sweep.partitions", "must be >= 0 (0 = one per work unit), got " + partitions);
        int unitTrials = TypedValues.integer(c, "unit-trials");
        ConfigError.check(unitTrials >= 0, "sweep.unit-trials", "must be >= 0 (0 = automatic), got " + unitTrials);
        int batchPoints = TypedValues.integer(c, "batch-points");
        ConfigError.check(batchPoints >= 0, "sweep.batch-points", "must be >= 0 (0 = automatic), got " + batchPoints);
        TheoryConfig theory = theory(c, steps);

        SparkConfig spark = new SparkConfig(TypedValues.string(c, "spark.master"), TypedValues.string(c, "spark.app-name"),
                sparkConf(c));
        try {
            SparkMaster.check(spark.master());
        } catch (IllegalArgumentException e) {
            throw new ConfigError("sweep.spark.master", e.getMessage());
        }
        String output = OutputCheck.location(TypedValues.string(c, "output"), spark);
        SweepConfig config = new SweepConfig(model, n, neurons, temperature, alpha, m0, boundary, byN, trials, sps, steps, update,
                init, eps, mTolerance, mSuccess, seed, output, partitions, unitTrials, batchPoints, theory, spark, load);
        ResourceCheck.check(config);
        SparkConfCheck.check(spark.conf()); // after ResourceCheck, whose messages about the settings it reads say more
        return config;
    }

    /** The sweep.theory block; an empty horizons list means the one horizon steps. */
    private static TheoryConfig theory(Config c, int steps) {
        boolean theoryOn = TypedValues.bool(c, "theory.enabled");
        int paths = TypedValues.integer(c, "theory.paths");
        ConfigError.check(paths >= 1, "sweep.theory.paths", "must be >= 1, got " + paths);
        double basinTol = TypedValues.number(c, "theory.basin-tol");
        ConfigError.check(basinTol > 0 && basinTol < 1, "sweep.theory.basin-tol", "must lie in (0, 1), got " + basinTol);
        List<Integer> horizons = c.getList("theory.horizons").isEmpty() ? List.of(steps)
                : GridAxes.intAxis(c, "theory.horizons", "sweep.");
        for (int i = 0; i < horizons.size(); i++) {
            ConfigError.check(horizons.get(i) >= 1 && (i == 0 || horizons.get(i) > horizons.get(i - 1)),
                    "sweep.theory.horizons", "must be integers >= 1 in ascending order, got " + horizons);
        }
        int capacitySeeds = TypedValues.integer(c, "theory.capacity-seeds");
        ConfigError.check(capacitySeeds >= 1 && capacitySeeds <= 100, "sweep.theory.capacity-seeds",
                "must lie in [1, 100], got " + capacitySeeds);
        return new TheoryConfig(theoryOn, paths, basinTol, horizons, capacitySeeds);
    }

    /** The free-form sweep.spark.conf settings as strings (a number or boolean is written as it reads). */
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

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").trim();
    }
}
