package dam.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dam.core.analysis.BoundarySearch;
import dam.core.model.MemoryModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The grid's axes: the models (dense, pbody), and numeric axes that are a number, a list of numbers, or a range
 * { from, to, step } stepped in exact decimals, each checked for its domain (n, neurons >= 2, temperature >= 0,
 * alpha > 0, m0 in [-1, 1]), and the per-n axes of sweep.by-n. Errors
 * name the full field (prefix + key, e.g. sweep.alpha or sweep.by-n.4.alpha).
 */
final class GridAxes {

    /** The block of per-n axes, and the axes an entry of it may override. */
    static final String BY_N = "by-n";
    static final List<String> BY_N_KEYS = List.of("neurons", "alpha", "m0");
    /** Most values one grid axis may hold: a guard against a range with a tiny step. */
    private static final int MAX_AXIS = 100_000;

    private GridAxes() {
    }

    /** The interaction orders under prefix + "n": integers >= 2. */
    static List<Integer> orders(Config c, String prefix) {
        List<Integer> out = intAxis(c, "n", prefix);
        for (int v : out) {
            ConfigError.check(v >= 2, prefix + "n", "must be >= 2, got " + v);
        }
        return out;
    }

    /** The network sizes under prefix + "neurons": integers >= 2. */
    static List<Integer> sizes(Config c, String prefix) {
        List<Integer> out = intAxis(c, "neurons", prefix);
        for (int v : out) {
            ConfigError.check(v >= 2, prefix + "neurons", "must be >= 2, got " + v);
        }
        return out;
    }

    /** The loads under prefix + "alpha": finite and > 0. */
    static List<Double> loads(Config c, String prefix) {
        List<Double> out = doubleAxis(c, "alpha", prefix);
        for (double v : out) {
            ConfigError.check(v > 0 && Double.isFinite(v), prefix + "alpha", "must be > 0, got " + v);
        }
        return out;
    }

    /** The temperatures under prefix + "temperature": finite and >= 0 (0 is sign dynamics). */
    static List<Double> temperatures(Config c, String prefix) {
        List<Double> out = doubleAxis(c, "temperature", prefix);
        for (int i = 0; i < out.size(); i++) {
            double v = out.get(i);
            ConfigError.check(v >= 0, prefix + "temperature", "must be >= 0, got " + v);
            out.set(i, v + 0.0); // -0.0 is 0: one temperature, one seed
        }
        return out;
    }

    /** The models under prefix + "model": a name or a list of names, each dense or pbody, no duplicates. */
    static List<MemoryModel> models(Config c, String prefix) {
        String field = prefix + "model";
        ConfigValue v = c.getValue("model");
        List<ConfigValue> values = new ArrayList<>();
        if (v.valueType() == ConfigValueType.LIST) {
            values.addAll((ConfigList) v);
        } else {
            values.add(v);
        }
        ConfigError.check(!values.isEmpty(), field, "must not be empty (dense, pbody or both)");
        List<MemoryModel> out = new ArrayList<>();
        for (ConfigValue x : values) {
            if (x.valueType() != ConfigValueType.STRING) {
                throw new ConfigError(field, "must be dense, pbody or a list of them, got "
                        + x.valueType().name().toLowerCase(Locale.ROOT) + " " + x.render());
            }
            MemoryModel m;
            try {
                m = MemoryModel.parse((String) x.unwrapped());
            } catch (IllegalArgumentException e) {
                throw new ConfigError(field, e.getMessage());
            }
            ConfigError.check(!out.contains(m), field, "duplicate value " + m.key());
            out.add(m);
        }
        return out;
    }

    /** The initial overlaps under prefix + "m0": in [-1, 1]. */
    static List<Double> overlaps(Config c, String prefix) {
        List<Double> out = doubleAxis(c, "m0", prefix);
        for (double v : out) {
            ConfigError.check(v >= -1 && v <= 1, prefix + "m0", "must lie in [-1, 1], got " + v);
        }
        return out;
    }

