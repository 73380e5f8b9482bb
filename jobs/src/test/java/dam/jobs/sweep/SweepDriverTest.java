package dam.jobs.sweep;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigError;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.LoadConvention;
import dam.jobs.report.Report;
import dam.jobs.report.ReportTables;
import dam.jobs.config.SweepConfig;
import dam.jobs.table.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
@ExtendWith(SparkExtension.class)
class SweepDriverTest {

    /** The local directory of a test sweep's output. */
    private static Path dir(SweepConfig c) {
        return dam.jobs.config.OutputLocation.localPath(c.output());
    }

    @TempDir
    static Path tmp;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark(SparkSession session) {
        spark = session;
    }

    /** A small sweep: 2 x 1 x 2 x 3 = 12 grid points, 12 trials each, theory with few paths, one batch unless extra says otherwise. */
    private static SweepConfig config(String output, String extra) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2, 3], neurons = [48], alpha = [0.05, 0.12],"
                + " m0 = [0.3, 0.6, 0.9], trials = 12, states-per-pattern-set = 4, steps = 8, seed = 7,"
                + " unit-trials = 4, batch-points = 12, theory { enabled = true, paths = 1000, basin-tol = 0.05 },"
                + " output = \"" + tmp.resolve(output) + "\"\n" + extra + " }"));
    }

    private static SweepDriver.Outcome run(SweepConfig c, int maxBatches) {
        PrintStream quiet = Boolean.getBoolean("dam.test.verbose") ? System.err : new PrintStream(new ByteArrayOutputStream());
        return SweepDriver.run(c, new SweepDriver.Options(false, quiet, quiet, maxBatches));
    }

    /** Every row of a table, in a canonical order, as exact text (Double.toString round-trips every bit). */
    private static List<String> rows(Path output, String table) {
        return spark.read().parquet(output.resolve(table).toString()).collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }

    private static void assertSameTables(Path a, Path b) {
        for (String table : List.of("trials", "theory", "grid", "basins")) {
            List<String> ra = rows(a, table);
            assertFalse(ra.isEmpty(), table);
            assertEquals(ra, rows(b, table), table);
        }
    }

    private static Path reference;

    /** The uninterrupted run that every resumed, repaired or raced run must equal, row for row (run once). */
    private static synchronized Path reference() {
        if (reference == null) {
            SweepConfig c = config("reference", "");
            run(c, Integer.MAX_VALUE);
            reference = dir(c);
        }
        return reference;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Deletes every other Parquet part file of a table (what a kill in the middle of deleting it leaves). */
    private static void deleteHalf(Path table) throws IOException {
        List<Path> parts;
        try (Stream<Path> s = Files.list(table)) {
            parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertTrue(parts.size() >= 2, table + ": " + parts);
        for (int i = 0; i < parts.size(); i += 2) {
            Files.delete(parts.get(i));
        }
    }

    private static SweepDriver.Outcome run(SweepConfig c, ByteArrayOutputStream err) {
        PrintStream p = new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        return SweepDriver.run(c, new SweepDriver.Options(false, p, new PrintStream(new ByteArrayOutputStream()),
                Integer.MAX_VALUE));
    }

    /** Issue 9.1: a kill during --overwrite, at either end of the deletion, is finished by a plain rerun. */
    @Test
    void anInterruptedOverwriteIsFinishedByAPlainRerun() throws Exception {
        // Killed right after the marker was made: the old sweep is still whole.
        Path early = tmp.resolve("overwrite-early");
        copyTree(reference(), early);
        Files.writeString(early.resolve(SweepOutput.OVERWRITING), "");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepDriver.Outcome o = run(config("overwrite-early", ""), err);
        assertTrue(err.toString().startsWith("[sweep] finishing an interrupted --overwrite of " + early), err.toString());
        assertEquals(12, o.pointsRun());
        assertSameTables(reference(), early);
        assertFalse(Files.exists(early.resolve(SweepOutput.OVERWRITING)));

        // Killed in the middle: description and ledger gone first, then half of trials/.
        Path middle = tmp.resolve("overwrite-middle");
        copyTree(reference(), middle);
        Files.writeString(middle.resolve(SweepOutput.OVERWRITING), "");
        Files.delete(middle.resolve(SweepDescription.FILE));
        deleteTree(middle.resolve(Ledger.DIR));
        deleteHalf(middle.resolve("trials"));
        o = run(config("overwrite-middle", ""), new ByteArrayOutputStream());
        assertEquals(12, o.pointsRun());
        assertSameTables(reference(), middle);
    }

    /** Issue 9.1 as reported: a ledger whose files are gone (tables deleted under it) is refused, not trusted. */
    @Test
    void aLedgerIsCheckedAgainstTheFilesItLists() throws Exception {
        Path missing = tmp.resolve("missing");
        copyTree(reference(), missing);
        Path gone;
        try (Stream<Path> s = Files.list(missing.resolve("trials"))) {
            gone = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        Files.delete(gone);
        ConfigError e = assertThrows(ConfigError.class, () -> run(config("missing", ""), Integer.MAX_VALUE));
        assertTrue(e.getMessage().matches("sweep\\.output: " + missing + " is damaged: _progress/batch-00000-\\d+\\.json "
                + "lists trials/" + gone.getFileName() + ", which is missing; it was changed outside dam: rerun with "
                + "--overwrite \\(or restore the file\\)"), e.getMessage());

        Path truncated = tmp.resolve("truncated");
        copyTree(reference(), truncated);
        Path part;
        try (Stream<Path> s = Files.walk(truncated.resolve("grid"))) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ConfigError.class, () -> run(config("truncated", ""), Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("sweep.output: " + truncated + " is damaged: "
                + truncated.relativize(part) + " (listed in _progress/batch-00000-"), e.getMessage());
        assertTrue(e.getMessage().contains(") is not a complete Parquet file (" + bytes.length / 2 + " bytes)"), e.getMessage());
    }

    private static SweepDriver.Outcome adopt(SweepConfig c) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return SweepDriver.run(c, new SweepDriver.Options(false, quiet, quiet, Integer.MAX_VALUE, true));
    }

    /**
     * Issue 17.2: a finished sweep whose _progress/ was lost is refused as damaged (its compute is not deleted); --adopt
     * rebuilds the ledger from the part files and gets the same tables, row for row, without running a trial.
     */
    @Test
    void aLostLedgerIsAdoptedFromThePartFilesWithoutComputingAgain() throws Exception {
        Path lost = tmp.resolve("lost-ledger");
        copyTree(reference(), lost);
        deleteTree(lost.resolve(Ledger.DIR));
        ConfigError e = assertThrows(ConfigError.class, () -> run(config("lost-ledger", ""), Integer.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("sweep.output: " + lost + " is damaged: "), e.getMessage());
        assertTrue(e.getMessage().contains("are listed by no record, and _progress/ is missing; to keep its tables rerun "
                + "with --adopt"), e.getMessage());
        assertSameTables(reference(), lost); // nothing deleted

        SweepDriver.Outcome o = adopt(config("lost-ledger", ""));
        assertEquals(0, o.pointsRun());
        assertEquals(0, o.trialsRun());
        assertSameTables(reference(), lost);
        assertEquals(0, run(config("lost-ledger", ""), Integer.MAX_VALUE).pointsRun(), "a plain rerun resumes it");
    }

    /**
     * Issue 17.2: with _progress/ lost and a trials/ file gone too, --adopt keeps the batches whose points are complete
     * and computes the one that lost trials again; the tables equal the uninterrupted run's.
     */
    @Test
    void adoptionKeepsTheCompleteBatchesAndComputesTheOthersAgain() throws Exception {
        SweepConfig c = config("adopt-partial", "batch-points = 4");
        run(c, Integer.MAX_VALUE);
        deleteTree(dir(c).resolve(Ledger.DIR));
        try (Stream<Path> s = Files.list(dir(c).resolve("trials"))) {
            Files.delete(s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().findFirst().orElseThrow());
        }
        SweepDriver.Outcome o = adopt(c);
        assertEquals(4, o.pointsRun(), "one batch of four points computed again");
        assertEquals(48, o.trialsRun());
        assertSameTables(reference(), dir(c));
    }

    /**
     * Issue 17.3: a sweep of more than 200 points prints one line saying where its per-point table is, not the
     * table; a resume with nothing to do leaves basins/ as it is (its record's basis is unchanged), and a setting
     * basins/ depends on rewrites it.
     */
    @Test
    void aLargeSummaryIsOneLineAndAResumeWithNothingToDoKeepsBasins() throws Exception {
        String grid = "n = [2], neurons = [16], alpha = [0.25, 0.5], m0 = { from = 0.005, to = 1, step = 0.005 }, "
                + "trials = 4, steps = 1, unit-trials = 0, batch-points = 0";
        SweepConfig c = config("many-points", grid);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SweepDriver.run(c, new SweepDriver.Options(false, quiet, new PrintStream(out, true), Integer.MAX_VALUE));
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertEquals("400 grid points: too many to print (more than 200); one row each in " + dir(c).resolve("grid")
                + " (its committed files, docs/output.md)", lines.get(0));
        List<Path> basins;
        try (Stream<Path> s = Files.list(dir(c).resolve("basins"))) {
            basins = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertFalse(basins.isEmpty());
        SweepDriver.Outcome again = SweepDriver.run(c, new SweepDriver.Options(false, quiet, quiet, Integer.MAX_VALUE));
        assertEquals(0, again.trialsRun());
        try (Stream<Path> s = Files.list(dir(c).resolve("basins"))) {
            assertEquals(basins, s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList(),
                    "basins/ kept");
        }
        SweepDriver.run(config("many-points", grid + ", theory.basin-tol = 0.1"), new SweepDriver.Options(false, quiet, quiet,
                Integer.MAX_VALUE));
        try (Stream<Path> s = Files.list(dir(c).resolve("basins"))) {
            assertFalse(s.anyMatch(basins::contains), "basins/ rewritten for another tolerance of its theory boundary");
        }
    }

    /** Issue 9.2: two sweeps started at the same instant into one directory: one runs, the other gets one line. */
    @Test
    void ofTwoSweepsIntoOneDirectoryOneRunsAndTheOtherIsRefused() throws Exception {
        Path twin = tmp.resolve("twin");
        reference();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Object>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    try {
                        return run(config("twin", ""), Integer.MAX_VALUE);
                    } catch (ConfigError e) {
                        return e;
                    }
                }));
            }
            Object a = runs.get(0).get();
            Object b = runs.get(1).get();
            ConfigError refused = (ConfigError) (a instanceof ConfigError ? a : b);
            SweepDriver.Outcome ran = (SweepDriver.Outcome) (a instanceof ConfigError ? b : a);
            assertTrue(refused.getMessage().startsWith("sweep.output: " + twin + " is in use by dam sweep (pid "),
                    refused.getMessage());
            assertTrue(ran.complete());
        } finally {
            pool.shutdownNow();
        }
        assertSameTables(reference(), twin);
        assertEquals(0, run(config("twin", ""), Integer.MAX_VALUE).pointsRun());
        assertSameTables(reference(), twin);
    }

    /** Issue 9.7: readers that follow the contract see committed batches only, never a killed batch's files. */
    @Test
    void committedTablesHoldOnlyTheBatchesInTheLedger() throws Exception {
        SweepConfig c = config("partial", "batch-points = 5");
        run(c, 1);
        Path trials = dir(c).resolve("trials");
        Path part;
        try (Stream<Path> s = Files.walk(trials)) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        // What a batch killed after Spark's job commit leaves: a part file no ledger record lists.
        String killed = "part-99999-" + java.util.UUID.randomUUID() + "-c000.snappy.parquet";
        Files.copy(part, part.resolveSibling(killed));
        Files.createDirectories(trials.resolve("_temporary/0"));
        OutputDirectory out = OutputDirectory.open(c.output(), new org.apache.hadoop.conf.Configuration());
        Ledger ledger = Ledger.read(out);
        assertEquals(5 * 12, CommittedTables.read(spark, out, ledger, "trials", null).count());
        assertTrue(spark.read().parquet(trials.toString()).count() > 5 * 12, "a naive reader sees the killed batch");
        SweepDriver.Outcome rest = run(c, Integer.MAX_VALUE);
        assertEquals(7, rest.pointsRun());
        assertFalse(Files.exists(part.resolveSibling(killed)));
        assertFalse(Files.exists(trials.resolve("_temporary")));
        assertSameTables(reference(), dir(c));
    }

    /** Issue 9.3: a run that committed nothing (it failed or was stopped early) does not block a corrected rerun. */
    @Test
    void aSweepThatCommittedNothingDoesNotBlockAChangedConfig() {
        run(config("nothing", ""), 0);
        assertTrue(Files.exists(tmp.resolve("nothing/_sweep.json")));
        SweepDriver.Outcome o = run(config("nothing", "trials = 8"), 0);
        assertEquals(0, o.pointsRun());
        // Once a batch is committed, the rows fix the settings.
        run(config("nothing", "trials = 8"), 1);
        ConfigError e = assertThrows(ConfigError.class, () -> run(config("nothing", ""), 0));
        assertTrue(e.getMessage().startsWith("sweep.trials: output " + tmp.resolve("nothing") + " holds a sweep with "
                + "trials = 8, not 12"), e.getMessage());
    }

    /**
     * A sweep of many batches has many committed files per table; reading them back as a list (resume,
     * basins, report) must work on the sweep's session, where Kryo refuses unregistered classes.
     */
    @Test
    void manyCommittedFilesAreReadBack() throws Exception {
        Path out = tmp.resolve("many-files");
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < 33; i++) {
            spark.range(1).selectExpr("CAST(" + (2 + i % 2) + " AS INT) AS n", "CAST(id + " + i + " AS DOUBLE) AS alpha_c")
                    .coalesce(1).write().mode("append").parquet(out.resolve("capacity").toString());
        }
        try (Stream<Path> s = Files.walk(out.resolve("capacity"))) {
            s.filter(p -> p.toString().endsWith(".parquet")).forEach(p -> files.add(out.relativize(p).toString()));
        }
        Files.createDirectories(out.resolve(Ledger.DIR));
        Files.writeString(out.resolve(Ledger.DIR).resolve("table-capacity.json"), "{\"table\": \"capacity\", \"files\": [\""
                + String.join("\", \"", files) + "\"]}");
        OutputDirectory dir = OutputDirectory.open(dam.jobs.config.OutputLocation.of(out.toString()),
                new org.apache.hadoop.conf.Configuration());
        assertEquals(33, files.size());
        assertEquals(33, CommittedTables.read(spark, dir, Ledger.read(dir), "capacity", null).count());
    }

    @Test
    void rowsDoNotDependOnPartitioning() {
        SweepConfig one = config("p1", "partitions = 1");
        SweepConfig seven = config("p7", "partitions = 7");
        SweepDriver.Outcome o1 = run(one, Integer.MAX_VALUE);
        run(seven, Integer.MAX_VALUE);
        assertTrue(o1.complete());
        assertEquals(12, o1.gridPoints());
        assertEquals(144, rows(dir(one), "trials").size());
        assertEquals(12, rows(dir(one), "grid").size());
        assertEquals(12, rows(dir(one), "theory").size()); // one per (n, alpha, m0): one network size
        assertEquals(4, rows(dir(one), "basins").size());
        assertSameTables(dir(one), dir(seven));
    }

    @Test
    void rowsDoNotDependOnWhetherTheM0ValuesOfALoadShareATask() {
        // Two points per batch: each load's three m0 values split 2 + 1 over batches, so tasks run one or two m0 on a
        // pattern set; the reference runs all three in one task per slice.
        SweepConfig split = config("split-scans", "batch-points = 2");
        SweepDriver.Outcome o = run(split, Integer.MAX_VALUE);
        assertTrue(o.complete());
        assertEquals(12, o.pointsRun());
        assertSameTables(reference(), dir(split));
    }

    @Test
    void anInterruptedRunResumesToTheSameTables() throws Exception {
        SweepConfig whole = config("whole", "");
        run(whole, Integer.MAX_VALUE);

        SweepConfig resumed = config("resumed", "batch-points = 5");
        SweepDriver.Outcome first = run(resumed, 2); // killed after two of three batches
        assertFalse(first.complete());
        assertEquals(10, first.pointsRun());
        // Kill during the second batch: its files are written but its ledger record is not.
        Path progress = dir(resumed).resolve("_progress");
        try (Stream<Path> s = Files.list(progress)) {
            Path last = s.filter(p -> p.toString().endsWith(".json")).sorted().toList().get(1);
            Files.delete(last);
        }
        SweepDriver.Outcome second = run(resumed, Integer.MAX_VALUE);
        assertFalse(Files.exists(dir(resumed).resolve("trials/_temporary")));
        assertTrue(second.complete());
        assertEquals(7, second.pointsRun()); // 5 in the lost batch + 2 never started
        assertSameTables(dir(whole), dir(resumed));

        // A rerun of a finished sweep runs nothing and changes nothing.
        assertEquals(0, run(resumed, Integer.MAX_VALUE).pointsRun());
        assertSameTables(dir(whole), dir(resumed));
    }

    @Test
    void aSubGridThenTheFullGridEqualsTheFullGrid() {
        SweepConfig whole = config("whole-b", "");
        run(whole, Integer.MAX_VALUE);
        SweepConfig sub = config("grown", "").withM0(List.of(0.6));
        run(sub, Integer.MAX_VALUE);
        SweepDriver.Outcome rest = run(config("grown", ""), Integer.MAX_VALUE);
        assertEquals(8, rest.pointsRun());
        assertSameTables(dir(whole), dir(sub));
    }

    @Test
    void tablesFollowTheSchemaAndCarryTheSweepDescription() throws Exception {
        SweepConfig c = config("schema", "m0 = [0.3, 0.6, 0.9, 1.0]");
        run(c, Integer.MAX_VALUE);
        StructType trials = spark.read().parquet(dir(c).resolve("trials").toString()).schema();
        // Every planned column, in the planned order (n first: it is a column of the files, not a directory).
        assertEquals(List.of(Tables.trials(null).fieldNames()), List.of(trials.fieldNames()));
        for (var f : Tables.trials(null).fields()) {
            assertEquals(f.dataType().simpleString(), trials.apply(f.name()).dataType().simpleString(), f.name());
        }
        String meta = trials.apply("alpha").metadata().getString(Tables.SWEEP_METADATA_KEY);
        assertTrue(meta.contains("\"version\""), meta);
        assertTrue(meta.contains("\"seed\":7"), meta);
        String json = Files.readString(dir(c).resolve("_sweep.json"));
        assertTrue(json.contains("\"start_time\""));
        assertEquals(SweepDescription.TABLE_SCHEMA, ConfigFactory.parseString(json).getInt("table_schema"));
        assertEquals(SweepDescription.TABLE_SCHEMA, SweepDescription.tableSchema(OutputDirectory.open(c.output(), new Configuration())));

        Row g = spark.read().parquet(dir(c).resolve("grid").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 0.9").collectAsList().get(0);
        assertEquals(12, g.getInt(g.fieldIndex("trials")));
        int successes = g.getInt(g.fieldIndex("successes"));
        long fromTrials = spark.read().parquet(dir(c).resolve("trials").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 0.9 AND retrieved").count();
        assertEquals(fromTrials, successes);
        assertEquals(successes / 12.0, g.getDouble(g.fieldIndex("success_fraction")));
        assertEquals(9, g.getList(g.fieldIndex("mean_m")).size());
        assertNotNull(g.get(g.fieldIndex("theory_final_m")));
        List<Integer> sets = g.getList(g.fieldIndex("set_trials"));
        assertEquals(List.of(4, 4, 4), sets);
        assertEquals(3, g.getInt(g.fieldIndex("pattern_sets")));
        List<Integer> setSuccesses = g.getList(g.fieldIndex("set_successes"));
        assertEquals(successes, setSuccesses.stream().mapToInt(Integer::intValue).sum());
        double deff = g.getDouble(g.fieldIndex("design_effect"));
        assertTrue(deff >= 1 && deff <= 4, "design effect " + deff);
        assertEquals(12 / deff, g.getDouble(g.fieldIndex("effective_trials")), 1e-12);
        assertTrue(g.getDouble(g.fieldIndex("success_lo")) <= successes / 12.0
                && successes / 12.0 <= g.getDouble(g.fieldIndex("success_hi")));
        assertEquals(9, g.getList(g.fieldIndex("se_m")).size());

        // m0 = 1 with exact initialisation: the 4 states of a set coincide, so each set is one trajectory, once.
        Row one = spark.read().parquet(dir(c).resolve("grid").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 1.0").collectAsList().get(0);
        assertEquals(3, one.getInt(one.fieldIndex("trials")));
        assertEquals(3, one.getInt(one.fieldIndex("pattern_sets")));
        assertEquals(List.of(1, 1, 1), one.getList(one.fieldIndex("set_trials")));
        List<Integer> simulated = spark.read().parquet(dir(c).resolve("trials").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 1.0").select("trial").collectAsList().stream()
                .map(r -> r.getInt(0)).sorted().toList();
        assertEquals(List.of(0, 4, 8), simulated);
        Row basin = spark.read().parquet(dir(c).resolve("basins").toString())
                .where("n = 3 AND alpha = 0.05").collectAsList().get(0);
        assertEquals(3, basin.getInt(basin.fieldIndex("pattern_sets")));
        assertEquals(3 * 12 + 3, basin.getInt(basin.fieldIndex("trials")));
        Row t = spark.read().parquet(dir(c).resolve("trials").toString()).where("trial = 5").first();
        assertEquals(1, t.getInt(t.fieldIndex("pattern_set"))); // 4 states per pattern set
        assertEquals(8, t.getList(t.fieldIndex("flips")).size());
    }

    @Test
    void everyTableIsAFlatDirectoryWhosePartFilesEachHoldTheirOrder() throws Exception {
        SweepConfig c = config("flat", "");
        run(c, Integer.MAX_VALUE);
        for (String table : List.of("trials", "theory", "grid", "basins")) {
            Path dir = dir(c).resolve(table);
            List<Path> parts;
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> all = s.toList();
                assertTrue(all.stream().noneMatch(Files::isDirectory), table + ": no n=... subdirectories: " + all);
                parts = all.stream().filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            }
            assertFalse(parts.isEmpty(), table);
            long rows = 0;
            for (Path part : parts) {
                // One file alone, without the directory around it, still says which order each row belongs to.
                List<Row> ns = spark.read().parquet(part.toString()).select("n").distinct().collectAsList();
                assertTrue(ns.stream().allMatch(r -> r.getInt(0) == 2 || r.getInt(0) == 3), table + " " + part);
                rows += spark.read().parquet(part.toString()).count();
            }
            assertEquals(spark.read().parquet(dir.toString()).count(), rows, table);
        }
    }

    @Test
    void aNormalisedSweepPrintsAndDrawsItsLoadsNormalisedAndStoresThemRaw() throws Exception {
        // alpha (2n-3)!! = 0.15 is the raw alpha 0.15 at n = 2 and 0.05 at n = 3 (p = round(0.05 48^2) = 115)
        SweepConfig c = ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2, 3], neurons = [48], alpha = [0.15],"
                + " m0 = [0.6], trials = 4, steps = 6, seed = 7, load = normalised,"
                + " theory { enabled = true, paths = 1000, basin-tol = 0.1 }, output = \"" + tmp.resolve("normalised") + "\" }"));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        SweepDriver.run(c, new SweepDriver.Options(false, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(summary, true), Integer.MAX_VALUE));
        List<String> lines = summary.toString().lines().toList();
        assertTrue(lines.get(0).matches("model\\s+n\\s+neurons\\s+temp\\s+alpha P\\(1\\)\\s+m0 .*"), lines.get(0));
        assertTrue(lines.get(2).matches("dense\\s+3\\s+48\\s+0\\.000\\s+0\\.1500\\s+0\\.60 .*"), lines.get(2));
        assertEquals(List.of(0.05), spark.read().parquet(dir(c).resolve("grid").toString()).where("n = 3")
                .select("alpha").as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList(), "the table holds the raw alpha");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        SweepSummary.printPoints(spark.read().parquet(dir(c).resolve("grid").toString()), LoadConvention.RAW,
                new PrintStream(raw, true));
        List<String> rawLines = raw.toString().lines().toList();
        assertTrue(rawLines.get(0).matches("model\\s+n\\s+neurons\\s+temp\\s+alpha\\s+m0 .*"), rawLines.get(0));
        assertTrue(rawLines.get(2).matches("dense\\s+3\\s+48\\s+0\\.000\\s+0\\.0500\\s+0\\.60 .*"), rawLines.get(2));

        OutputDirectory out = OutputDirectory.open(c.output(), new Configuration());
        assertEquals(LoadConvention.NORMALISED, Report.loadConvention(out), "read from _sweep.json");
        ReportTables tables = ReportTables.read(spark, out, Ledger.read(out));
        List<String> figure = Report.texts(tables, Report.loadConvention(out)).get("figure1_n3_N48.png");
        assertTrue(figure.contains("alpha (2n-3)!! = 0.15 (p = 115)"), figure.toString());
        // a figure of one model names that model's normalised load
        assertTrue(figure.get(0).contains("dense model") && figure.get(0).contains("normalised load alpha (2n-3)!!"),
                figure.get(0));
        List<String> rawFigure = Report.texts(tables, LoadConvention.RAW).get("figure1_n3_N48.png");
        assertTrue(rawFigure.contains("alpha = 0.05 (p = 115)"), rawFigure.toString());
    }
}
