package dam.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class StationaryCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Dam.configure(new CommandLine(new StationaryCommand()));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private List<String> rows() {
        return out.toString().lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** n = 2 at temperature 0 is Amit, Gutfreund and Sompolinsky's retrieval state: alpha_c = 0.138, m = 0.967 there. */
    @Test
    void printsAlphaCAndOneRowPerLoadWithZeroAboveTheCapacity() {
        assertEquals(0, run("--n", "2", "--alphas", "0.05,0.1,0.2"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("# alpha_c = 0.1379056 (alpha_c P(1) = 0.1379056), m at alpha_c = 0.9674"), text);
        assertTrue(text.contains(StationaryCommand.SELECTION_CAUTION + System.lineSeparator()), "low temperature: " + text);
        List<String> rows = rows();
        assertEquals("alpha,alpha_norm,m,q,c1,chi,gamma", rows.get(0));
        assertEquals(4, rows.size());
        String[] first = rows.get(1).split(",", -1);
        assertEquals("0.05", first[0]);
        assertTrue(Double.parseDouble(first[2]) > 0.999, rows.get(1));
        assertEquals("1", first[3]);
        assertEquals("1", first[4]);
        assertEquals("0.2,0.2,0,,,,", rows.get(3), "no retrieval state above alpha_c");
        assertTrue(err.toString().isEmpty());
    }

    /** Without --alphas the table runs along the branch to alpha_c; normalised loads are alpha P(1) of the model. */
    @ParameterizedTest
    @CsvSource({"dense,3", "pbody,2"})
    void normalisedLoadsAreTheRawOnesTimesTheModelsCrosstalkVariance(String model, int crosstalk) {
        assertEquals(0, run("--n", "3", "--model", model, "--alphas", "0.03", "--load", "raw"));
        String raw = rows().get(1);
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--model", model, "--alphas", Double.toString(0.03 * crosstalk), "--load",
                "normalised"));
        assertEquals(raw, rows().get(1));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--model", model));
        List<String> branch = rows();
        assertEquals(13, branch.size());
        double previous = 1;
        assertTrue(Double.parseDouble(branch.get(branch.size() - 1).split(",")[2]) < 0.9, "m falls to m at alpha_c");
        for (String row : branch.subList(1, branch.size())) {
            double m = Double.parseDouble(row.split(",")[2]);
            assertTrue(m > 0 && m <= previous, row);
            previous = m;
        }
    }

    /**
     * At temperature &gt; 0 q &lt; 1 and gamma (a temperature-0 quantity) is empty; for n &gt;= 3, C(t, t-1) = q, for n = 2
     * consecutive spins are more alike (c1 &gt; q); above the saddle-node temperature no alpha_c.
     */
    @Test
    void temperatureGivesQBelowOneAndNoCapacityAboveTheSaddleNode() {
        assertEquals(0, run("--n", "3", "--temperature", "0.3", "--alphas", "0.02"));
        String[] row = rows().get(1).split(",", -1);
        assertTrue(Double.parseDouble(row[3]) < 1, rows().get(1));
        assertFalse(out.toString().contains("# caution"), "no caution at temperature 0.3: " + out);
        assertEquals(row[3], row[4]);
        assertEquals("", row[6]);
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "2", "--temperature", "0.3", "--alphas", "0.1"));
        assertTrue(out.toString().contains("Little"), out.toString());
        row = rows().get(1).split(",", -1);
        assertTrue(Double.parseDouble(row[4]) > Double.parseDouble(row[3]), rows().get(1));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--temperature", "0.6", "--alphas", "0.02"));
        assertTrue(out.toString().contains("# alpha_c: none, no retrieval state at any load at or above temperature 0.5825829"),
                out.toString());
        assertEquals("0.02,0.06,0,,,,", rows().get(1));
    }

    /**
     * --temperatures prints the critical line: alpha_c and m at alpha_c per temperature, 0 where no load retrieves; at
     * temperature 0 the n = 2 row is AGS's 0.1379056, and alpha_c falls with the temperature.
     */
    @Test
    void temperaturesPrintTheCriticalLine() {
        assertEquals(0, run("--n", "2", "--temperatures", "0,0.3,0.6,1.2"), err.toString());
        List<String> rows = rows();
        assertEquals("temperature,alpha_c,alpha_c_norm,m", rows.get(0));
        assertTrue(out.toString().contains(StationaryCommand.SELECTION_CAUTION), "temperature 0 in the list: " + out);
        assertEquals(5, rows.size());
        assertTrue(rows.get(1).startsWith("0,0.1379056,0.1379056,0.9674"), rows.get(1));
        double previous = 1;
        for (String row : rows.subList(1, 4)) {
            double alphaC = Double.parseDouble(row.split(",")[1]);
            assertTrue(alphaC > 0 && alphaC < previous, row);
            previous = alphaC;
        }
        assertEquals("1.2,0,0,", rows.get(4));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--model", "pbody", "--temperatures", "0.2"));
        String[] row = rows().get(1).split(",");
        assertEquals(2 * Double.parseDouble(row[1]), Double.parseDouble(row[2]), 1e-6, "alpha_c P(1), P(1) = 2");
        assertTrue(out.toString().contains(StationaryCommand.PBODY_CAUTION), "p-body above temperature 0: " + out);
        out.getBuffer().setLength(0);
        assertEquals(0, run("--n", "3", "--model", "pbody", "--alphas", "0.1"));
        assertFalse(out.toString().contains(StationaryCommand.PBODY_CAUTION), "p-body at temperature 0: " + out);
    }

    @Test
    void rejectsBadValuesWithOneLineNamingTheOption() {
        String[][] bad = {
            {"--n", "1"},
            {"--n", "3", "--model", "krotov"},
            {"--n", "3", "--temperature", "-0.1"},
            {"--n", "3", "--alphas", "0.1,0"},
            {"--n", "3", "--alphas", "0.1,abc"},
            {"--n", "3", "--load", "scaled"},
            {"--n", "3", "--temperatures", "0.1,-1"},
            {"--n", "3", "--temperatures", "0.1", "--alphas", "0.05"},
            {"--n", "3", "--temperatures", "0.1", "--temperature", "0.2"},
        };
        String[] option = {"--n", "--model", "--temperature", "--alphas", "--alphas", "--load", "--temperatures",
            "--temperatures", "--temperatures"};
        for (int i = 0; i < bad.length; i++) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(bad[i]), option[i]);
            String message = err.toString();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains(option[i]), message);
        }
        assertTrue(out.toString().isEmpty());
    }
}
