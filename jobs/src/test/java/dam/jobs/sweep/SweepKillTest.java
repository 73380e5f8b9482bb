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
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: {@code dam sweep} in a child JVM killed with SIGKILL at random moments (a fixed seed, so
 * the moments are reproducible; each is printed), some of them inside --overwrite (as its marker appears, and
 * while it deletes the earlier sweep),
 * each followed by a rerun; every run that completes must leave tables equal, row for row, to an uninterrupted
 * run. CI kills {@value #CI_KILLS} times; {@code -Ddam.kills=24} is the full run (docs/output.md has its
 * result).
 */
@Tag("spark")
@ExtendWith(SparkExtension.class)
class SweepKillTest {

    static final int CI_KILLS = 3;

    @TempDir
    Path tmp;

    /** 12 grid points in 6 batches of two, theory on: many commit points to land between and inside. */
    private static final String CONFIG = "sweep { n = [2, 3], neurons = [48], alpha = [0.05, 0.12], m0 = [0.3, 0.6, 0.9],"
            + " trials = 12, states-per-pattern-set = 4, steps = 8, seed = 11, unit-trials = 4, batch-points = 2,"
            + " theory { enabled = true, paths = 1000, basin-tol = 0.05 }, spark.master = \"local[2]\" }";

    private DamProcess start(Path conf, Path out, boolean overwrite, int run) throws IOException {
        Path log = tmp.resolve("run-" + run + ".log");
        return overwrite ? DamProcess.start(log, "sweep", conf.toString(), "--output", out.toString(), "--no-report", "--overwrite")
                : DamProcess.start(log, "sweep", conf.toString(), "--output", out.toString(), "--no-report");
    }

    /** What a killed run left: committed batch records, trial files, the overwrite marker, the lock. */
    private static String state(Path out) throws IOException {
        long records = 0;
        if (Files.isDirectory(out.resolve(Ledger.DIR))) {
            try (var s = Files.list(out.resolve(Ledger.DIR))) {
                records = s.filter(p -> p.getFileName().toString().startsWith("batch-")).count();
            }
        }
        long parts = 0;
        if (Files.isDirectory(out.resolve("trials"))) {
            try (var s = Files.walk(out.resolve("trials"))) {
                parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
            }
        }
        return records + " batches committed, " + parts + " trials/ part files"
                + (Files.exists(out.resolve(SweepOutput.OVERWRITING)) ? ", overwrite marker left" : "")
                + (Files.exists(out.resolve(OutputLock.FILE)) ? ", lock left" : "")
                + (Files.exists(out.resolve(SweepDescription.FILE)) ? "" : ", no _sweep.json");
    }

    /** The committed rows of every table of a local output directory, as sorted text. */
    private static List<List<String>> tables(SparkSession spark, Path out) throws IOException {
        OutputDirectory dir = OutputDirectory.open(OutputLocation.of(out.toString()), new Configuration());
        Ledger ledger = Ledger.read(dir);
        ledger.verify();
        List<List<String>> all = new ArrayList<>();
        for (String table : List.of("trials", "theory", "grid", "basins")) {
            all.add(CommittedTables.read(spark, dir, ledger, table, null).collectAsList().stream()
                    .map(Row::toString).sorted().toList());
        }
        return all;
    }

