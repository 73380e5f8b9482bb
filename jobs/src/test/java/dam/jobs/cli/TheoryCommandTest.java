package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.theory.Gaussian;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TheoryCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dam.configure(new CommandLine(new TheoryCommand()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsOneCsvRowPerTimeWithEmptyCellsWhereUndefined() {
        int code = run("--n", "3", "--alpha", "0.1", "--m0", "0.7", "--steps", "4", "--paths", "50000", "--seed", "1");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals("t,m,c_prev,flips", lines[0]);
        assertEquals(6, lines.length);
        String[] first = lines[1].split(",", -1);
        assertEquals("0", first[0]);
        assertEquals(0.7, Double.parseDouble(first[1]), 0);
        assertEquals("", first[2]);
        String[] second = lines[2].split(",", -1);
        double m1 = Double.parseDouble(second[1]);
        double expected = Gaussian.erf(0.49 / Math.sqrt(2 * 0.1 * 3));
        assertEquals(expected, m1, 4 * Math.sqrt(1.0 / 50000));
        // flips(0) = (1 - C(1,0)) / 2 must agree with c_prev(1)
        double flips0 = Double.parseDouble(first[3]);
        assertEquals((1 - Double.parseDouble(second[2])) / 2, flips0, 1e-15);
        String[] last = lines[5].split(",", -1);
        assertEquals("4", last[0]);
        assertEquals("", last[3]);
        assertEquals("theory: load raw: alpha = 0.1 = p / N^(n-1)", err.toString().strip(), "stderr names the convention");
    }

    @Test
    void rejectsBadValuesWithOneLineNamingTheOption() {
        String[][] bad = {
            {"--n", "1", "--alpha", "0.1", "--m0", "0.5"},
            {"--n", "3", "--alpha", "0", "--m0", "0.5"},
            {"--n", "3", "--alpha", "0.1", "--m0", "1.5"},
            {"--n", "3", "--alpha", "0.1", "--m0", "0.5", "--paths", "0"},
            {"--n", "3", "--alpha", "0.1", "--m0", "0.5", "--steps", "0"},
            {"--n", "3", "--alpha", "0.1", "--m0", "0.5", "--threads", "0"},
            // the path history (4.4 bytes per path and step, 8 TB here) must fit in the heap
            {"--n", "3", "--alpha", "0.1", "--m0", "0.5", "--paths", "2000000000", "--steps", "1000"},
        };
        String[] option = {"--n", "--alpha", "--m0", "--paths", "--steps", "--threads", "--paths"};
        for (int i = 0; i < bad.length; i++) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(bad[i]), option[i]);
            String message = err.toString();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains(option[i] + ":"), message);
        }
        assertTrue(out.toString().isEmpty());
    }

    @Test
    void aNormalisedLoadIsTheRawLoadTimesTheDoubleFactorialAndTheCommandSaysSo() {
        // alpha (2n-3)!! = 0.3 at n = 3 is alpha = 0.1 exactly: the same solve, bit for bit
        assertEquals(0, run("--n", "3", "--alpha", "0.1", "--m0", "0.6", "--steps", "3", "--paths", "20000", "--load", "raw"));
        String raw = out.toString();
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--alpha", "0.3", "--m0", "0.6", "--steps", "3", "--paths", "20000", "--load", "normalised"));
        assertEquals(raw, out.toString());
        assertEquals("theory: load normalised: alpha (2n-3)!! = 0.3 at n = 3 (dense), so alpha = p / N^(n-1) = 0.1", err.toString().strip());
    }

    @Test
    void aLoadConventionOtherThanRawOrNormalisedIsOneLineAndExitCodeTwo() {
        assertEquals(2, run("--n", "3", "--alpha", "0.1", "--m0", "0.5", "--load", "scaled"));
        assertEquals("theory: --load: must be raw or normalised, got \"scaled\"", err.toString().strip());
        assertTrue(out.toString().isEmpty());
    }

    /**
     * Issue 17.5: an n or alpha whose numbers leave the double (or the path fields' float) range is refused naming the
     * option, before any kernel is built (n = 2^31 - 1 used to end in an OutOfMemoryError, n = 300 normalised in a
     * NumberFormatException, n = 200 and alpha = 1e308 in NaN or overflowed overlaps printed with exit 0).
     */
    @ParameterizedTest
    @CsvSource({
        "200, 0.1, raw, --n",
        "300, 0.1, normalised, --n",
        "2147483647, 0.1, raw, --n",
        "151, 1e-300, raw, --n",
        "3, 1e308, raw, --alpha",
        "3, 3.4e29, raw, --alpha",
        "150, 1.1e30, normalised, --alpha",
    })
    void anOrderOrLoadBeyondTheSolversRangeIsOneLineNamingTheOption(String n, String alpha, String load, String option) {
        assertEquals(2, run("--n", n, "--alpha", alpha, "--m0", "0.5", "--load", load, "--steps", "2", "--paths", "100"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("theory: " + option + ": must be at most "), err.toString());
        assertTrue(out.toString().isEmpty(), out.toString());
    }

    /** Issue 17.5: at the edges of the range (largest n, largest load) every number printed is a finite overlap. */
    @ParameterizedTest
    @CsvSource({
        "150, 1e30, normalised",
        "150, 1e-3, normalised",
        "2, 1e30, raw",
        "3, 3.3e29, raw",
        "40, 1e29, normalised",
    })
    void atTheEdgesOfTheRangeTheOverlapsAreFinite(String n, String alpha, String load) {
        assertEquals(0, run("--n", n, "--alpha", alpha, "--m0", "1", "--load", load, "--steps", "6", "--paths", "4000"),
                err.toString());
        List<String> rows = out.toString().lines().skip(1).toList();
        assertEquals(7, rows.size());
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            double m = Double.parseDouble(cells[1]);
            assertTrue(m >= -1 && m <= 1, row);
            for (int i = 2; i < cells.length; i++) {
                assertTrue(cells[i].isEmpty() || Double.isFinite(Double.parseDouble(cells[i])), row);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"dense,0,3", "pbody,0,2", "pbody,0.5,2"})
    void theFirstStepIsExactForEachModelAndTemperature(String model, double temperature, double p1) {
        // m(1) = E_z tanh(beta (m0^2 + sqrt(alpha P(1)) z)), at temperature 0 erf(m0^2 / sqrt(2 alpha P(1)))
        assertEquals(0, run("--n", "3", "--alpha", "0.1", "--m0", "0.7", "--steps", "1", "--paths", "200000",
                "--model", model, "--temperature", String.valueOf(temperature)), err.toString());
        double m1 = Double.parseDouble(out.toString().split("\n")[2].split(",")[1]);
        double sd = Math.sqrt(0.1 * p1);
        double expected;
        if (temperature == 0) {
            expected = Gaussian.erf(0.49 / (Math.sqrt(2) * sd));
        } else {
            double sum = 0;
            double dz = 1e-3;
            for (double z = -10; z < 10; z += dz) { // the Gaussian expectation by the midpoint rule
                double mid = z + dz / 2;
                sum += Math.tanh((0.49 + sd * mid) / temperature) * Math.exp(-mid * mid / 2) * dz;
            }
            expected = sum / Math.sqrt(2 * Math.PI);
        }
        assertEquals(expected, m1, 0.006, model + " at temperature " + temperature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--model|p-body|theory: --model: expected dense or pbody, got 'p-body'",
            "--temperature|-1|theory: --temperature: must be >= 0 and finite, got -1.0"})
    void aBadModelOrTemperatureIsOneLineAndExitCodeTwo(String option, String value, String message) {
        assertEquals(Dam.BAD_INPUT, run("--n", "3", "--alpha", "0.1", "--m0", "0.5", option, value));
        assertEquals(message, err.toString().strip());
        assertEquals("", out.toString());
    }
}
