package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import dam.jobs.table.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepDriverTest {

    @TempDir
    static Path tmp;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkTestSession.get();
    }

    /** A small sweep: 2 x 1 x 2 x 3 = 12 grid points, 12 trials each, theory with few paths, one batch unless extra says otherwise. */
    private static SweepConfig config(String output, String extra) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2, 3], N = [48], alpha = [0.05, 0.12],"
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

    @Test
    void rowsDoNotDependOnPartitioning() {
        SweepConfig one = config("p1", "partitions = 1");
        SweepConfig seven = config("p7", "partitions = 7");
        SweepDriver.Outcome o1 = run(one, Integer.MAX_VALUE);
        run(seven, Integer.MAX_VALUE);
        assertTrue(o1.complete());
        assertEquals(12, o1.gridPoints());
        assertEquals(144, rows(one.output(), "trials").size());
        assertEquals(12, rows(one.output(), "grid").size());
        assertEquals(12, rows(one.output(), "theory").size()); // one per (n, alpha, m0): N has a single value
        assertEquals(4, rows(one.output(), "basins").size());
        assertSameTables(one.output(), seven.output());
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
        Path progress = resumed.output().resolve("_progress");
        try (Stream<Path> s = Files.list(progress)) {
            Path last = s.filter(p -> p.toString().endsWith(".json")).sorted().toList().get(1);
            Files.delete(last);
        }
        SweepDriver.Outcome second = run(resumed, Integer.MAX_VALUE);
        assertFalse(Files.exists(resumed.output().resolve("trials/_temporary")));
        assertTrue(second.complete());
        assertEquals(7, second.pointsRun()); // 5 in the lost batch + 2 never started
        assertSameTables(whole.output(), resumed.output());

        // A rerun of a finished sweep runs nothing and changes nothing.
        assertEquals(0, run(resumed, Integer.MAX_VALUE).pointsRun());
        assertSameTables(whole.output(), resumed.output());
    }

    @Test
    void aSubGridThenTheFullGridEqualsTheFullGrid() {
        SweepConfig whole = config("whole-b", "");
        run(whole, Integer.MAX_VALUE);
        SweepConfig sub = config("grown", "").withM0(List.of(0.6));
        run(sub, Integer.MAX_VALUE);
        SweepDriver.Outcome rest = run(config("grown", ""), Integer.MAX_VALUE);
        assertEquals(8, rest.pointsRun());
        assertSameTables(whole.output(), sub.output());
    }

    @Test
    void tablesFollowTheSchemaAndCarryTheSweepDescription() throws Exception {
        SweepConfig c = config("schema", "m0 = [0.3, 0.6, 0.9, 1.0]");
        run(c, Integer.MAX_VALUE);
        StructType trials = spark.read().parquet(c.output().resolve("trials").toString()).schema();
        // Partition discovery puts n last; every planned column is there with its type.
        for (var f : Tables.trials(null).fields()) {
            assertEquals(f.dataType().simpleString(), trials.apply(f.name()).dataType().simpleString(), f.name());
        }
        String meta = trials.apply("alpha").metadata().getString(Tables.SWEEP_METADATA_KEY);
        assertTrue(meta.contains("\"version\""), meta);
        assertTrue(meta.contains("\"seed\":7"), meta);
        String json = Files.readString(c.output().resolve("_sweep.json"));
        assertTrue(json.contains("\"start_time\""));

        Row g = spark.read().parquet(c.output().resolve("grid").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 0.9").collectAsList().get(0);
        assertEquals(12, g.getInt(g.fieldIndex("trials")));
        int successes = g.getInt(g.fieldIndex("successes"));
        long fromTrials = spark.read().parquet(c.output().resolve("trials").toString())
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
        Row one = spark.read().parquet(c.output().resolve("grid").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 1.0").collectAsList().get(0);
        assertEquals(3, one.getInt(one.fieldIndex("trials")));
        assertEquals(3, one.getInt(one.fieldIndex("pattern_sets")));
        assertEquals(List.of(1, 1, 1), one.getList(one.fieldIndex("set_trials")));
        List<Integer> simulated = spark.read().parquet(c.output().resolve("trials").toString())
                .where("n = 3 AND alpha = 0.05 AND m0 = 1.0").select("trial").collectAsList().stream()
                .map(r -> r.getInt(0)).sorted().toList();
        assertEquals(List.of(0, 4, 8), simulated);
        Row basin = spark.read().parquet(c.output().resolve("basins").toString())
                .where("n = 3 AND alpha = 0.05").collectAsList().get(0);
        assertEquals(3, basin.getInt(basin.fieldIndex("pattern_sets")));
        assertEquals(3 * 12 + 3, basin.getInt(basin.fieldIndex("trials")));
        Row t = spark.read().parquet(c.output().resolve("trials").toString()).where("trial = 5").first();
        assertEquals(1, t.getInt(t.fieldIndex("pattern_set"))); // 4 states per pattern set
        assertEquals(8, t.getList(t.fieldIndex("flips")).size());
    }
}
