package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigError;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17.1 and 17.2, without Spark: --overwrite deletes what dam wrote and refuses, deleting nothing, a directory
 * that holds anything else; a directory whose ledger lost records is refused as damaged (naming --adopt and
 * --overwrite), while the leftovers of an unfinished batch are still cleaned.
 */
class SweepOutputTest {

    @TempDir
    Path tmp;

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @AfterEach
    void release() {
        OutputLock.HELD.clear();
    }

    private SweepConfig config(Path out) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2], neurons = [64], alpha = [0.1, 0.2],"
                + " m0 = [0.5], output = \"" + out + "\" }"));
    }

    /** A sweep of the given batches (one grid point each) as runs leave it, with everything of dam's that may be there. */
    private static List<String> writeSweep(Path out, SweepConfig c, int batches) throws IOException {
        Files.createDirectories(out.resolve(Ledger.DIR));
        Files.writeString(out.resolve(SweepDescription.FILE), SweepDescription.json(c, Instant.now(), List.of(), true));
        List<String> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> files = new ArrayList<>();
            for (String table : Ledger.BATCH_TABLES) {
                String f = table + "/" + ParquetFixture.partName(0);
                ParquetFixture.write(out.resolve(f), 2);
                Files.writeString(out.resolve(table).resolve("." + f.substring(table.length() + 1) + ".crc"), "crc");
                files.add(f);
                files.add(table + "/." + f.substring(table.length() + 1) + ".crc");
            }
            double alpha = 0.1 * (b + 1);
            Files.writeString(out.resolve(Ledger.DIR).resolve("batch-0000" + b + "-" + (1000 + b) + ".json"),
                    "{\"points\": [{\"model\": \"dense\", \"n\": 2, \"neurons\": 64, \"temperature\": 0, \"alpha\": " + alpha + ", \"m0\": 0.5, \"p\": "
                            + Math.round(alpha * 64) + "}], \"theory\": [], \"files\": [\"" + String.join("\", \"", files) + "\"]}");
            all.addAll(files);
        }
        return all;
    }

    /** Spark's and the report's own files beside the tables. */
    private static void writeOwnLeftovers(Path out) throws IOException {
        for (String table : List.of("trials", "grid")) {
            Files.writeString(out.resolve(table).resolve("_SUCCESS"), "");
            Files.writeString(out.resolve(table).resolve("._SUCCESS.crc"), "crc");
        }
        Files.createDirectories(out.resolve("trials/_temporary/0/task"));
        Files.writeString(out.resolve("trials/_temporary/0/task/part-00000-x"), "half");
        Files.createDirectories(out.resolve("figures"));
        Files.writeString(out.resolve("figures/figure1_n2_N64.png"), "png");
        Files.writeString(out.resolve("figures/phase_diagram.png"), "png");
        Files.writeString(out.resolve("figures/.phase_diagram.png.0b1c.tmp"), "half a png");
        Files.writeString(out.resolve("_lock.stale-1764640000000"), "{}");
        ParquetFixture.write(out.resolve("basins/" + ParquetFixture.partName(0)), 1);
    }

    private SweepOutput open(SweepConfig c, SweepOutput.Mode mode) {
        return SweepOutput.open(c, mode, new Configuration(), "test run", QUIET);
    }

    /** Every entry under dir with its size and modification time (not the directory's own: the lock comes and goes). */
    private static String listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p) + ":" + (Files.isDirectory(p) ? "" : p.toFile().length() + ":")
                    + p.toFile().lastModified()).sorted().toList().toString();
        }
    }

    /** Issue 17.1: one file or directory that dam did not write, anywhere, and --overwrite deletes nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"thesis.tex", "figures/my_plot.png", "mydata/keep.csv", "mydata/deep/nested/x.txt",
            "trials/notes.txt", "grid/extra/part.parquet", "trials/part-thesis.parquet", "_progress_backup/x",
            "basins/n=2/readme.md", "figures/old/figure1_n2_N64.png"})
    void overwriteRefusesADirectoryHoldingAnythingDamDidNotWriteAndDeletesNothing(String foreign) throws Exception {
        Path out = tmp.resolve("d");
        SweepConfig c = config(out);
        writeSweep(out, c, 2);
        writeOwnLeftovers(out);
        Files.createDirectories(out.resolve(foreign).getParent());
        Files.writeString(out.resolve(foreign), "not dam's");
        String before = listing(out);
        ConfigError e = assertThrows(ConfigError.class, () -> open(c, SweepOutput.Mode.OVERWRITE));
        assertTrue(e.getMessage().startsWith("sweep.output: --overwrite deletes only what dam wrote, and " + out
                + " also holds files dam did not write ("), e.getMessage());
        String named = foreign.contains("/") && !foreign.startsWith("figures/my") && !foreign.startsWith("trials/")
                ? foreign.substring(0, foreign.indexOf('/', foreign.startsWith("basins/") || foreign.startsWith("grid/")
                || foreign.startsWith("figures/") ? foreign.indexOf('/') + 1 : 0) + 1) : foreign;
        assertTrue(e.getMessage().contains(named), named + " in " + e.getMessage());
        assertTrue(e.getMessage().endsWith("); move them out of it, or use another --output"), e.getMessage());
        assertEquals(before, listing(out), "nothing deleted, nothing written");
    }

    /** Issue 17.1: what dam wrote is all deleted: the listed files, Spark's and the report's leftovers, the figures. */
    @Test
    void overwriteDeletesEverythingDamWrote() throws Exception {
        Path out = tmp.resolve("ours");
        SweepConfig c = config(out);
        writeSweep(out, c, 2);
        writeOwnLeftovers(out);
        try (SweepOutput o = open(c, SweepOutput.Mode.OVERWRITE)) {
            assertEquals(0, o.ledger().batchCount());
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of("", "_progress", "_sweep.json"), s.map(p -> out.relativize(p).toString()).sorted().toList());
        }
    }

    /** Issue 17.1: an interrupted --overwrite is still finished, but not over files that are not dam's. */
    @Test
    void anInterruptedOverwriteIsFinishedOnlyWhereEverythingLeftIsDams() throws Exception {
        Path out = tmp.resolve("interrupted");
        SweepConfig c = config(out);
        writeSweep(out, c, 1);
        Files.writeString(out.resolve(SweepOutput.OVERWRITING), "");
        Files.writeString(out.resolve("trials/keep.csv"), "not dam's");
        String before = listing(out);
        ConfigError e = assertThrows(ConfigError.class, () -> open(c, SweepOutput.Mode.RESUME));
        assertTrue(e.getMessage().startsWith("sweep.output: cannot finish the interrupted --overwrite of " + out
                + " also holds files dam did not write (trials/keep.csv)"), e.getMessage());
        assertEquals(before, listing(out));
        Files.delete(out.resolve("trials/keep.csv"));
        try (SweepOutput o = open(c, SweepOutput.Mode.RESUME)) {
            assertEquals(0, o.ledger().batchCount());
        }
        assertFalse(Files.exists(out.resolve("trials")));
    }

    /** How a ledger loses records outside dam, each leaving part files that no record lists. */
    enum Loss { PROGRESS_REMOVED, FIRST_OF_TWO_RECORDS_REMOVED, RECORD_OLDER_THAN_A_RERUN_REMOVED, ALL_RECORDS_BASINS_LEFT }

    /** Issue 17.2: part files no record lists where a record must be missing: refused as damaged, nothing deleted. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Loss.class)
    void aDirectoryThatLostRecordsIsRefusedAsDamagedNamingAdoptAndOverwrite(Loss loss) throws Exception {
        Path out = tmp.resolve("lost-" + loss);
        SweepConfig c = config(out);
        writeSweep(out, c, 2);
        Path progress = out.resolve(Ledger.DIR);
        switch (loss) {
            case PROGRESS_REMOVED -> {
                try (Stream<Path> s = Files.list(progress)) {
                    for (Path p : s.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(progress);
            }
            case FIRST_OF_TWO_RECORDS_REMOVED -> Files.delete(progress.resolve("batch-00000-1000.json"));
            case RECORD_OLDER_THAN_A_RERUN_REMOVED -> {
                Files.delete(progress.resolve("batch-00001-1001.json"));
                // a later run started (and rewrote the description) after every table file
                Files.setLastModifiedTime(out.resolve(SweepDescription.FILE), FileTime.from(Instant.now().plusSeconds(60)));
            }
            case ALL_RECORDS_BASINS_LEFT -> {
                ParquetFixture.write(out.resolve("basins/" + ParquetFixture.partName(0)), 1);
                try (Stream<Path> s = Files.list(progress)) {
                    for (Path p : s.toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        String before = listing(out);
        ConfigError e = assertThrows(ConfigError.class, () -> open(c, SweepOutput.Mode.RESUME));
        assertTrue(e.getMessage().startsWith("sweep.output: " + out + " is damaged: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; to keep its tables rerun with --adopt (it rebuilds the ledger from the "
                + "readable part files), or start afresh with --overwrite"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(before, listing(out), "nothing deleted");
    }

    /** Issue 17.2: an unfinished batch (part files newer than every record, _progress/ present) is still cleaned. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void theFilesOfAnUnfinishedBatchAreStillDeleted(int committed) throws Exception {
        Path out = tmp.resolve("unfinished-" + committed);
        SweepConfig c = config(out);
        List<String> kept = writeSweep(out, c, committed);
        Files.createDirectories(out.resolve(Ledger.DIR));
        Thread.sleep(5); // the killed batch started after the last record
        String killed = "trials/" + ParquetFixture.partName(3);
        ParquetFixture.write(out.resolve(killed), 1);
        try (SweepOutput o = open(c, SweepOutput.Mode.RESUME)) {
            assertEquals(committed, o.ledger().batchCount());
        }
        assertFalse(Files.exists(out.resolve(killed)));
        for (String f : kept) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
    }

    /** Every figure name the report writes is one that --overwrite knows as dam's. */
    @ParameterizedTest
    @ValueSource(strings = {"figure1_n2_N64.png", "convergence_time_n12_N4096.png", "phase_diagram.png",
            "capacity_ladder.png", "finite_size.png", "figure1_n3_N512_pbody_temperature0.2.png",
            "phase_diagram_temperature1.000e-05.png", "capacity_ladder_pbody.png", "models_n3.png", "transient_n2.png",
            "temperature_n4.png"})
    void theReportsFigureNamesAreDams(String name) {
        assertTrue(OwnFiles.isFigure(name));
        assertFalse(OwnFiles.isFigure("my_" + name));
    }
}
