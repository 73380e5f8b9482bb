package dam.jobs.cli;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

@Tag("spark")
@ExtendWith(SparkExtension.class)
class ReportCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dam.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return Dam.execute(cli, args);
    }

    @Test
    void reportOfAMissingDirectoryIsBadInputNamingTheArgument(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("report", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("<output dir>: not a directory"), err.toString());
    }

    /** Issue 9.7: a directory without tables is bad input, not a success that drew nothing. */
    @Test
    void reportOfADirectoryWithoutTablesIsBadInput(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("report", tmp.toString()));
        assertEquals("dam report: <output dir>: no tables under " + tmp + ": none of trials/, theory/, grid/, basins/, "
                + "phase_diagram/, capacity/, critical_temperature/, finite_size/ has committed rows\n", err.toString());
    }

    /**
     * Issue 9.6: a truncated Parquet file is one line: exit 2 when a ledger lists it (checked before Spark
     * starts), exit 3 when Spark's reader finds it in a directory without a ledger.
     */
    @Test
    void aTruncatedParquetFileIsOneLine(@TempDir Path tmp) throws Exception {
        Path table = Files.createDirectories(tmp.resolve("capacity"));
        Path part = table.resolve("part-00000-x.snappy.parquet");
        Files.write(part, new byte[]{'P', 'A', 'R', '1', 0, 0, 0, 0, 0, 0});
        assertEquals(Dam.FAILURE, run("report", tmp.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("dam report: failed: "), err.toString());
        assertTrue(err.toString().endsWith(" (--verbose for the stack trace)\n"), err.toString());

        err.getBuffer().setLength(0);
        Files.createDirectories(tmp.resolve("_progress"));
        Files.writeString(tmp.resolve("_progress/table-capacity.json"),
                "{\"table\": \"capacity\", \"files\": [\"capacity/part-00000-x.snappy.parquet\"]}");
        assertEquals(Dam.BAD_INPUT, run("report", tmp.toString()));
        assertEquals("dam report: <output dir>: " + tmp + " is damaged: capacity/part-00000-x.snappy.parquet (listed in "
                + "_progress/table-capacity.json) is not a complete Parquet file (10 bytes); it was changed outside dam: "
                + "rerun with --overwrite (or restore the file)\n", err.toString());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count(), "no figures/ written");
        }
    }

    @Test
    void reportOfAnOldTableSchemaIsOneLineNotAStackTrace(@TempDir Path tmp) throws Exception {
        // Tables of an older dam (n=... partition directories), here without _sweep.json.
        Files.createDirectories(tmp.resolve("old/basins/n=2"));
        Files.writeString(tmp.resolve("old/basins/n=2/part-00000.parquet"), "old bytes");
        // A ledger record of it that would read as damaged: the schema is checked first.
        Files.createDirectories(tmp.resolve("old/_progress"));
        Files.writeString(tmp.resolve("old/_progress/table-basins.json"),
                "{\"table\": \"basins\", \"files\": [\"basins/n=2/part-00000.parquet\"]}");
        assertEquals(Dam.BAD_INPUT, run("report", tmp.resolve("old").toString()));
        assertEquals("dam report: <output dir>: " + tmp.resolve("old") + " holds tables of schema version 1, and this "
                + "dam reads and writes version " + dam.jobs.sweep.SweepDescription.TABLE_SCHEMA + " (column neurons, not N; "
                + "no n=... directories; per-pattern-set counts in grid/; one theory seed per basin boundary in basins/; "
                + "docs/tables.md); rerun "
                + "its sweep with --overwrite, or into a new directory, to draw it", err.toString().strip());
        assertFalse(Files.exists(tmp.resolve("old/figures")));
    }

    @Test
    void theoryOnlyPhaseDiagramOverAnOldTableSchemaIsBadInput(@TempDir Path tmp) throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(old.resolve("_sweep.json"), "{\"version\": \"0.1.0\", \"runs\": []}");
        Path conf = Files.writeString(tmp.resolve("p.conf"), "sweep { n = [2], neurons = [64], alpha = [0.1], m0 = [0.5],"
                + " output = \"" + old + "\" }");
        PrintStream saved = System.err;
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Dam.BAD_INPUT, run("phase-diagram", conf.toString(), "--no-simulation"));
        } finally {
            System.setErr(saved);
        }
        String line = err.toString();
        assertTrue(line.startsWith("dam phase-diagram: sweep.output: " + old + " holds tables of schema version 1"), line);
        assertEquals(1, line.strip().lines().count(), line);
        assertEquals("", progress.toString(StandardCharsets.UTF_8), "refused before any progress line");
        assertEquals(1, Files.list(old).count());
    }

    @Test
    void phaseDiagramRejectsANonPositiveLoadCount(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("x.conf").toString(), "--alpha-points", "0"));
        assertTrue(err.toString().contains("--alpha-points: must lie in [1, 100000]"), err.toString());
    }

    /** Issue 17.4: a load count that would exhaust the driver is refused before the config is read or anything written. */
    @Test
    void phaseDiagramRejectsALoadCountBeyondTheLimit(@TempDir Path tmp) throws Exception {
        Path conf = Files.writeString(tmp.resolve("p.conf"), "sweep { n = [2], neurons = [64], alpha = [0.1], m0 = [0.5],"
                + " output = \"" + tmp.resolve("out") + "\" }");
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", conf.toString(), "--alpha-points", "2000000000"));
        assertEquals("dam phase-diagram: --alpha-points: must lie in [1, 100000] (theory loads per n, one bisection task "
                + "each), got 2000000000", err.toString().strip());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void phaseDiagramOfAMissingConfigIsBadInput(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("missing.conf").toString()));
    }
}
