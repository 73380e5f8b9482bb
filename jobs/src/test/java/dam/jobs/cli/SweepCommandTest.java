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
            return Dam.execute(Dam.configure(new CommandLine(new SweepCommand())), args);
        } finally {
            System.setErr(saved);
            err.append(buf.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBadConfigExitsWithCodeTwoOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path conf = Files.writeString(tmp.resolve("bad.conf"), "sweep { n = [3], N = [64], alpha = [-0.1],"
                + " m0 = [0.5], output = \"" + out + "\" }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString()));
        assertEquals("dam sweep: sweep.alpha: must be > 0, got -0.1\n", err.toString());
        assertFalse(Files.exists(out));
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
        Path conf = Files.writeString(tmp.resolve("ok.conf"), "sweep { n = [3], N = [64], alpha = [0.1], m0 = [0.5] }");
        StringBuilder err = new StringBuilder();
        assertEquals(2, sweep(err, conf.toString(), "--output", foreign.toString(), "--overwrite"));
        assertEquals("dam sweep: sweep.output: " + foreign + " is not empty and holds no _sweep.json; refusing to write into it\n",
                err.toString());
        assertEquals(1, Files.list(foreign).count());
    }
}
