package dam.jobs.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dam.jobs.config.ConfigError;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The record of what is committed in an output directory, under OUTPUT/_progress/, and the readers' contract
 * (docs/tables.md): a table file counts only if a record lists it.
 *
 * <p>A batch record ({@code batch-*.json}) lists the batch's grid points, theory keys and the files its
 * writes added to trials/, theory/ and grid/. A derived table (basins/, phase_diagram/, capacity/, finite_size/) is
 * rewritten whole: its record {@code table-<name>.json} lists its current files and is replaced when the
 * table is. Records are written atomically and only after the files they list, so a killed run leaves no
 * half grid point: files no record lists are leftovers, deleted before the next run writes.
 */
public final class Ledger {

    /** The directory of the records. */
    public static final String DIR = "_progress";
    /** The tables whose files a batch commits. */
    public static final List<String> BATCH_TABLES = List.of("trials", "theory", "grid");
    /** The tables rewritten whole, each with its own record. */
    public static final List<String> DERIVED_TABLES = List.of("basins", "phase_diagram", "capacity", "finite_size");
    /** Every table of an output directory. */
    public static final List<String> TABLES = Stream.concat(BATCH_TABLES.stream(), DERIVED_TABLES.stream()).toList();

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final OutputDirectory output;
    private final Set<GridPoint> points = new HashSet<>();
    private final Set<TheoryKey> theory = new HashSet<>();
    /** Committed files by record name. */
    private final Map<String, List<String>> records = new TreeMap<>();
    private int batches;
    private boolean managed;

    private Ledger(OutputDirectory output) {
        this.output = output;
    }

    /**
     * Reads every record under output/_progress (none if absent).
     *
     * @throws ConfigError naming sweep.output when a record is unreadable
     */
    public static Ledger read(OutputDirectory output) throws IOException {
        if (output.exists(SweepOutput.OVERWRITING)) {
            throw new ConfigError("sweep.output", output.display() + " holds an interrupted --overwrite, so nothing in it "
                    + "is committed; rerun the sweep to finish it");
        }
        Ledger l = new Ledger(output);
        l.managed = output.isDirectory(DIR);
        for (String name : output.names(DIR)) {
            if (!name.endsWith(".json") || name.startsWith(".")) {
                continue;
            }
            String rel = DIR + "/" + name;
            String text = output.readText(rel).orElse("");
            try {
                Config c = ConfigFactory.parseString(text);
                List<String> files = c.getStringList("files");
                if (name.startsWith("batch-")) {
                    for (Config g : c.getConfigList("points")) {
                        l.points.add(new GridPoint(g.getInt("n"), g.getInt("neurons"), g.getDouble("alpha"),
                                g.getDouble("m0"), g.getInt("p")));
                    }
                    for (Config k : c.getConfigList("theory")) {
                        l.theory.add(new TheoryKey(k.getInt("n"), k.getDouble("alpha"), k.getDouble("m0")));
                    }
                    l.batches++;
                }
                l.records.put(name, List.copyOf(files));
            } catch (ConfigException e) {
                throw damaged(output, rel + " is unreadable (" + firstLine(e.getMessage()) + ")");
            }
        }
        return l;
    }

    /**
     * Checks the ledger against the files it lists: each must exist, and each Parquet file must start and
     * end with Parquet's magic number (a truncated file does not).
     *
     * @throws ConfigError naming sweep.output and the first bad file
     */
    public void verify() throws IOException {
        Map<String, Long> present = new TreeMap<>();
        for (String table : TABLES) {
            output.walk(table).forEach(present::put);
        }
        for (Map.Entry<String, List<String>> r : records.entrySet()) {
            for (String f : r.getValue()) {
                Long length = present.get(f);
                if (length == null) {
                    throw damaged(output, DIR + "/" + r.getKey() + " lists " + f + ", which is missing");
                }
                if (f.endsWith(".parquet") && !isParquet(f, length)) {
                    throw damaged(output, f + " (listed in " + DIR + "/" + r.getKey()
                            + ") is not a complete Parquet file (" + length + " bytes)");
                }
            }
        }
    }

    private boolean isParquet(String file, long length) throws IOException {
        if (length < 3L * PARQUET_MAGIC.length) {
            return false;
        }
        return Arrays.equals(output.read(file, 0, PARQUET_MAGIC.length), PARQUET_MAGIC)
                && Arrays.equals(output.read(file, length - PARQUET_MAGIC.length, PARQUET_MAGIC.length), PARQUET_MAGIC);
    }

    private static ConfigError damaged(OutputDirectory output, String what) {
        return new ConfigError("sweep.output", output.display() + " is damaged: " + what
                + "; it was changed outside dam: rerun with --overwrite (or restore the file)");
    }

    /** True if the grid point was committed by an earlier batch. */
    public boolean done(GridPoint g) {
        return points.contains(g);
    }

