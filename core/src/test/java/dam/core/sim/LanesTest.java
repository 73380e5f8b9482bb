package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The choice between vector and scalar lanes: by module presence, by the dam.lanes property, in a real JVM. */
class LanesTest {

    @Test
    void autoChoosesVectorOnlyWhenAvailableAndTheProperyForcesAChoice() {
        assertEquals(Lanes.VECTOR, Lanes.select("auto", true));
        assertEquals(Lanes.SCALAR, Lanes.select("auto", false));
        assertEquals(Lanes.SCALAR, Lanes.select(" Scalar ", true));
        assertEquals(Lanes.VECTOR, Lanes.select("vector", true));
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> Lanes.select("vector", false));
        assertTrue(absent.getMessage().startsWith("dam.lanes:") && absent.getMessage().contains("--add-modules"),
                absent.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Lanes.select("simd", true));
        assertTrue(unknown.getMessage().startsWith("dam.lanes:") && unknown.getMessage().contains("'simd'"),
                unknown.getMessage());
    }

    @Test
    void testJvmHasTheVectorModuleSoTheKernelTestsRunBothLanes() {
        // surefire's argLine adds the module; without it KernelAgreementTest would not exercise VectorWordOps.
        assertTrue(Lanes.VECTOR.available(), "the test JVM lacks --add-modules jdk.incubator.vector");
        assertTrue(Lanes.VECTOR.describe().startsWith("vector ("), Lanes.VECTOR.describe());
        assertEquals("scalar", Lanes.SCALAR.describe());
    }

    @Test
    void aJvmWithoutTheModuleFallsBackToScalarLanes() throws Exception {
        assertEquals("SCALAR scalar", probe(List.of()));
        assertEquals("SCALAR scalar", probe(List.of("--add-modules", "jdk.incubator.vector", "-Ddam.lanes=scalar")));
        assertEquals("VECTOR true", probe(List.of("--add-modules", "jdk.incubator.vector", "-Ddam.lanes=vector")).replaceAll(" vector \\(.*", " true"));
    }

    /** Runs {@link Probe} in a fresh JVM with the given options; returns its one line of output. */
    private static String probe(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Probe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** Prints the default lanes and their description, after one real kernel step on them. */
    static final class Probe {
        public static void main(String[] args) {
            Lanes lanes = Lanes.best();
            PatternMatrix xi = PatternMatrix.random(40, 100, 1);
            ParallelStep step = new ParallelStep(xi, new FieldCoefficients(3, 100));
            step.step(xi.pattern(0), 1, new long[xi.words()]);
            System.out.println(step.lanes() + " " + lanes.describe());
        }
    }
}
