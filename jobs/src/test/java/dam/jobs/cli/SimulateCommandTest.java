package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dam.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theNetworkSizeIsGivenAsNeurons() {
        assertEquals(0, run("simulate", "--n", "2", "--neurons", "32", "--alpha", "0.1", "--m0", "1",
                "--trials", "1", "--steps", "1"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals("trial,t,m,flips", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,0,1.000000,"), lines.get(1));
        assertEquals(3, lines.size(), "t = 0 and 1 of one trial");
    }

    @Test
    void theOldOptionNIsRefusedNamingItsNewName() {
        assertEquals(Dam.BAD_INPUT, run("simulate", "--n", "3", "--N", "64", "--alpha", "0.1", "--m0", "0.5"));
        assertEquals("dam simulate: --N: renamed to --neurons", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(Dam.BAD_INPUT, run("simulate", "--n=3", "--N=64", "--alpha=0.1", "--m0=0.5"));
        assertEquals("dam simulate: --N: renamed to --neurons", err.toString().strip());
    }

    @Test
    void aNormalisedLoadGivesTheRawLoadsTrialsAndTheCommandSaysWhichConvention() {
        // alpha (2n-3)!! = 0.3 at n = 3 is alpha = 0.1: p = round(0.1 64^2) = 410 patterns, the same trials
        assertEquals(0, run("simulate", "--n", "3", "--neurons", "64", "--alpha", "0.1", "--m0", "0.6", "--trials", "2",
                "--steps", "3"), err.toString());
        String raw = out.toString();
        assertEquals("simulate: load raw: alpha = 0.1 = p / N^(n-1)", err.toString().strip());
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(0, run("simulate", "--n", "3", "--neurons", "64", "--alpha", "0.3", "--m0", "0.6", "--trials", "2",
                "--steps", "3", "--load", "normalised"), err.toString());
        assertEquals(raw, out.toString());
        assertEquals("simulate: load normalised: alpha (2n-3)!! = 0.3 at n = 3, so alpha = p / N^(n-1) = 0.1",
                err.toString().strip());
    }

    @Test
    void aLoadConventionOtherThanRawOrNormalisedIsOneLineAndExitCodeTwo() {
        assertEquals(Dam.BAD_INPUT, run("simulate", "--n", "3", "--neurons", "64", "--alpha", "0.1", "--m0", "0.5",
                "--load", "Normalized"));
        assertEquals("dam simulate: --load: must be raw or normalised, got \"Normalized\"", err.toString().strip());
        assertTrue(out.toString().isEmpty());
    }

    /**
     * Issue 17.9: a simulation too large for the heap names what makes it large: the trial results (steps or trials,
     * the larger) or the pattern matrix (neurons), not always --neurons.
     */
    @ParameterizedTest
    @CsvSource({
        "2, 64, 0.1, 10, 2000000000, --steps",
        "2, 64, 0.1, 2000000000, 10, --trials",
        "2, 130000, 1.0, 1, 1, --neurons",
    })
    void aSimulationBeyondTheHeapNamesTheOptionThatMakesItLarge(String n, String neurons, String alpha, String trials,
                                                                String steps, String option) {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8e9, "the pattern matrix of 130000 neurons (4.2 GB) exceeds half the heap");
        assertEquals(Dam.BAD_INPUT, run("simulate", "--n", n, "--neurons", neurons, "--alpha", alpha, "--m0", "1",
                "--trials", trials, "--steps", steps));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("dam simulate: " + option + ": the simulation needs about "), err.toString());
        assertTrue(out.toString().isEmpty());
    }
}
