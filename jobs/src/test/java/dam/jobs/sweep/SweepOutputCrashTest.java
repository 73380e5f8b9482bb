package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an output directory crashed after every possible number of file-system operations (a process kill
 * at each step of the lock, --overwrite, orphan deletion and the new description): the next open always
 * succeeds, and finds either the earlier sweep whole or none of it, never a refused or half-deleted directory.
 */
@Tag("slow")
class SweepOutputCrashTest {

    @TempDir
    Path tmp;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    private static final List<String> TABLE_FILES = List.of("trials/" + ParquetFixture.partName(0),
            "theory/" + ParquetFixture.partName(0), "grid/" + ParquetFixture.partName(0));
    private static final String KILLED = "trials/" + ParquetFixture.partName(1);

    @AfterEach
    void disarm() {
        CrashingFileSystem.crashAfter(Integer.MAX_VALUE);
        OutputLock.HELD.clear();
    }

    private static Configuration conf() {
        Configuration conf = new Configuration();
        conf.set("fs.crash.impl", CrashingFileSystem.class.getName());
        conf.setBoolean("fs.crash.impl.disable.cache", true);
        return conf;
    }

    private SweepConfig config(Path out) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2], neurons = [64], alpha = [0.1], m0 = [0.5],"
                + " output = \"crash://" + out + "\", spark.conf { \"spark.hadoop.fs.crash.impl\" = \""
                + CrashingFileSystem.class.getName() + "\" } }"));
    }

    /** A committed one-batch sweep, as a run leaves it, plus the leftovers of a killed batch. */
    private void writeSweep(Path out, SweepConfig c) throws IOException {
        Files.createDirectories(out.resolve("_progress"));
        Files.writeString(out.resolve("_sweep.json"), SweepDescription.json(c, Instant.now(), List.of(), true));
        for (String f : TABLE_FILES) {
            ParquetFixture.write(out.resolve(f), 3);
        }
        Files.writeString(out.resolve("_progress/batch-00000-1.json"), "{\"points\": [{\"model\": \"dense\", \"n\": 2, \"neurons\": 64, \"temperature\": 0, \"alpha\": 0.1,"
                + " \"m0\": 0.5, \"p\": 6}], \"theory\": [], \"files\": [\"" + String.join("\", \"", TABLE_FILES) + "\"]}");
        ParquetFixture.write(out.resolve(KILLED), 1);
        Files.createDirectories(out.resolve("grid/_temporary/0"));
    }

    private static long files(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }

    /** Opens with a crash after k operations; returns true if it crashed. */
    private static boolean crashedOpen(SweepConfig c, boolean overwrite, int k) {
        CrashingFileSystem.crashAfter(k);
        try (SweepOutput out = SweepOutput.open(c, overwrite, conf(), "crashing run", QUIET)) {
            out.lock().verify();
            return false;
        } catch (CrashingFileSystem.Crash crash) {
            return true;
        } finally {
            CrashingFileSystem.crashAfter(Integer.MAX_VALUE);
            OutputLock.HELD.clear(); // the crashed run's process is gone
        }
    }

    @Test
    void aCrashAtAnyStepOfOpeningLeavesADirectoryTheNextRunOpens() throws Exception {
        for (boolean overwrite : new boolean[]{true, false}) {
            int k = 0;
            while (true) {
                Path out = tmp.resolve((overwrite ? "overwrite-" : "plain-") + k);
                SweepConfig c = config(out);
                writeSweep(out, c);
                boolean crashed = crashedOpen(c, overwrite, k);
                try (SweepOutput next = SweepOutput.open(c, false, conf(), "next run", QUIET)) {
                    int batches = next.ledger().batchCount();
                    if (batches == 1) {
                        assertEquals(TABLE_FILES.size(), files(out), "crash after " + k + ": the earlier sweep is whole");
                    } else {
                        assertEquals(0, batches, "crash after " + k);
                        assertTrue(overwrite, "only --overwrite deletes the sweep");
                        assertEquals(0, files(out), "crash after " + k + ": none of the earlier sweep is left");
                    }
                    assertFalse(Files.exists(out.resolve(KILLED)));
                    assertFalse(Files.exists(out.resolve("grid/_temporary")));
                    assertFalse(Files.exists(out.resolve(SweepOutput.OVERWRITING)));
                    assertTrue(Files.exists(out.resolve("_sweep.json")));
                } catch (RuntimeException e) {
                    fail("crash after " + k + " operations of " + (overwrite ? "--overwrite" : "a plain run")
                            + ": the next run failed: " + e.getMessage(), e);
                }
                if (!crashed) {
                    assertTrue(k > 8, "the crash points cover the whole opening: " + k);
                    break;
                }
                k++;
            }
        }
    }
}
