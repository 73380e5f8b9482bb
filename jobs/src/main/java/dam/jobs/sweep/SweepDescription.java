package dam.jobs.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dam.jobs.config.ConfigError;
import dam.jobs.config.SweepConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * OUTPUT/_sweep.json: the resolved config (under the config's own key names), the project version, the
 * table schema version and the start time of every run that wrote into the directory. Its "settings"
 * decide whether a rerun may resume: everything that changes a number in a row must match, and so must
 * the table schema (a directory never mixes two layouts).
 */
public final class SweepDescription {

    /** The file name beside the tables. */
    public static final String FILE = "_sweep.json";

    /**
     * The version of the tables' layout and column names (docs/tables.md). 1: column N, n=... partition
     * directories (no table_schema field); 2: column neurons, flat directories with n a column of every file;
     * 3: version 2 with the per-pattern-set counts in grid/ and basins/ (which basins/ is computed from, so a
     * version-2 grid/ cannot be resumed) and the finite_size/ table; 4: version 3 with the theory basin boundary of
     * basins/ from one seed common to every m0 (as phase_diagram/ has it), column steps in phase_diagram/, and capacity/
     * on a ladder of horizons with its T -&gt; infinity extrapolation (a version-3 basins/ cannot be resumed); 5: the
     * model and temperature axes (columns model and temperature in every table), the overlap peak (max_m, max_m_time)
     * in trials/, theory/ and grid/, the thermal seed in trials/, capacity/'s method column (ladder, extrapolated,
     * stationary) in place of its extrapolated flag, and critical_temperature/ (a version-4 directory has no model
     * column, so it is refused rather than read as dense).
     */
    public static final int TABLE_SCHEMA = 5;

    private SweepDescription() {
    }

    /** The project version, from the build. */
    public static String version() {
        try (InputStream in = SweepDescription.class.getResourceAsStream("/dam/jobs/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The settings that every row depends on (grid lists and execution details excluded), as sorted strings. */
    public static Map<String, String> settings(SweepConfig c) {
        Map<String, String> s = new TreeMap<>();
        s.put("trials", String.valueOf(c.trials()));
        s.put("states-per-pattern-set", String.valueOf(c.statesPerPatternSet()));
        s.put("steps", String.valueOf(c.steps()));
        s.put("update", c.update().key());
        s.put("init", c.init().key());
        s.put("eps", String.valueOf(c.eps()));
        s.put("m-tolerance", String.valueOf(c.mTolerance()));
        s.put("m-success", String.valueOf(c.mSuccess()));
        s.put("seed", String.valueOf(c.seed()));
        s.put("theory.enabled", String.valueOf(c.theory().enabled()));
        s.put("theory.paths", String.valueOf(c.theory().paths()));
        for (int n : c.n()) { // only where there is one, so that a grid sweep is described as before
            dam.jobs.config.Boundary b = c.writtenAxes(n).boundary();
            if (b != null) {
                s.put("boundary.n=" + n, describe(b).toString());
            }
        }
        return s;
    }

    /** The JSON text describing a run of config c started at start, after earlier runs' start times (one line unless pretty). */
    public static String json(SweepConfig c, Instant start, List<String> earlierStarts, boolean pretty) {
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("model", c.model().stream().map(m -> m.key()).toList());
        sweep.put("n", c.n());
        sweep.put("neurons", c.neurons());
        sweep.put("temperature", c.temperature());
        sweep.put("alpha", c.alpha());
        sweep.put("m0", c.m0());
        if (c.boundary() != null) {
            sweep.put("boundary", describe(c.boundary()));
        }
        if (!c.byN().isEmpty()) { // only then, so that a sweep without by-n is described as before
            Map<String, Object> byN = new LinkedHashMap<>();
            c.byN().forEach((n, a) -> {
                Map<String, Object> entry = new LinkedHashMap<>(Map.of("neurons", a.neurons(), "alpha", a.alpha(), "m0", a.m0()));
                if (a.boundary() != null) {
                    entry.put("boundary", describe(a.boundary()));
                }
                byN.put(String.valueOf(n), entry);
            });
            sweep.put("by-n", byN);
        }
        sweep.put("trials", c.trials());
        sweep.put("states-per-pattern-set", c.statesPerPatternSet());
        sweep.put("steps", c.steps());
        sweep.put("load", c.load().key());
        sweep.put("update", c.update().key());
        sweep.put("init", c.init().key());
        sweep.put("eps", c.eps());
        sweep.put("m-tolerance", c.mTolerance());
        sweep.put("m-success", c.mSuccess());
        sweep.put("seed", c.seed());
        sweep.put("output", c.output());
        sweep.put("partitions", c.partitions());
        sweep.put("unit-trials", c.unitTrials());
        sweep.put("batch-points", c.batchPoints());
        sweep.put("theory", Map.of("enabled", c.theory().enabled(), "paths", c.theory().paths(),
                "basin-tol", c.theory().basinTol(), "horizons", c.theory().horizons(),
                "capacity-seeds", c.theory().capacitySeeds()));
        sweep.put("spark", Map.of("master", c.spark().master(), "app-name", c.spark().appName(),
                "conf", new TreeMap<>(c.spark().conf())));
        List<String> runs = new ArrayList<>(earlierStarts);
        runs.add(start.toString());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sweep", sweep);
        root.put("settings", settings(c));
        root.put("version", version());
        root.put("table_schema", TABLE_SCHEMA);
        root.put("start_time", start.toString());
        root.put("runs", runs);
        return ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.concise().setFormatted(pretty));
    }

    /**
     * The description in an output directory, if there is one.
     *
     * @throws ConfigError naming sweep.output when it is unreadable
     */
    public static Optional<Config> read(OutputDirectory output) throws IOException {
        return parse(output, true);
    }

    /**
     * The parsed description, if there is one; complete: with the fields this dam writes and reads back
     * (settings, runs), else only with a readable table_schema if it has one (an older dam's may lack the rest).
     */
    private static Optional<Config> parse(OutputDirectory output, boolean complete) throws IOException {
        Optional<String> text = output.readText(FILE);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().isBlank()) {
            throw new ConfigError("sweep.output", output.display(FILE) + " is empty (" + text.get().length()
                    + " bytes): it was truncated outside dam (a copy or a full disk); rerun with --overwrite to start "
                    + "afresh, or restore it");
        }
        try {
            Config c = ConfigFactory.parseString(text.get());
            if (complete) {
                c.getConfig("settings");
                c.getStringList("runs");
            }
            if (c.hasPath("table_schema")) {
                c.getInt("table_schema");
            }
            return Optional.of(c);
        } catch (ConfigException e) {
            String reason = e.getMessage() == null ? "unreadable" : e.getMessage().replaceAll("\\s+", " ").trim();
            throw new ConfigError("sweep.output", output.display(FILE) + " is unreadable (" + reason
                    + "); rerun with --overwrite to start afresh");
        }
    }

    /** The start times of the runs recorded in an existing description (empty if there is none). */
    public static List<String> earlierRuns(OutputDirectory output) throws IOException {
        return read(output).map(c -> c.getStringList("runs")).orElse(List.of());
    }

    /** A boundary as the description writes it: its axis, range, width and budget. */
    private static Map<String, Object> describe(dam.jobs.config.Boundary b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("axis", b.axis());
        out.put("from", b.from());
        out.put("to", b.to());
        out.put("width", b.width());
        out.put("max-trials", b.maxTrials());
        return out;
    }

    /** Refuses to resume into a directory whose sweep had different row-determining settings. */
    public static void checkResumable(OutputDirectory output, SweepConfig c) throws IOException {
        Optional<Config> description = read(output);
        if (description.isEmpty()) {
            return;
        }
        Config old = description.get().getConfig("settings");
        Map<String, String> now = settings(c);
        for (Map.Entry<String, String> e : now.entrySet()) {
            String was = old.hasPath("\"" + e.getKey() + "\"") ? old.getString("\"" + e.getKey() + "\"") : null;
            if (!e.getValue().equals(was)) {
                throw new ConfigError("sweep." + e.getKey(), "output " + output.display() + " holds a sweep with "
                        + e.getKey() + " = " + was + ", not " + e.getValue() + "; use --overwrite or another --output");
            }
        }
    }

    /**
     * The table schema of an output directory: its description's table_schema; 1 if the description has
     * none (written before versions were recorded) or if a table has an n=... partition directory;
     * TABLE_SCHEMA for a directory without either.
     *
     * @throws ConfigError naming sweep.output when the description is unreadable
     */
    public static int tableSchema(OutputDirectory output) throws IOException {
        Optional<Config> description = parse(output, false);
        if (description.isPresent()) {
            return description.get().hasPath("table_schema") ? description.get().getInt("table_schema") : 1;
        }
        for (String table : Ledger.TABLES) {
            for (String name : output.names(table)) {
                if (name.startsWith("n=") && output.isDirectory(table + "/" + name)) {
                    return 1;
                }
            }
        }
        return TABLE_SCHEMA;
    }

    /**
     * Throws a one-line {@link ConfigError} on field, ending with remedy, if output holds tables of another
     * schema (or an unreadable description).
     */
    public static void checkTableSchema(OutputDirectory output, String field, String remedy) throws IOException {
        int found = tableSchema(output);
        if (found != TABLE_SCHEMA) {
            throw new ConfigError(field, output.display() + " holds tables of schema version " + found + ", and this dam "
                    + "reads and writes version " + TABLE_SCHEMA + " (column neurons, not N; no n=... directories; "
                    + "per-pattern-set counts in grid/; one theory seed per basin boundary in basins/; "
                    + "docs/tables.md); " + remedy);
        }
    }

    /** Writes the description atomically. */
    public static void write(OutputDirectory output, String json) throws IOException {
        output.writeAtomically(FILE, json);
    }
}
