package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tiny paired comparison: one row per (N, alpha) with positive times and ratios, and bad options named. */
class KernelComparisonTest {

    @Test
    void tinyRunPrintsARowPerPointWithTimesAndRatios() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelComparison.run(new String[] {"--neurons", "64,70", "--alphas", "0.3", "--S", "2", "--seconds", "0.1",
            "--warmup", "0.05"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        List<String> rows = table.lines().filter(l -> l.matches("^(64|70) .*")).toList();
        assertEquals(2, rows.size(), table);
        String[] f = rows.get(0).trim().split("\\s+");
        assertEquals("1229", f[2]); // p = round(0.3 * 64^2)
        assertTrue(Double.parseDouble(f[3]) > 0, rows.get(0)); // step ms
        double ratio = Double.parseDouble(f[4]);
        assertTrue(ratio > 0.2 && ratio < 5, rows.get(0)); // p-body / dense, same work
        assertTrue(f[f.length - 2].matches("\\d+/\\d+"), rows.get(0)); // flips of the dense and p-body sweeps
    }

    @Test
    void badOptionsNameTheOption() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelComparison.run(new String[] {"--temperature", "0"}, out));
        assertTrue(e.getMessage().startsWith("--temperature: must lie in"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelComparison.run(new String[] {"--model", "x"}, out));
        assertTrue(e.getMessage().startsWith("--model: unknown option"), e.getMessage());
    }
}
