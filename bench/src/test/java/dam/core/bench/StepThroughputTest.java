package dam.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals("dense", wall[3]);
        assertEquals("0", wall[4]);
        for (int k = 5; k <= 8; k++) { // fast-vector, fast-scalar, dense, sequential
            assertTrue(Double.parseDouble(wall[k]) > 0, "rate column " + k + " of " + rows[0]);
        }
        assertEquals("10.0", wall[9]);
        assertEquals("20.0", rows[1].trim().split("\\s+")[9]);
        assertEquals("4.0", rows[2].trim().split("\\s+")[9]); // per CPU-second: single-threaded rate x 1 thread
        assertTrue(table.contains("# sequential sweep against the fast parallel step"), table);
        String[] sequential = rows[4].trim().split("\\s+");
        assertTrue(Double.parseDouble(sequential[5]) > 0 && Double.parseDouble(sequential[7]) > 0, rows[4]);
        assertFalse(table.contains("# p-body against dense") || table.contains("# thermal draws"), table);
        Map<StepThroughput.Point, StepThroughput.Rate> rates = StepThroughput.readNumpy(numpy, numpy, 2);
        assertEquals(new StepThroughput.Rate(10.0, 8.0), rates.get(new StepThroughput.Point(64, 0.5)));
        assertEquals(new StepThroughput.Rate(20.0, 10.0), rates.get(new StepThroughput.Point(80, 0.5)));
    }

    @Test
    void modelsAndTemperaturesGetTheirRowsTheModelComparisonAndTheThermalCost() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StepThroughput.run(new String[] {"--neurons", "64", "--alphas", "0.5", "--S", "3", "--threads", "1",
            "--seconds", "0.15", "--warmup", "0.05", "--model", "dense,pbody", "--temperature", "0,0.5",
            "--kernels", "fast-scalar,dense,sequential"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        List<String> rows = table.lines().filter(l -> l.startsWith("64 ")).toList();
        // two clocks x (2 models x 2 temperatures), the sequential summary (4), the model comparison (2: one per
        // temperature), the thermal cost (2: one per model)
        assertEquals(8 + 4 + 2 + 2, rows.size(), table);
        String[] warmDense = rows.get(1).trim().split("\\s+");
        assertEquals(List.of("dense", "0.5"), List.of(warmDense[3], warmDense[4]), rows.get(1));
        assertTrue(Double.parseDouble(warmDense[5]) > 0, "fast-scalar runs Glauber dynamics: " + rows.get(1));
        assertEquals("-", warmDense[6], "the dense baseline does not: " + rows.get(1));
        int models = table.indexOf("# p-body against dense");
        int thermal = table.indexOf("# thermal draws");
        assertTrue(models > 0 && thermal > models, table);
        List<String> ratios = table.substring(models, thermal).lines().filter(l -> l.startsWith("64 ")).toList();
        assertEquals(List.of("pbody", "pbody"), ratios.stream().map(l -> l.trim().split("\\s+")[3]).toList());
        double ratio = Double.parseDouble(ratios.get(0).trim().split("\\s+")[5]);
        assertTrue(ratio > 0.1 && ratio < 10, ratios.get(0));
        List<String> costs = table.substring(thermal).lines().filter(l -> l.startsWith("64 ")).toList();
        assertEquals(List.of("dense", "pbody"), costs.stream().map(l -> l.trim().split("\\s+")[3]).toList());
        assertEquals("-", costs.get(0).trim().split("\\s+")[6], "no thermal cost for the dense baseline");
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
        e = assertThrows(IllegalArgumentException.class, () -> StepThroughput.run(new String[] {"--model", "dense,krotov"}, out));
        assertEquals("--model: expected dense or pbody, got 'krotov'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepThroughput.run(new String[] {"--temperature", "0,-1"}, out));
        assertEquals("--temperature: must be >= 0 and finite, got -1", e.getMessage());
    }
}
