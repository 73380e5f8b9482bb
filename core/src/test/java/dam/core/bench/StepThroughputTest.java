package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the throughput benchmark: every kernel measures a positive rate and the table names them. */
class StepThroughputTest {

    @Test
    void tinyRunPrintsRatesAndRatios(@TempDir Path dir) throws Exception {
        Path numpy = dir.resolve("numpy.txt");
        Files.writeString(numpy, "0.5 10.0\n# cpu 0.5 4.0\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StepThroughput.run(new String[] {"--neurons", "64", "--alphas", "0.5", "--S", "3", "--threads", "1",
            "--seconds", "0.2", "--warmup", "0.05", "--numpy", numpy.toString(), "--numpy1", numpy.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("fast/dense") && table.contains("fast/numpy"), table);
        String[] rows = table.lines().filter(l -> l.startsWith("0.500")).toArray(String[]::new);
        assertEquals(2, rows.length, table);
        String[] wall = rows[0].trim().split("\\s+");
        assertEquals("2048", wall[1]); // p = round(0.5 * 64^2)
        for (int k = 2; k <= 4; k++) {
            assertTrue(Double.parseDouble(wall[k]) > 0, "rate column " + k + " of " + rows[0]);
        }
        assertEquals("10.0", wall[5]);
        Map<Double, StepThroughput.Rate> rates = StepThroughput.readNumpy(numpy, numpy, 2);
        assertEquals(new StepThroughput.Rate(10.0, 8.0), rates.get(0.5));
        assertEquals(List.of(0.5), List.copyOf(rates.keySet()));
    }
}