    /**
     * The complete axes of every n that sweep.by-n overrides: each entry's key must be an n of the grid,
     * and the axes it leaves out are the sweep's own (base).
     */
    static Map<Integer, SweepConfig.Axes> byN(Config c, List<Integer> n, SweepConfig.Axes base, int sps) {
        Map<Integer, SweepConfig.Axes> out = new TreeMap<>();
        if (!c.hasPath(BY_N)) {
            return out;
        }
        if (c.getValue(BY_N).valueType() != ConfigValueType.OBJECT) {
            throw new ConfigError("sweep." + BY_N, "must be an object { \"<n>\" { neurons = ..., alpha = ..., m0 = ... } }");
        }
        Boundary kind = base.boundary();
        String kindField = kind == null ? null : "sweep." + kind.axis();
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(c.getObject(BY_N)).entrySet()) {
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
            Boundary ownAlpha = entry.hasPath("alpha") ? boundary(entry, "alpha", prefix, sps) : null;
            Boundary ownM0 = entry.hasPath("m0") ? boundary(entry, "m0", prefix, sps) : null;
            ConfigError.check(ownAlpha == null || ownM0 == null, prefix + "m0",
                    "at most one axis in boundary form per sweep, and " + prefix + "alpha is one");
            Boundary inherited = base.boundary() != null && entry.hasPath(base.boundary().axis()) ? null : base.boundary();
            Boundary own = ownAlpha != null ? ownAlpha : ownM0 != null ? ownM0 : inherited;
            SweepConfig.Axes axes = new SweepConfig.Axes(
                    entry.hasPath("neurons") ? sizes(entry, prefix) : base.neurons(),
                    !entry.hasPath("alpha") ? base.alpha() : ownAlpha != null ? List.of() : loads(entry, prefix),
                    !entry.hasPath("m0") ? base.m0() : ownM0 != null ? List.of() : overlaps(entry, prefix), own);
            if (own != null && own != inherited) {
                if (kind != null && !kind.axis().equals(own.axis())) {
                    throw new ConfigError(prefix + own.axis(), "at most one axis in boundary form per sweep, and "
                            + kindField + " is one");
                }
                kind = own;
                kindField = prefix + own.axis();
            }
            if (out.put(order, axes) != null) {
                throw new ConfigError(field, "duplicate entry for n = " + order);
            }
        }
        return out;
    }

    /**
     * The boundary form of prefix + key ({@code { boundary { from, to, width, max-trials } }}), null where the axis is a
     * grid. m0 ranges lie in [-1, 1], loads are > 0; width lies in [(to - from) / 1000, to - from); max-trials covers
     * at least round 0 (7 points of 6 pattern sets of sps trials).
     */
    static Boundary boundary(Config c, String key, String prefix, int sps) {
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.OBJECT || !((ConfigObject) v).containsKey("boundary")) {
            return null;
        }
        String axis = prefix + key;
        String field = axis + ".boundary";
        for (String other : ((ConfigObject) v).keySet()) {
            ConfigError.check(other.equals("boundary"), axis + "." + other,
                    "unknown key (an axis in boundary form holds only boundary { from, to, width, max-trials })");
        }
        ConfigValue b = ((ConfigObject) v).get("boundary");
        if (b.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigError(field, "must be an object { from, to, width, max-trials }, got "
                    + b.valueType().name().toLowerCase(Locale.ROOT));
        }
        ConfigObject o = (ConfigObject) b;
        for (String k : o.keySet()) {
            ConfigError.check(Boundary.KEYS.contains(k), field + "." + k, "unknown key (a boundary has only from, to, width, max-trials)");
        }
        for (String k : Boundary.KEYS) {
            ConfigError.check(o.containsKey(k), field + "." + k, "missing (a boundary needs from, to, width and max-trials)");
        }
        double from = decimal(o.get("from"), field + ".from").doubleValue();
        double to = decimal(o.get("to"), field + ".to").doubleValue();
        double width = decimal(o.get("width"), field + ".width").doubleValue();
        BigDecimal budget = decimal(o.get("max-trials"), field + ".max-trials");
        boolean m0 = key.equals(Boundary.M0);
        if (m0) {
            ConfigError.check(from >= -1 && from <= 1, field + ".from", "must lie in [-1, 1], got " + from);
            ConfigError.check(to >= -1 && to <= 1, field + ".to", "must lie in [-1, 1], got " + to);
        } else {
            ConfigError.check(from > 0, field + ".from", "must be > 0, got " + from);
        }
        ConfigError.check(to > from, field + ".to", "must be > from (" + from + "), got " + to);
        ConfigError.check(width > 0 && width < to - from, field + ".width",
                "must lie in (0, to - from = " + (to - from) + "), got " + width);
        double finest = (to - from) * BoundarySearch.CELLS_PER_WIDTH / BoundarySearch.MAX_CELLS;
        ConfigError.check(width >= finest, field + ".width",
                "must be at least (to - from) / " + BoundarySearch.MAX_CELLS / BoundarySearch.CELLS_PER_WIDTH + " = " + finest
                        + " (the search's lattice), got " + width);
        long least = (long) BoundarySearch.COARSE_POINTS * BoundarySearch.COARSE_SETS * sps;
        int maxTrials;
        try {
            maxTrials = budget.intValueExact();
        } catch (ArithmeticException e) {
            throw new ConfigError(field + ".max-trials", "must be an integer up to " + Integer.MAX_VALUE + ", got "
                    + budget.toPlainString());
        }
        ConfigError.check(maxTrials >= least, field + ".max-trials", "must be at least " + least + " (round 0: "
                + BoundarySearch.COARSE_POINTS + " points x " + BoundarySearch.COARSE_SETS + " pattern sets x "
                + sps + " states-per-pattern-set), got " + maxTrials);
        return new Boundary(key, from, to, width, maxTrials);
    }

    /** An axis of integers (an axis value with a fraction is refused). */
    static List<Integer> intAxis(Config c, String key, String prefix) {
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
}
