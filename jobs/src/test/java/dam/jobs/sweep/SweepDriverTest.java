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

    /** The local directory of a test sweep's output. */
    private static Path dir(SweepConfig c) {
        return dam.jobs.config.OutputLocation.localPath(c.output());
    }

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
        assertEquals(144, rows(dir(one), "trials").size());
        assertEquals(12, rows(dir(one), "grid").size());
        assertEquals(12, rows(dir(one), "theory").size()); // one per (n, alpha, m0): N has a single value
        assertEquals(4, rows(dir(one), "basins").size());
        assertSameTables(dir(one), dir(seven));
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
        SweepConfig c = config("schema", "");
        run(c, Integer.MAX_VALUE);
        StructType trials = spark.read().parquet(dir(c).resolve("trials").toString()).schema();
        // Partition discovery puts n last; every planned column is there with its type.
        for (var f : Tables.trials(null).fields()) {
            assertEquals(f.dataType().simpleString(), trials.apply(f.name()).dataType().simpleString(), f.name());
        }
        String meta = trials.apply("alpha").metadata().getString(Tables.SWEEP_METADATA_KEY);
        assertTrue(meta.contains("\"version\""), meta);
        assertTrue(meta.contains("\"seed\":7"), meta);
        String json = Files.readString(dir(c).resolve("_sweep.json"));
        assertTrue(json.contains("\"start_time\""));

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
        Row t = spark.read().parquet(dir(c).resolve("trials").toString()).where("trial = 5").first();
        assertEquals(1, t.getInt(t.fieldIndex("pattern_set"))); // 4 states per pattern set
        assertEquals(8, t.getList(t.fieldIndex("flips")).size());
    }
}
