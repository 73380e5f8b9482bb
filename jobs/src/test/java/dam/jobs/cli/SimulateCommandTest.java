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
        assertEquals("simulate: load normalised: alpha (2n-3)!! = 0.3 at n = 3 (dense), so alpha = p / N^(n-1) = 0.1",
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

    @Test
    void atNTwoThePBodyModelGivesTheDenseModelsTrajectoriesAtEveryTemperature() {
        for (String temperature : List.of("0", "0.4")) {
            String[] common = {"simulate", "--n", "2", "--neurons", "200", "--alpha", "0.12", "--m0", "0.6",
                    "--trials", "3", "--steps", "8", "--temperature", temperature};
            assertEquals(0, run(concat(common, "--model", "dense")), err.toString());
            String dense = out.toString();
            out.getBuffer().setLength(0);
            assertEquals(0, run(concat(common, "--model", "pbody")), err.toString());
            assertEquals(dense, out.toString(), "temperature " + temperature);
            out.getBuffer().setLength(0);
        }
    }

    @Test
    void aTemperatureMakesTrialsFromOneStateDiffer() {
        // at m0 = 1 every trial of sign dynamics starts from the pattern and one trajectory per set is printed; with
        // noise each trial is its own trajectory
        assertEquals(0, run("simulate", "--n", "3", "--neurons", "64", "--alpha", "0.05", "--m0", "1", "--trials", "3",
                "--steps", "5", "--temperature", "0.3", "--states-per-pattern-set", "3"), err.toString());
        List<String> rows = out.toString().lines().skip(1).toList();
        assertEquals(3 * 6, rows.size(), "three trials of t = 0..5");
        assertTrue(rows.stream().map(r -> r.split(",")[0]).distinct().count() == 3, rows.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--model|krotov|dam simulate: --model: expected dense or pbody, got 'krotov'",
            "--temperature|-0.5|dam simulate: --temperature: must be >= 0 and finite, got -0.5",
            "--temperature|Infinity|dam simulate: --temperature: must be >= 0 and finite, got Infinity"})
    void aBadModelOrTemperatureIsOneLineAndExitCodeTwo(String option, String value, String message) {
        assertEquals(Dam.BAD_INPUT, run("simulate", "--n", "3", "--neurons", "64", "--alpha", "0.1", "--m0", "0.5",
                option, value));
        assertEquals(message, err.toString().strip());
        assertEquals("", out.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
