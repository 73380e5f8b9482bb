package dam.jobs.sweep;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.OutputLocation;
import dam.jobs.config.SweepConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with a boundary axis (issue 20): the grid part in batches, then the searches in rounds, each round one job
 * over every running search and committed like a batch; a run stopped between rounds resumes to the same tables.
 */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class AdaptiveSweepTest {

    @TempDir
    static Path tmp;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark(SparkSession session) {
        spark = session;
    }

    /**
     * n = 2 on a grid (2 points), n = 3 at N = 64 searching m0_c at two loads (ClusteredCoverageTest's setting, where
     * a long uniform run puts the crossing at alpha = 0.08 at 0.6834), theory on.
     */
    static final String CONFIG = "sweep { n = [2, 3], neurons = [64], alpha = [0.08], m0 = [0.5, 1.0],"
            + " by-n { \"3\" { alpha = [0.08, 0.1], m0 = { boundary { from = 0.5, to = 1, width = 0.08, max-trials = 2000 } } } },"
            + " trials = 8, states-per-pattern-set = 2, steps = 20, seed = 5, eps = 0.01,"
            + " theory { enabled = true, paths = 1000, basin-tol = 0.05 } }";

    private static SweepConfig config(String output) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString(CONFIG)
                .withFallback(ConfigFactory.parseString("sweep.output = \"" + tmp.resolve(output) + "\"")));
    }

    private static SweepDriver.Outcome run(SweepConfig c, int maxBatches) {
        PrintStream quiet = Boolean.getBoolean("dam.test.verbose") ? System.err : new PrintStream(new ByteArrayOutputStream());
        return SweepDriver.run(c, new SweepDriver.Options(false, quiet, quiet, maxBatches));
    }

    /** The committed rows of every table, sorted text. */
    static List<List<String>> tables(SparkSession spark, Path out) throws Exception {
        OutputDirectory dir = OutputDirectory.open(OutputLocation.of(out.toString()), new Configuration());
        Ledger ledger = Ledger.read(dir);
        ledger.verify();
        List<List<String>> all = new java.util.ArrayList<>();
        for (String table : List.of("trials", "theory", "grid", "basins")) {
            all.add(CommittedTables.read(spark, dir, ledger, table, null).collectAsList().stream()
                    .map(Row::toString).sorted().toList());
        }
        return all;
    }

    private static Path reference;

    private static synchronized Path reference() {
        if (reference == null) {
            SweepConfig c = config("reference");
            SweepDriver.Outcome o = run(c, Integer.MAX_VALUE);
            assertTrue(o.complete());
            reference = tmp.resolve("reference");
        }
        return reference;
    }

    @Test
    void theSearchesFindTheBoundaryInRoundsCommittedLikeBatches() throws Exception {
        Path out = reference();
        List<Row> basins = spark.read().parquet(out.resolve("basins").toString()).where("search = 'm0'")
                .orderBy("alpha").collectAsList();
        assertEquals(2, basins.size());
        Row first = basins.get(0);
        assertEquals(0.08, first.getDouble(first.fieldIndex("alpha")));
        double lo = first.getDouble(first.fieldIndex("m0c_lo"));
        double hi = first.getDouble(first.fieldIndex("m0c_hi"));
        double m0c = first.getDouble(first.fieldIndex("m0c"));
        assertTrue(lo < m0c && m0c < hi, lo + " " + m0c + " " + hi);
        assertTrue(lo <= 0.6834 && 0.6834 <= hi, "the long uniform run's crossing 0.6834 in [" + lo + ", " + hi + "]");
        for (Row b : basins) {
            String stop = b.getString(b.fieldIndex("stop"));
            assertTrue(stop.equals("width") || stop.equals("budget"), stop);
            if (stop.equals("width")) {
                assertTrue(b.getDouble(b.fieldIndex("m0c_hi")) - b.getDouble(b.fieldIndex("m0c_lo")) <= 0.08 + 1e-12);
            }
            System.out.println("[adaptive] " + b);
            assertFalse(b.isNullAt(b.fieldIndex("theory_m0c")), "the theory boundary beside it");
            // grid/ holds one row per planned run; their trials add up to the search's, and trials/ holds every one
            double alpha = b.getDouble(b.fieldIndex("alpha"));
            List<Row> runs = spark.read().parquet(out.resolve("grid").toString())
                    .where("n = 3 and alpha = " + alpha + " and round is not null").collectAsList();
            assertEquals(b.getInt(b.fieldIndex("trials")), runs.stream().mapToInt(r -> r.getInt(r.fieldIndex("trials"))).sum());
            assertEquals(b.getInt(b.fieldIndex("rounds")), runs.stream().mapToInt(r -> r.getInt(r.fieldIndex("round"))).max().orElse(-1) + 1);
            assertEquals(b.getInt(b.fieldIndex("m0_points")),
                    runs.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("m0"))).distinct().count());
            assertEquals(b.getInt(b.fieldIndex("trials")), spark.read().parquet(out.resolve("trials").toString())
                    .where("n = 3 and alpha = " + alpha).count());
        }
        Row grid = spark.read().parquet(out.resolve("basins").toString()).where("search = 'grid'").collectAsList().get(0);
        assertEquals(2, grid.getInt(grid.fieldIndex("n")));
        OutputDirectory dir = OutputDirectory.open(OutputLocation.of(out.toString()), new Configuration());
        int rounds = basins.stream().mapToInt(b -> b.getInt(b.fieldIndex("rounds"))).max().orElseThrow();
        assertTrue(rounds >= 2, "a search of several rounds, so that the resume below stops between them");
        assertEquals(1 + rounds, Ledger.read(dir).batchCount(), "one batch of grid points, then one commit per round");
    }

    @Test
    void aRunStoppedBetweenRoundsResumesToTheSameTables() throws Exception {
        List<List<String>> expected = tables(spark, reference());
        SweepConfig c = config("resumed");
        for (int commits = 2; ; commits++) { // the grid batch and one round, then one more round per run
            SweepDriver.Outcome o = run(c, commits);
            if (o.complete()) {
                break;
            }
            assertTrue(commits < 20, "the searches stop");
        }
        assertEquals(expected, tables(spark, tmp.resolve("resumed")));
    }

    @Test
    void searchesInTheLoadFindAlphaCFromM0OneAndAreTheFiniteSizeCapacity() throws Exception {
        SweepConfig c = ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [3], neurons = [32, 48, 64],"
                + " m0 = 1, alpha = { boundary { from = 0.02, to = 0.3, width = 0.06, max-trials = 1000 } },"
                + " trials = 8, states-per-pattern-set = 2, steps = 20, seed = 5, eps = 0.01,"
                + " theory { enabled = true, paths = 1000, basin-tol = 0.05 }, output = \"" + tmp.resolve("alpha") + "\" }"));
        assertTrue(run(c, Integer.MAX_VALUE).complete());
        List<Row> searches = spark.read().parquet(tmp.resolve("alpha").resolve("basins").toString()).orderBy("neurons")
                .collectAsList();
        assertEquals(3, searches.size(), searches.toString());
        long trials = 0;
        for (Row b : searches) {
            System.out.println("[adaptive] " + b);
            assertEquals("alpha", b.getString(b.fieldIndex("search")));
            assertTrue(Double.isNaN(b.getDouble(b.fieldIndex("alpha"))), "a search in alpha has no fixed load");
            assertTrue(b.isNullAt(b.fieldIndex("m0c")));
            assertEquals("width", b.getString(b.fieldIndex("stop")), b.toString());
            double lo = b.getDouble(b.fieldIndex("alpha_c_lo"));
            double hi = b.getDouble(b.fieldIndex("alpha_c_hi"));
            assertTrue(lo < b.getDouble(b.fieldIndex("alpha_c")) && hi - lo <= 0.06 + 1e-12, b.toString());
            // at m0 = 1 the states of a set coincide: one trial per pattern set, as many trial rows as sets
            assertEquals(b.getInt(b.fieldIndex("pattern_sets")), b.getInt(b.fieldIndex("trials")));
            trials += b.getInt(b.fieldIndex("trials"));
        }
        assertEquals(trials, spark.read().parquet(tmp.resolve("alpha").resolve("trials").toString()).count());

        // finite_size/ takes each size's search as its alpha_c(N), and fits the three.
        OutputDirectory dir = OutputDirectory.open(c.output(), new Configuration());
        List<Row> rows = spark.createDataFrame(dam.jobs.phase.FiniteSizeScaling.rows(spark, dir, Ledger.read(dir),
                c.seed(), c.steps(), java.util.Map.of(), java.util.Map.of()),
                dam.jobs.phase.PhaseDiagramTables.finiteSize()).collectAsList();
        assertEquals(1, rows.size(), rows.toString());
        Row f = rows.get(0);
        assertEquals("alpha_c", f.getString(f.fieldIndex("quantity")));
        assertEquals(List.of(32, 48, 64), f.getList(f.fieldIndex("neurons")));
        for (int i = 0; i < 3; i++) {
            Row b = searches.get(i);
            assertEquals(b.getDouble(b.fieldIndex("alpha_c")), ((Number) f.getList(f.fieldIndex("estimates")).get(i))
                    .doubleValue(), f.toString());
        }
        assertFalse(f.isNullAt(f.fieldIndex("limit")), "three sizes: a fit " + f);
    }
}
