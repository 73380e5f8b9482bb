package dam.jobs.sweep;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.cli.Dam;
import dam.jobs.config.ConfigError;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.OutputLocation;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output on a real HDFS (an in-process MiniDFSCluster at the Hadoop version of Spark's client): a sweep to
 * hdfs://, killed with SIGKILL in a child JVM and resumed, reads back equal to a local run; the lock is
 * exclusive there too; storage that turns read-only mid-run (safe mode) fails with one line and exit 3, and
 * the run resumes afterwards.
 */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class HdfsOutputTest {

    @TempDir
    static Path tmp;

    private static MiniDFSCluster cluster;
    private static String hdfs;
    private static SparkSession spark;

    private static final String GRID = "n = [2, 3], neurons = [48], alpha = [0.05, 0.12], m0 = [0.3, 0.6, 0.9], trials = 12,"
            + " states-per-pattern-set = 4, steps = 8, seed = 5, unit-trials = 4, batch-points = 2,"
            + " theory { enabled = true, paths = 1000, basin-tol = 0.05 }, spark.master = \"local[2]\"";

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
        long t0 = System.nanoTime();
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getURI().toString();
        System.out.printf(Locale.ROOT, "[hdfs] MiniDFSCluster at %s started in %.1f s%n", hdfs, (System.nanoTime() - t0) / 1e9);
        spark = SparkExtension.session();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static SweepConfig config(String output) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { " + GRID + ", output = \"" + output + "\" }"));
    }

    private static SweepDriver.Outcome run(SweepConfig c, int maxBatches) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return SweepDriver.run(c, new SweepDriver.Options(false, quiet, quiet, maxBatches));
    }

    /** The committed rows of every table, as sorted text. */
    private static List<List<String>> tables(String location) throws IOException {
        OutputDirectory dir = OutputDirectory.open(location, spark.sparkContext().hadoopConfiguration());
        Ledger ledger = Ledger.read(dir);
        ledger.verify();
        List<List<String>> all = new ArrayList<>();
        for (String table : List.of("trials", "theory", "grid", "basins")) {
            all.add(CommittedTables.read(spark, dir, ledger, table, null).collectAsList().stream()
                    .map(Row::toString).sorted().toList());
        }
        return all;
    }

    private static List<List<String>> expected;
    private static double localSeconds;

    /** The tables of the same sweep run locally (computed once). */
    private static synchronized List<List<String>> expected() throws IOException {
        if (expected == null) {
            long t0 = System.nanoTime();
            SweepConfig local = config(tmp.resolve("local").toString());
            run(local, Integer.MAX_VALUE);
            localSeconds = (System.nanoTime() - t0) / 1e9;
            expected = tables(local.output());
        }
        return expected;
    }

    private static long batches(String location) throws IOException {
        OutputDirectory dir = OutputDirectory.open(location, new Configuration());
        return dir.names(Ledger.DIR).stream().filter(n -> n.startsWith("batch-")).count();
    }

    @Test
    void aSweepToHdfsKilledAndResumedReadsBackEqualToALocalRun() throws Exception {
        List<List<String>> expected = expected();
        assertEquals(144, expected.get(0).size());

        assertEquals(hdfs + "/sweeps/killed", config(hdfs + "/sweeps/killed").output());

        // The same sweep in a child JVM, killed with SIGKILL once it has committed a batch, then resumed here.
        String killed = hdfs + "/sweeps/killed";
        Path conf = Files.writeString(tmp.resolve("h.conf"), "sweep { " + GRID + " }");
        DamProcess child = DamProcess.start(tmp.resolve("child.log"), "sweep", conf.toString(), "--output", killed, "--no-report");
        while (child.process().isAlive() && batches(killed) < 2) {
            Thread.sleep(20);
        }
        assertTrue(child.process().isAlive(), child::tail);
        int code = child.kill();
        long committed = batches(killed);
        long t0 = System.nanoTime();
        SweepDriver.Outcome resumed = run(config(killed), Integer.MAX_VALUE);
        double resumeSeconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(resumed.complete());
        assertEquals(12 - 2 * committed, resumed.pointsRun());
        assertEquals(expected, tables(killed));
        System.out.printf(Locale.ROOT, "[hdfs] sweep of 12 grid points in 6 batches: local run %.1f s (in this JVM); on hdfs, "
                        + "a child JVM killed (exit %d) after %.1f s with %d batches committed, resumed in this JVM in %.1f s "
                        + "(%d points run); tables equal to the local run, row for row%n", localSeconds, code,
                child.seconds(), committed, resumeSeconds, resumed.pointsRun());
        assertFalse(Files.exists(Path.of("hdfs:")), "nothing written into a local directory named hdfs:");

        List<String> figures = Report.write(spark, OutputDirectory.open(killed, spark.sparkContext().hadoopConfiguration()));
        assertTrue(figures.contains(killed + "/figures/phase_diagram.png"), figures.toString());
    }

    @Test
    void theLockIsExclusiveOnHdfs() throws Exception {
        OutputDirectory dir = OutputDirectory.open(hdfs + "/locks/a", new Configuration());
        dir.mkdirs();
        int runs = 8;
        CyclicBarrier start = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        try {
            List<Future<OutputLock>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return OutputLock.acquire(dir, "run", quiet);
                    } catch (ConfigError e) {
                        return null;
                    }
                }));
            }
            List<OutputLock> won = new ArrayList<>();
            for (Future<OutputLock> f : results) {
                if (f.get() != null) {
                    won.add(f.get());
                }
            }
            assertEquals(1, won.size());
            ConfigError e = assertThrows(ConfigError.class, () -> run(config(hdfs + "/locks/a"), 0));
            assertTrue(e.getMessage().startsWith("sweep.output: " + hdfs + "/locks/a is in use by run (pid "), e.getMessage());
            won.get(0).close();
            assertFalse(dir.exists(OutputLock.FILE));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Storage that turns read-only mid-run: one line naming the stage, exit 3; the rerun afterwards completes. */
    @Test
    void storageFailingMidRunIsOneLineAndExitThreeAndTheRunResumes() throws Exception {
        String location = hdfs + "/sweeps/readonly";
        Path conf = Files.writeString(tmp.resolve("ro.conf"), "sweep { " + GRID + " }");
        DistributedFileSystem dfs = cluster.getFileSystem();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int[] code = new int[1];
        Thread sweep = new Thread(() -> code[0] = Dam.execute("sweep", conf.toString(), "--output", location, "--no-report"));
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sweep.start();
            while (sweep.isAlive() && batches(location) < 1) {
                Thread.sleep(10);
            }
            dfs.setSafeMode(SafeModeAction.ENTER);
            sweep.join(600_000);
        } finally {
            dfs.setSafeMode(SafeModeAction.LEAVE);
            System.setErr(saved);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("dam sweep:")).toList();
        assertEquals(3, code[0], captured.toString(StandardCharsets.UTF_8));
        assertEquals(1, lines.size(), captured.toString(StandardCharsets.UTF_8));
        assertTrue(lines.get(0).matches("dam sweep: failed while batch \\d/\\d \\(2 grid points\\): .*Name node is in safe mode.*"
                + " \\(--verbose for the stack trace\\)"), lines.get(0));

        SweepDriver.Outcome rest = run(config(location), Integer.MAX_VALUE);
        assertTrue(rest.complete());
        assertEquals(expected(), tables(location));
    }
}
