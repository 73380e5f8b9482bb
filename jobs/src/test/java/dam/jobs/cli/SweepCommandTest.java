package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SweepCommandTest {

    @TempDir
    Path tmp;

    /** Runs {@code sweep args...} and returns the exit code; stderr is captured into err. */
    private int sweep(StringBuilder err, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new SweepCommand()).execute(args);
        } finally {
            System.setErr(saved);
            err.append(buf.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBadConfigExitsWithCodeTwoOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path conf = Files.writeString(tmp.resolve("bad.conf"), "sweep { n = [3], neurons = [64], alpha = [-0.1],"
                + " m0 = [0.5], output = \"" + out + "\" }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString()));
        assertEquals("dam sweep: sweep.alpha: must be > 0, got -0.1\n", err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aConfigWithTheOldKeyNExitsWithCodeTwoNamingTheNewName() throws Exception {
        Path out = tmp.resolve("out-n");
        Path conf = Files.writeString(tmp.resolve("old.conf"), "sweep { n = [3], N = [64], alpha = [0.1],"
                + " m0 = [0.5], output = \"" + out + "\" }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString()));
        assertEquals("dam sweep: sweep.N: renamed to neurons\n", err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputOfTheOldTableSchemaIsNotResumedIntoAMixedLayout() throws Exception {
        // What an older dam left: _sweep.json without table_schema, n=... partition directories, column N.
        Path old = Files.createDirectories(tmp.resolve("old-out"));
        Files.writeString(old.resolve("_sweep.json"), "{\"version\": \"0.1.0\", \"runs\": [\"2026-01-01T00:00:00Z\"]}");
        Path part = Files.createDirectories(old.resolve("grid/n=3")).resolve("part-00000.parquet");
        Files.writeString(part, "old bytes");
        Path conf = Files.writeString(tmp.resolve("ok2.conf"), "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5] }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString(), "--output", old.toString()));
        assertEquals("dam sweep: sweep.output: " + old + " holds tables of schema version 1, and this dam reads and "
                + "writes version 2 (column neurons, not N; no n=... directories; docs/tables.md); use --overwrite or "
                + "another --output\n", err.toString());
        assertEquals("old bytes", Files.readString(part));
        assertEquals(2, Files.list(old).count()); // nothing added
    }

    @Test
    void aMissingConfigFileExitsWithCodeTwo() {
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, tmp.resolve("nope.conf").toString()));
        assertTrue(err.toString().startsWith("dam sweep: config: no such file: "), err.toString());
    }

    @Test
    void aForeignOutputDirectoryIsNeverWrittenInto() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(foreign.resolve("holiday.jpg"), "not a sweep");
        Path conf = Files.writeString(tmp.resolve("ok.conf"), "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5] }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString(), "--output", foreign.toString(), "--overwrite"));
        assertEquals("dam sweep: sweep.output: " + foreign + " is not empty and holds no _sweep.json; refusing to write into it\n",
                err.toString());
        assertEquals(1, Files.list(foreign).count());
    }
}
