package dam.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The keys a sweep block may hold: those of reference.conf, the grid axes (a range has only from, to, step),
 * the entries of by-n, and free-form spark.conf.*; any other key, or one renamed since, is a {@link ConfigError}.
 */
final class KnownKeys {

    /** The grid keys: a list, a single value, or a range { from, to, step }. They have no default. */
    private static final List<String> GRID_KEYS = List.of("n", "neurons", "temperature", "alpha", "m0");
    private static final Set<String> RANGE_KEYS = Set.of("from", "to", "step");
    /** Keys of earlier versions and their new names: refused with a line naming the new one. */
    private static final Map<String, String> RENAMED = Map.of("N", "neurons");

    private KnownKeys() {
    }

    /** Refuses the first key of the user's sweep block (before defaults) that the reference block does not know. */
    static void check(Config userSweep, Config referenceSweep) {
        for (Map.Entry<String, ConfigValue> e : userSweep.entrySet()) {
            List<String> path = ConfigUtil.splitPath(e.getKey());
            String head = path.get(0);
            if (RENAMED.containsKey(head)) {
                throw new ConfigError("sweep." + head, "renamed to " + RENAMED.get(head));
            }
            if (head.equals(GridAxes.BY_N)) {
                checkByN(e.getKey(), path, e.getValue());
                continue;
            }
            if (head.equals("model") && path.size() > 1) {
                throw new ConfigError("sweep." + e.getKey(), "unknown key (model is dense, pbody or a list of them)");
            }
            if (GRID_KEYS.contains(head)) {
                if (boundaryKey("sweep.", head, path.subList(1, path.size()))) {
                    continue;
                }
                if (path.size() > 2 || (path.size() == 2 && !RANGE_KEYS.contains(path.get(1)))) {
                    throw new ConfigError("sweep." + e.getKey(), "unknown key (a range has only from, to, step)");
                }
                continue;
            }
            if (path.size() >= 3 && head.equals("spark") && path.get(1).equals("conf")) {
                continue; // free-form Spark settings
            }
            if (!referenceSweep.hasPath(e.getKey())) {
                throw new ConfigError("sweep." + e.getKey(), "unknown key");
            }
        }
    }

    /**
     * True for a key of an axis's boundary form: m0 or alpha, then boundary and one of its keys (or boundary itself,
     * whose type GridAxes checks); a boundary's unknown key is refused here, naming it.
     */
    private static boolean boundaryKey(String prefix, String axis, List<String> rest) {
        if (!(axis.equals(Boundary.M0) || axis.equals(Boundary.ALPHA)) || rest.isEmpty() || !rest.get(0).equals("boundary")) {
            return false;
        }
        if (rest.size() == 2 && !Boundary.KEYS.contains(rest.get(1)) || rest.size() > 2) {
            throw new ConfigError(prefix + axis + ".boundary." + rest.get(1), "unknown key (a boundary has only from, to, width, max-trials)");
        }
        return true;
    }

    /** A key under sweep.by-n must be by-n.<n>.<neurons|alpha|m0>, optionally followed by one range key. */
    private static void checkByN(String key, List<String> path, ConfigValue value) {
        if (path.size() == 1) {
            throw new ConfigError("sweep." + key, "must be an object { \"<n>\" { neurons = ..., alpha = ..., m0 = ... } }, got "
                    + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        String entry = "sweep." + GridAxes.BY_N + "." + path.get(1);
        if (path.size() == 2) {
            throw new ConfigError(entry, "must be an object { neurons = ..., alpha = ..., m0 = ... }, got "
                    + value.valueType().name().toLowerCase(Locale.ROOT));
        }
        if (RENAMED.containsKey(path.get(2))) {
            throw new ConfigError(entry + "." + path.get(2), "renamed to " + RENAMED.get(path.get(2)));
        }
        if (!GridAxes.BY_N_KEYS.contains(path.get(2))) {
            throw new ConfigError(entry + "." + path.get(2), "unknown key (an entry of by-n may set only neurons, alpha, m0)");
        }
        if (boundaryKey(entry + ".", path.get(2), path.subList(3, path.size()))) {
            return;
        }
        if (path.size() > 4 || (path.size() == 4 && !RANGE_KEYS.contains(path.get(3)))) {
            throw new ConfigError("sweep." + key, "unknown key (a range has only from, to, step)");
        }
    }
}
