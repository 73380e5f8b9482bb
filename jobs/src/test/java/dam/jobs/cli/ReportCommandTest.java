package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void phaseDiagramRejectsANonPositiveLoadCount(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("x.conf").toString(), "--alpha-points", "0"));
        assertTrue(err.toString().contains("--alpha-points: must be >= 1"), err.toString());
    }

    @Test
    void phaseDiagramOfAMissingConfigIsBadInput(@TempDir Path tmp) {
        assertEquals(Dam.BAD_INPUT, run("phase-diagram", tmp.resolve("missing.conf").toString()));
    }
}
