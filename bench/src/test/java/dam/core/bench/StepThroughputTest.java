package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the throughput benchmark: every kernel measures a positive rate and the table names them. */
class StepThroughputTest {

    @Test
    void tinyRunPrintsRatesAndRatiosForEveryNAndKernel(@TempDir Path dir) throws Exception {
        Path numpy = dir.resolve("numpy.txt");
        Files.writeString(numpy, "64 0.5 10.0\n# cpu 64 0.5 4.0\n80 0.5 20.0\n# cpu 80 0.5 5.0\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StepThroughput.run(new String[] {"--neurons", "64,80", "--alphas", "0.5", "--S", "3", "--threads", "1",
            "--seconds", "0.2", "--warmup", "0.05", "--numpy", numpy.toString(), "--numpy1", numpy.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("# lanes: this JVM's default is vector ("), table);
        assertTrue(table.contains("fast-vector") && table.contains("fast-scalar") && table.contains("sequential")
                && table.contains("vec/scal") && table.contains("fast/numpy") && table.contains("sweep/step"), table);
        String[] rows = table.lines().filter(l -> l.matches("^(64|80) .*")).toArray(String[]::new);
        assertEquals(6, rows.length, table); // two N, two clocks, then the sequential summary
        String[] wall = rows[0].trim().split("\\s+");
        assertEquals("64", wall[0]);
        assertEquals("2048", wall[2]); // p = round(0.5 * 64^2)
        for (int k = 3; k <= 6; k++) { // fast-vector, fast-scalar, dense, sequential
            assertTrue(Double.parseDouble(wall[k]) > 0, "rate column " + k + " of " + rows[0]);
        }
        assertEquals("10.0", wall[7]);
        assertEquals("20.0", rows[1].trim().split("\\s+")[7]);
        assertEquals("4.0", rows[2].trim().split("\\s+")[7]); // per CPU-second: single-threaded rate x 1 thread
        assertTrue(table.contains("# sequential sweep against the fast parallel step"), table);
        String[] sequential = rows[4].trim().split("\\s+");
        assertTrue(Double.parseDouble(sequential[3]) > 0 && Double.parseDouble(sequential[5]) > 0, rows[4]);
        Map<StepThroughput.Point, StepThroughput.Rate> rates = StepThroughput.readNumpy(numpy, numpy, 2);
        assertEquals(new StepThroughput.Rate(10.0, 8.0), rates.get(new StepThroughput.Point(64, 0.5)));
        assertEquals(new StepThroughput.Rate(20.0, 10.0), rates.get(new StepThroughput.Point(80, 0.5)));
    }

    @Test
    void badOptionsNameTheOption() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StepThroughput.run(new String[] {"--kernels", "fast,dense"}, out));
        assertTrue(e.getMessage().startsWith("--kernels: unknown kernel 'fast'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepThroughput.run(new String[] {"--neurons", "1"}, out));
        assertTrue(e.getMessage().startsWith("--neurons: must be >= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepThroughput.run(new String[] {"--alphas", "x"}, out));
        assertTrue(e.getMessage().startsWith("--alphas: expected numbers"), e.getMessage());
    }
}