    @Test
    void killsAtRandomMomentsLeaveTablesEqualToAnUninterruptedRun() throws Exception {
        int kills = Integer.getInteger("dam.kills", CI_KILLS);
        long seed = Long.getLong("dam.kills.seed", 20251202L);
        Random random = new Random(seed);
        Path conf = Files.writeString(tmp.resolve("kill.conf"), CONFIG);
        SparkSession spark = SparkExtension.session();

        SweepConfig referenceConfig = ConfigLoader.fromConfig(ConfigFactory.parseString(CONFIG)
                .withFallback(ConfigFactory.parseString("sweep.output = \"" + tmp.resolve("reference") + "\"")));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SweepDriver.run(referenceConfig, new SweepDriver.Options(false, quiet, quiet, Integer.MAX_VALUE));
        List<List<String>> reference = tables(spark, tmp.resolve("reference"));
        assertEquals(144, reference.get(0).size());

        Path out = tmp.resolve("killed");
        int run = 0;
        DamProcess first = start(conf, out, false, run++);
        assertEquals(0, first.await(), first::tail);
        double full = first.seconds();
        assertEquals(reference, tables(spark, out));
        System.out.printf(Locale.ROOT, "[kill] seed %d, %d kills; an uninterrupted run takes %.1f s (JVM and Spark start included)%n",
                seed, kills, full);

        int completions = 1;
        for (int k = 1; k <= kills; k++) {
            // In turn: --overwrite killed as its marker appears, a plain run at a random moment, --overwrite killed
            // inside its deletion (the sweep description already gone), --overwrite at a random moment.
            int kind = (k - 1) % 4;
            boolean overwrite = kind != 1;
            boolean watch = (kind == 0 || kind == 2) && !Files.exists(out.resolve(SweepOutput.OVERWRITING))
                    && Files.exists(out.resolve(SweepDescription.FILE));
            double delay = 0.3 + random.nextDouble() * full;
            DamProcess c = start(conf, out, overwrite, run++);
            String moment;
            if (watch) {
                Path marker = out.resolve(SweepOutput.OVERWRITING);
                Path description = out.resolve(SweepDescription.FILE);
                while (!Files.exists(marker) && c.process().isAlive() && c.seconds() < 2 * full) {
                    Thread.onSpinWait();
                }
                while (kind == 2 && Files.exists(description) && c.process().isAlive() && c.seconds() < 2 * full) {
                    Thread.onSpinWait();
                }
                int extraMicros = random.nextInt(kind == 2 ? 20000 : 2000);
                long until = System.nanoTime() + extraMicros * 1000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                moment = String.format(Locale.ROOT, "%s + %d us (%.2f s)", kind == 0 ? "when the overwrite marker appeared"
                        : "once the overwrite had deleted _sweep.json", extraMicros, c.seconds());
            } else {
                long until = c.startNanos() + (long) (delay * 1e9);
                while (System.nanoTime() < until && c.process().isAlive()) {
                    Thread.sleep(5);
                }
                moment = String.format(Locale.ROOT, "at %.2f s", delay);
            }
            boolean alive = c.process().isAlive();
            int code = c.kill();
            System.out.printf(Locale.ROOT, "[kill] %2d: %s run killed %s: %s%n", k, overwrite ? "--overwrite" : "plain",
                    moment, alive ? "exit " + code + ", left " + state(out) : "it had already finished, exit " + code);
            if (!alive) {
                assertEquals(0, code, c::tail);
            }
            if (k % 4 == 0 || k == kills) {
                DamProcess rerun = start(conf, out, false, run++);
                assertEquals(0, rerun.await(), rerun::tail);
                assertEquals(reference, tables(spark, out), "tables after kill " + k + " and a rerun");
                assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "lock released");
                completions++;
                System.out.printf(Locale.ROOT, "[kill] rerun to the end (%.1f s): tables equal the uninterrupted run, "
                        + "row for row (%d trial rows)%n", rerun.seconds(), reference.get(0).size());
            }
        }
        System.out.printf(Locale.ROOT, "[kill] %d kills, %d completed runs, all equal to the uninterrupted run%n", kills, completions);
    }

    /**
     * Issue 20: a sweep with boundary searches killed with SIGKILL during its rounds (as round 0 starts plus a random
     * delay, then in the rerun as round 1 starts plus one), then run to the end: the tables equal an uninterrupted
     * run's, row for row, so a resume continues the same sequence of rounds.
     */
    @Test
    void killsDuringAdaptiveRoundsLeaveTablesEqualToAnUninterruptedRun() throws Exception {
        Random random = new Random(Long.getLong("dam.kills.seed", 20251206L));
        Path conf = Files.writeString(tmp.resolve("adaptive.conf"), AdaptiveSweepTest.CONFIG);
        SparkSession spark = SparkExtension.session();
        SweepConfig referenceConfig = ConfigLoader.fromConfig(ConfigFactory.parseString(AdaptiveSweepTest.CONFIG)
                .withFallback(ConfigFactory.parseString("sweep.output = \"" + tmp.resolve("reference") + "\"")));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SweepDriver.run(referenceConfig, new SweepDriver.Options(false, quiet, quiet, Integer.MAX_VALUE));
        List<List<String>> reference = AdaptiveSweepTest.tables(spark, tmp.resolve("reference"));

        Path out = tmp.resolve("killed");
        int run = 0;
        for (int round : new int[]{0, 1}) {
            DamProcess c = start(conf, out, false, run++);
            String line = "[sweep] round " + round + " ";
            while (c.process().isAlive() && c.lines().stream().noneMatch(l -> l.startsWith(line))) {
                Thread.sleep(5);
            }
            double delay = random.nextDouble() * 1.5;
            long until = System.nanoTime() + (long) (delay * 1e9);
            while (System.nanoTime() < until && c.process().isAlive()) {
                Thread.sleep(2);
            }
            boolean alive = c.process().isAlive();
            int code = c.kill();
            System.out.printf(Locale.ROOT, "[kill] adaptive: killed %.2f s after round %d started: %s%n", delay, round,
                    alive ? "exit " + code + ", left " + state(out) : "it had already finished, exit " + code);
            assertTrue(alive || code == 0, c::tail);
        }
        DamProcess rerun = start(conf, out, false, run);
        assertEquals(0, rerun.await(), rerun::tail);
        assertEquals(reference, AdaptiveSweepTest.tables(spark, out), "tables after the kills and a rerun");
        System.out.printf(Locale.ROOT, "[kill] adaptive: rerun to the end (%.1f s): tables equal the uninterrupted run%n",
                rerun.seconds());
    }
}
