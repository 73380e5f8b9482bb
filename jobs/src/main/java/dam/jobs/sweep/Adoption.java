package dam.jobs.sweep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import dam.jobs.config.SweepConfig;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.table.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * --adopt: the ledger of a damaged output directory (its _progress/ lost, or a record of it) rebuilt from the part
 * files that no record lists, so that their rows count again without being computed again.
 *
 * <p>A part file is a candidate if its footer reads and it has its table's columns. A grid point is complete if its
 * one grid/ row is in a candidate, as many trials/ rows as that row's trials are in candidates, and (theory on) its
 * theory/ row is committed or in a candidate. Files are adopted whole: a file with rows of both complete and
 * incomplete points makes those points incomplete (its batch is computed again), until every file holds only
 * complete points (adopted) or none (deleted as a leftover). A row that a record already lists, or two candidate rows
 * of one point or theory key, are not a sweep's: the directory is refused. The adopted files become one batch record.
 * A derived table without a record adopts its newest readable write (one Spark job's files).
 */
final class Adoption {

    private Adoption() {
    }

    static void run(SparkSession spark, OutputDirectory dir, Ledger ledger, SweepConfig c, TreeMap<String, Long> unlisted,
                    PrintStream err) throws IOException {
        if (c.hasBoundary()) { // a round's rows repeat a point and are committed by rounds, which adoption does not rebuild
            throw new dam.jobs.config.ConfigError("--adopt", "not available for a sweep with an axis in boundary form "
                    + "(its rounds are not rebuilt from part files): start afresh with --overwrite");
        }
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (String table : Ledger.TABLES) {
            candidates.put(table, new ArrayList<>());
        }
        Map<String, StructType> schemas = Map.of("trials", Tables.trials(null), "theory", Tables.theory(null),
                "grid", Tables.grid(null), "basins", Tables.basins(null));
        for (Map.Entry<String, Long> f : unlisted.entrySet()) {
            String table = f.getKey().substring(0, f.getKey().indexOf('/'));
            String problem = dir.parquetProblem(f.getKey(), f.getValue());
            if (problem == null && schemas.containsKey(table)
                    && !dir.parquetColumns(f.getKey()).containsAll(List.of(schemas.get(table).fieldNames()).stream()
                    .filter(name -> !Tables.BOUNDARY_COLUMNS.contains(name)).toList())) {
                problem = "without the columns of " + table + "/";
            }
            if (problem == null) {
                candidates.get(table).add(f.getKey());
            } else {
                unreadable.add(f.getKey() + " (" + problem + ")");
            }
        }
        Batch batch = batch(spark, dir, ledger, c, candidates);
        List<String> files = new ArrayList<>(batch.files());
        files.addAll(sideFiles(dir, batch.files()));
        if (!batch.points().isEmpty()) {
            ledger.adopt(batch.points(), batch.keys(), files);
        }
        List<String> derived = new ArrayList<>();
        for (String table : Ledger.DERIVED_TABLES) {
            if (!ledger.committed(table).isEmpty() || candidates.get(table).isEmpty()) {
                continue;
            }
            List<String> newest = newestWrite(dir, candidates.get(table));
            List<String> tableFiles = new ArrayList<>(newest);
            tableFiles.addAll(sideFiles(dir, newest));
            ledger.adoptTable(table, tableFiles);
            derived.add(table + "/");
        }
        err.printf("[sweep] --adopt: %d grid points (%d part files of trials/, theory/ and grid/) adopted%s%s%n",
                batch.points().size(), batch.files().size(),
                derived.isEmpty() ? "" : ", and " + String.join(", ", derived),
                unreadable.isEmpty() ? "" : "; not readable: " + unreadable.get(0)
                        + (unreadable.size() > 1 ? " and " + (unreadable.size() - 1) + " more" : ""));
    }

    /** The complete points among the candidates of the batch tables, their new theory keys and their files. */
    private record Batch(List<GridPoint> points, List<TheoryKey> keys, Set<String> files) {
    }

    private static Batch batch(SparkSession spark, OutputDirectory dir, Ledger ledger, SweepConfig c,
                               Map<String, List<String>> candidates) {
        List<String> pointColumns = Ledger.POINT.names();
        List<String> keyColumns = Ledger.KEY.names();
        // grid/: one row per point, with the number of trials it summarises
        Map<GridPoint, Integer> gridTrials = new HashMap<>();
        Map<String, Set<GridPoint>> fileItems = new TreeMap<>();
        for (Row r : rows(spark, dir, candidates.get("grid"), Tables.grid(null), pointColumns, "trials")) {
            GridPoint g = Ledger.POINT.from(fields(r, pointColumns));
            if (ledger.done(g) || gridTrials.put(g, r.getInt(pointColumns.size())) != null) {
                throw refused(dir, "its grid/ rows of " + g.label() + " are " + (ledger.done(g) ? "listed already and "
                        + "found again" : "found twice"));
            }
            fileItems.computeIfAbsent(file(r), k -> new HashSet<>()).add(g);
        }
        // trials/: the trials of each point, and which files hold them
        Map<GridPoint, Long> trials = new HashMap<>();
        for (Row r : rows(spark, dir, candidates.get("trials"), Tables.trials(null), pointColumns, null)) {
            GridPoint g = Ledger.POINT.from(fields(r, pointColumns));
            trials.merge(g, r.getLong(pointColumns.size()), Long::sum);
            fileItems.computeIfAbsent(file(r), k -> new HashSet<>()).add(g);
        }
        // theory/: the keys each file holds
        Map<TheoryKey, String> keyFile = new HashMap<>();
        Map<String, Set<TheoryKey>> theoryFiles = new TreeMap<>();
        for (Row r : rows(spark, dir, candidates.get("theory"), Tables.theory(null), keyColumns, null)) {
            TheoryKey k = Ledger.KEY.from(fields(r, keyColumns));
            if (ledger.done(k) || r.getLong(keyColumns.size()) > 1 || keyFile.put(k, file(r)) != null) {
                throw refused(dir, "its theory/ rows of n=" + k.n() + " alpha=" + k.alpha() + " m0=" + k.m0() + " are "
                        + (ledger.done(k) ? "listed already and found again" : "found twice"));
            }
            theoryFiles.computeIfAbsent(file(r), f -> new HashSet<>()).add(k);
        }
        Set<GridPoint> complete = new HashSet<>();
        gridTrials.forEach((g, n) -> {
            boolean theory = !c.theory().enabled() || ledger.done(g.theoryKey()) || keyFile.containsKey(g.theoryKey());
            if (trials.getOrDefault(g, 0L) == (long) n && theory) {
                complete.add(g);
            }
        });
        // Files whole: a file of complete and incomplete points makes its points incomplete, until none is mixed.
        Map<TheoryKey, List<GridPoint>> users = new HashMap<>();
        for (GridPoint g : gridTrials.keySet()) {
            users.computeIfAbsent(g.theoryKey(), k -> new ArrayList<>()).add(g);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Set<GridPoint> items : fileItems.values()) {
                if (items.stream().anyMatch(complete::contains) && !complete.containsAll(items)) {
                    changed |= complete.removeAll(items);
                }
            }
            for (Map.Entry<String, Set<TheoryKey>> f : theoryFiles.entrySet()) {
                boolean anyNeeded = f.getValue().stream().anyMatch(k -> users.getOrDefault(k, List.of()).stream()
                        .anyMatch(complete::contains));
                boolean allNeeded = f.getValue().stream().allMatch(k -> users.getOrDefault(k, List.of()).stream()
                        .anyMatch(complete::contains));
                if (anyNeeded && !allNeeded) {
                    for (TheoryKey k : f.getValue()) {
                        changed |= complete.removeAll(users.getOrDefault(k, List.of()));
                    }
                }
            }
        }
        Set<String> files = new TreeSet<>();
        fileItems.forEach((f, items) -> {
            if (complete.containsAll(items)) {
                files.add(f);
            }
        });
        List<TheoryKey> keys = new ArrayList<>();
        theoryFiles.forEach((f, ks) -> {
            if (ks.stream().allMatch(k -> users.getOrDefault(k, List.of()).stream().anyMatch(complete::contains))) {
                files.add(f);
                keys.addAll(ks);
            }
        });
        List<GridPoint> points = new ArrayList<>(complete);
        points.sort(GridPoint.ORDER);
        keys.sort(TheoryKey.ORDER);
        return new Batch(points, keys, files);
    }

    /**
     * Per file and key (the key columns), the key's row count (grid/: its trials column instead), read with the
     * table's schema: columns key..., count or trials, file (relative).
     */
    private static List<Row> rows(SparkSession spark, OutputDirectory dir, List<String> files, StructType schema,
                                  List<String> keyColumns, String valueColumn) {
        if (files.isEmpty()) {
            return List.of();
        }
        Dataset<Row> table = spark.read().schema(schema).parquet(files.stream().map(dir::uri).toArray(String[]::new))
                .withColumn("dam_file", input_file_name());
        List<Column> keys = new ArrayList<>(keyColumns.stream().map(org.apache.spark.sql.functions::col).toList());
        keys.add(col("dam_file"));
        Dataset<Row> out = valueColumn != null
                ? table.select(selection(keyColumns, valueColumn))
                : table.groupBy(keys.toArray(Column[]::new)).count()
                .select(selection(keyColumns, "count"));
        String root = dir.uri() + "/";
        List<Row> rows = new ArrayList<>();
        for (Row r : out.collectAsList()) {
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            values[values.length - 1] = relative(root, r.getString(r.length() - 1), files);
            rows.add(org.apache.spark.sql.RowFactory.create(values));
        }
        return rows;
    }

    private static Column[] selection(List<String> keyColumns, String value) {
        List<Column> out = new ArrayList<>(keyColumns.stream().map(org.apache.spark.sql.functions::col).toList());
        out.add(col(value));
        out.add(col("dam_file"));
        return out.toArray(Column[]::new);
    }

    /** The candidate a path of input_file_name() names (Spark writes it as a URI, maybe with another authority form). */
    private static String relative(String root, String uri, List<String> files) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        for (String f : files) {
            if (f.endsWith("/" + name)) {
                return f;
            }
        }
        throw new IllegalStateException("read a file that is no candidate: " + uri + " (under " + root + ")");
    }

    private static String file(Row r) {
        return r.getString(r.length() - 1);
    }

    private static Map<String, Object> fields(Row r, List<String> columns) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), r.get(i));
        }
        return m;
    }

    /** The checksum side files (.NAME.crc) that exist beside the given files. */
    private static List<String> sideFiles(OutputDirectory dir, Iterable<String> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            int slash = f.lastIndexOf('/');
            String side = f.substring(0, slash + 1) + "." + f.substring(slash + 1) + ".crc";
            if (dir.exists(side)) {
                out.add(side);
            }
        }
        return out;
    }

    /** The files of the newest write among a derived table's candidates: one Spark job's (its id in the name). */
    private static List<String> newestWrite(OutputDirectory dir, List<String> files) throws IOException {
        Map<String, List<String>> byJob = new HashMap<>();
        Map<String, Long> newest = new HashMap<>();
        for (String f : files) {
            String job = OwnFiles.leaf(f).substring("part-00000-".length(), "part-00000-".length() + 36);
            byJob.computeIfAbsent(job, j -> new ArrayList<>()).add(f);
            newest.merge(job, dir.modificationTime(f), Math::max);
        }
        String job = newest.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        return byJob.get(job);
    }

    private static dam.jobs.config.ConfigError refused(OutputDirectory dir, String what) {
        return new dam.jobs.config.ConfigError("sweep.output", "cannot adopt the part files of " + dir.display() + ": "
                + what + "; they are not one sweep's: start afresh with --overwrite");
    }
}
