package dam.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private SweepConfig parse(String body) {
        String text = "sweep { n = [3], N = [64], alpha = [0.1], m0 = [0.5], output = \""
                + tmp.resolve("out") + "\"\n" + body + "\n}";
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text));
    }

    private String error(String body) {
        ConfigError e = assertThrows(ConfigError.class, () -> parse(body));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void defaultsComeFromTheReferenceConfig() {
        SweepConfig c = parse("");
        assertEquals(100, c.trials());
        assertEquals(1, c.statesPerPatternSet());
        assertEquals(20, c.steps());
        assertEquals(UpdateOrder.PARALLEL, c.update());
        assertEquals(Initialisation.EXACT, c.init());
        assertEquals(0.001, c.eps());
        assertEquals(0.5, c.mSuccess());
        assertFalse(c.theory().enabled());
        assertEquals("local[*]", c.spark().master());
    }

    @Test
    void rangeStepsInExactDecimals() {
        SweepConfig c = parse("m0 = { from = 0, to = 1, step = 0.1 }\nN = { from = 64, to = 256, step = 64 }");
        assertEquals(11, c.m0().size());
        assertEquals(0.3, c.m0().get(3)); // not 0.30000000000000004
        assertEquals(0.7, c.m0().get(7));
        assertEquals(1.0, c.m0().get(10));
        assertEquals(List.of(64, 128, 192, 256), c.N());
    }

    @Test
    void singleNumberIsAOnePointAxis() {
        assertEquals(List.of(0.25), parse("alpha = 0.25").alpha());
    }

    @Test
    void nonPositiveAlphaIsRejectedNamingTheField() {
        assertEquals("sweep.alpha: must be > 0, got -0.1", error("alpha = [0.1, -0.1]"));
    }

    @Test
    void m0OutsideTheUnitIntervalIsRejected() {
        assertEquals("sweep.m0: must lie in [-1, 1], got 1.5", error("m0 = [1.5]"));
    }

    @Test
    void nBelowTwoIsRejected() {
        assertEquals("sweep.n: must be >= 2, got 1", error("n = [1, 3]"));
    }

    @Test
    void emptyGridIsRejected() {
        assertEquals("sweep.m0: must not be empty", error("m0 = []"));
    }

    @Test
    void unknownKeysAreRejected() {
        assertEquals("sweep.trails: unknown key", error("trails = 10"));
        assertEquals("sweep.theory.path: unknown key", error("theory.path = 10"));
        assertTrue(error("m0 = { from = 0, to = 1, stride = 0.1 }").startsWith("sweep.m0.stride: unknown key"));
    }

    @Test
    void wrongTypesAreRejected() {
        assertEquals("sweep.trials: must be an integer, got string \"many\"", error("trials = many"));
        assertTrue(error("alpha = [\"x\"]").startsWith("sweep.alpha[0]: must be a number"));
        assertTrue(error("n = [2.5]").startsWith("sweep.n: must be integers, got 2.5"));
        assertTrue(error("update = diagonal").startsWith("sweep.update: expected parallel or sequential"));
        assertTrue(error("theory.enabled = 3").startsWith("sweep.theory.enabled: must be true or false"));
    }

    @Test
    void tooSmallNIsRejected() {
        assertTrue(error("n = [2], N = [4], alpha = [0.05]").startsWith("sweep.N: too small: p = round(alpha N^(n-1)) = 0"));
    }

    @Test
    void patternMatrixBeyondExecutorMemoryIsRejected() {
        String msg = error("n = [4], N = [256], alpha = [0.5], spark.conf { \"spark.executor.memory\" = 512m }");
        assertTrue(msg.startsWith("sweep.N: pattern matrix at n=4, N=256, alpha=0.5 (p=8388608) needs 512 MiB, "
                + "more than half the executor memory (512 MiB)"), msg);
    }

    @Test
    void unwritableOutputIsRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        String text = "sweep { n = [3], N = [64], alpha = [0.1], m0 = [0.5], output = \"" + file.resolve("sub") + "\" }";
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.fromConfig(ConfigFactory.parseString(text)));
        assertEquals("sweep.output: ancestor " + file + " is not a directory", e.getMessage());
        assertFalse(Files.exists(file.resolve("sub")));
    }

    @Test
    void missingGridIsRejected() {
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.fromConfig(
                ConfigFactory.parseString("sweep { n = [3], N = [64], alpha = [0.1] }")));
        assertTrue(e.getMessage().startsWith("sweep.m0: missing"), e.getMessage());
    }

    @Test
    void byNOverridesTheAxesOfOneOrderAndKeepsTheOthers() {
        SweepConfig c = parse("n = [2, 3, 4]\nby-n {\n"
                + "\"2\" { N = [256], alpha = { from = 0.04, to = 0.16, step = 0.04 } }\n"
                + "\"4\" { alpha = 0.01, m0 = [0.2, 0.9] } }");
        assertEquals(new SweepConfig.Axes(List.of(256), List.of(0.04, 0.08, 0.12, 0.16), List.of(0.5)), c.axes(2));
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.1), List.of(0.5)), c.axes(3));
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.01), List.of(0.2, 0.9)), c.axes(4));
        assertEquals(List.of(2, 4), List.copyOf(c.byN().keySet()));
    }

    @Test
    void withoutByNEveryOrderHasTheSweepsAxes() {
        SweepConfig c = parse("n = [2, 3]");
        assertTrue(c.byN().isEmpty());
        assertEquals(new SweepConfig.Axes(c.N(), c.alpha(), c.m0()), c.axes(2));
    }

    @Test
    void byNEntryForAnOrderOutsideTheGridIsRejected() {
        assertEquals("sweep.by-n.5: not an n of the grid (sweep.n = [3])", error("by-n { \"5\" { alpha = [0.1] } }"));
        assertEquals("sweep.by-n.four: not an n of the grid (sweep.n = [3])", error("by-n { four { alpha = [0.1] } }"));
    }

    @Test
    void badByNValuesAreRejectedNamingTheEntry() {
        assertEquals("sweep.by-n.3.alpha: must be > 0, got -0.1", error("by-n { \"3\" { alpha = [0.1, -0.1] } }"));
        assertEquals("sweep.by-n.3.N: must be >= 2, got 1", error("by-n { \"3\" { N = 1 } }"));
        assertEquals("sweep.by-n.3.m0: must lie in [-1, 1], got 2.0", error("by-n { \"3\" { m0 = [2] } }"));
        assertEquals("sweep.by-n.3.m0.step: must be > 0, got 0", error("by-n { \"3\" { m0 = { from = 0, to = 1, step = 0 } } }"));
        assertEquals("sweep.by-n.3.alpha: duplicate value 0.1", error("by-n { \"3\" { alpha = [0.1, 0.1] } }"));
        assertTrue(error("by-n { \"3\" = [1] }").startsWith("sweep.by-n.3: must be an object"));
        assertTrue(error("by-n = 3").startsWith("sweep.by-n: must be an object"));
    }

    @Test
    void unknownKeysInAByNEntryAreRejected() {
        assertEquals("sweep.by-n.3.trials: unknown key (an entry of by-n may set only N, alpha, m0)",
                error("by-n { \"3\" { trials = 10 } }"));
        assertEquals("sweep.by-n.3.n: unknown key (an entry of by-n may set only N, alpha, m0)",
                error("by-n { \"3\" { n = [3] } }"));
        assertTrue(error("by-n { \"3\" { m0 = { from = 0, to = 1, stride = 0.1 } } }")
                .startsWith("sweep.by-n.3.m0.stride: unknown key"));
    }

    @Test
    void patternChecksUseEachOrdersOwnAxes() {
        // The sweep's N = 64 is fine for n = 2, but the override N = 4 gives p = round(0.1 * 4) = 0.
        String msg = error("n = [2, 3]\nby-n { \"2\" { N = [4] } }");
        assertTrue(msg.startsWith("sweep.by-n.2: too small: p = round(alpha N^(n-1)) = 0 patterns at n=2, N=4"), msg);
        String memory = error("n = [3, 4]\nby-n { \"4\" { N = [256], alpha = [0.5] } }\n"
                + "spark.conf { \"spark.executor.memory\" = 512m }");
        assertTrue(memory.startsWith("sweep.by-n.4: pattern matrix at n=4, N=256, alpha=0.5"), memory);
    }

    @Test
    void shippedConfigsAreValid() {
        Path conf = Path.of("..", "conf");
        SweepConfig demo = ConfigLoader.load(conf.resolve("demo.conf"));
        assertEquals(List.of(2, 3), demo.n());
        SweepConfig fig = ConfigLoader.load(conf.resolve("figure1.conf"));
        assertEquals(11, fig.m0().size());
        assertEquals(List.of(0.05, 0.1, 0.15, 0.2), fig.alpha());
        assertTrue(fig.theory().enabled());
        SweepConfig phase = ConfigLoader.load(conf.resolve("phase-diagram.conf"));
        assertEquals(List.of(2, 3, 4), phase.n());
        assertEquals(List.of(256), phase.axes(2).N());
        assertEquals(List.of(64), phase.axes(4).N());
        assertTrue(phase.axes(4).alpha().stream().allMatch(a -> a <= 0.02), "n = 4 loads stay below its alpha_c");
    }
}
