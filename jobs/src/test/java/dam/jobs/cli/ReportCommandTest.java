package dam.jobs.cli;

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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReportCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dam.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void reportOfAMissingDirectoryIsBadInputNamingTheArgument(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("report", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("<output dir>: not a directory"), err.toString());
    }

    @Test
    void reportOfAnOldTableSchemaIsOneLineNotAStackTrace(@TempDir Path tmp) throws Exception {
        // Tables of an older dam (n=... partition directories), here without _sweep.json.
        Files.createDirectories(tmp.resolve("old/basins/n=2"));
        Files.writeString(tmp.resolve("old/basins/n=2/part-00000.parquet"), "old bytes");
        assertEquals(Dam.BAD_INPUT, run("report", tmp.resolve("old").toString()));
        assertEquals("dam report: <output dir>: " + tmp.resolve("old") + " holds tables of schema version 1, and this "
                + "dam reads and writes version 2 (column neurons, not N; no n=... directories; docs/tables.md); rerun "
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
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Dam.BAD_INPUT, run("phase-diagram", conf.toString(), "--no-simulation"));
        } finally {
            System.setErr(saved);
        }
        String line = buf.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("dam phase-diagram: sweep.output: " + old + " holds tables of schema version 1"), line);
        assertEquals(1, line.strip().lines().count(), line);
        assertEquals(1, Files.list(old).count());
    }

    @Test
    void phaseDiagramRejectsANonPositiveLoadCount(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("x.conf").toString(), "--alpha-points", "0"));
        assertTrue(err.toString().contains("--alpha-points: must be >= 1"), err.toString());
    }

    @Test
    void phaseDiagramOfAMissingConfigIsBadInput(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("missing.conf").toString()));
    }
}