    /** True if the theory of (n, alpha, m0) was committed by an earlier batch. */
    public boolean done(TheoryKey k) {
        return theory.contains(k);
    }

    /** Number of committed grid points. */
    public int pointCount() {
        return points.size();
    }

    /** Number of committed batches. */
    public int batchCount() {
        return batches;
    }

    /**
     * True if dam manages the directory (it has a _progress/ directory, which a sweep creates before it writes
     * any table): then only recorded files count. A directory of tables written by other means is read whole.
     */
    public boolean managed() {
        return managed;
    }

    /** The committed Parquet files of a table, as paths relative to the output directory, sorted. */
    public List<String> committed(String table) {
        TreeSet<String> out = new TreeSet<>();
        for (List<String> files : records.values()) {
            for (String f : files) {
                if (f.startsWith(table + "/") && f.endsWith(".parquet")) {
                    out.add(f);
                }
            }
        }
        return List.copyOf(out);
    }

    private Set<String> allCommitted() {
        Set<String> out = new HashSet<>();
        records.values().forEach(out::addAll);
        return out;
    }

    /**
     * Deletes what a killed run may have left: table files no record lists, Spark's _temporary directories and
     * hidden temporary files. Returns how many files were deleted.
     */
    public int deleteOrphans() throws IOException {
        Set<String> keep = allCommitted();
        int deleted = 0;
        for (String table : TABLES) {
            for (Map.Entry<String, Long> e : output.walk(table).descendingMap().entrySet()) {
                String rel = e.getKey();
                String name = rel.substring(rel.lastIndexOf('/', rel.length() - 2) + 1);
                boolean directory = e.getValue() < 0;
                if (directory) {
                    if (name.equals("_temporary/")) {
                        output.delete(rel);
                    }
                    continue;
                }
                boolean data = name.startsWith("part-") || name.startsWith(".part-");
                if (rel.contains("/_temporary/") || OutputDirectory.isTemporary(name) || (data && !keep.contains(rel))) {
                    if (output.delete(rel)) {
                        deleted++;
                    }
                }
            }
        }
        for (String dir : List.of("", DIR, "figures")) {
            for (String name : output.names(dir)) {
                if (OutputDirectory.isTemporary(name) || name.startsWith(OutputLock.FILE + ".stale-")) {
                    output.delete(dir.isEmpty() ? name : dir + "/" + name);
                }
            }
        }
        return deleted;
    }

    /** The relative paths of every file now under the given tables (to diff before and after a write). */
    public Set<String> snapshot(List<String> tables) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String table : tables) {
            output.walk(table).forEach((rel, length) -> {
                if (length >= 0) {
                    out.add(rel);
                }
            });
        }
        return out;
    }

    /** Records a finished batch: its points, theory keys and the files its writes added. Written atomically. */
    public void commit(List<GridPoint> batchPoints, List<TheoryKey> batchTheory, Set<String> before) throws IOException {
        Set<String> added = new TreeSet<>(snapshot(BATCH_TABLES));
        added.removeAll(before);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (GridPoint g : batchPoints) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", g.n());
            m.put("neurons", g.neurons());
            m.put("alpha", g.alpha());
            m.put("m0", g.m0());
            m.put("p", g.p());
            ps.add(m);
        }
        List<Map<String, Object>> ks = new ArrayList<>();
        for (TheoryKey k : batchTheory) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", k.n());
            m.put("alpha", k.alpha());
            m.put("m0", k.m0());
            ks.add(m);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("points", ps);
        record.put("theory", ks);
        record.put("files", new ArrayList<>(added));
        String name = String.format(Locale.ROOT, "batch-%05d-%d.json", batches, System.currentTimeMillis());
        output.writeAtomically(DIR + "/" + name, render(record));
        points.addAll(batchPoints);
        theory.addAll(batchTheory);
        records.put(name, List.copyOf(added));
        batches++;
    }

    /**
     * Commits a rewritten derived table: the files it has now that it did not have before (its new
     * content) become its record, replacing the old one; then its old files are deleted.
     */
    public void replace(String table, Set<String> before) throws IOException {
        if (!DERIVED_TABLES.contains(table)) {
            throw new IllegalArgumentException("not a derived table: " + table);
        }
        Set<String> now = snapshot(List.of(table));
        Set<String> added = new TreeSet<>(now);
        added.removeAll(before);
        String name = "table-" + table + ".json";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("table", table);
        record.put("files", new ArrayList<>(added));
        output.writeAtomically(DIR + "/" + name, render(record));
        records.put(name, List.copyOf(added));
        for (String old : before) {
            String fileName = old.substring(old.lastIndexOf('/') + 1);
            if (!added.contains(old) && (fileName.startsWith("part-") || fileName.startsWith(".part-"))) {
                output.delete(old);
            }
        }
    }

    private static String render(Map<String, Object> record) {
        return ConfigValueFactory.fromMap(record).render(ConfigRenderOptions.concise().setFormatted(true)) + "\n";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
