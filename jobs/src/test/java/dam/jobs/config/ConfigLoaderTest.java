package dam.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import static dam.core.model.MemoryModel.DENSE;
import static dam.core.model.MemoryModel.PBODY;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private SweepConfig parse(String body) {
        String text = "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5], output = \""
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
        SweepConfig c = parse("m0 = { from = 0, to = 1, step = 0.1 }\nneurons = { from = 64, to = 256, step = 64 }");
        assertEquals(11, c.m0().size());
        assertEquals(0.3, c.m0().get(3)); // not 0.30000000000000004
        assertEquals(0.7, c.m0().get(7));
        assertEquals(1.0, c.m0().get(10));
        assertEquals(List.of(64, 128, 192, 256), c.neurons());
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
    void tooFewNeuronsAreRejected() {
        assertTrue(error("n = [2], neurons = [4], alpha = [0.05]").startsWith("sweep.neurons: too small: p = round(alpha N^(n-1)) = 0"));
    }

    @Test
    void theOldKeyNIsRefusedNamingItsNewName() {
        assertEquals("sweep.N: renamed to neurons", error("N = [64]"));
        assertEquals("sweep.by-n.3.N: renamed to neurons", error("by-n { \"3\" { N = [128] } }"));
        // An old config as it was, without neurons: the rename is what the user is told, not a missing key.
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.fromConfig(ConfigFactory.parseString(
                "sweep { n = [3], N = [64], alpha = [0.1], m0 = [0.5] }")));
        assertEquals("sweep.N: renamed to neurons", e.getMessage());
    }

    @Test
    void patternMatrixBeyondExecutorMemoryIsRejected() {
        String msg = error("n = [4], neurons = [256], alpha = [0.5], spark { master = \"spark://h:7077\", "
                + "conf { \"spark.executor.memory\" = 512m } }");
        assertTrue(msg.startsWith("sweep.neurons: a simulation task at n=4, neurons=256, alpha=0.5 (p=8388608) needs about 512 MiB "
                + "(pattern matrix 512 MiB), and an executor runs 1 task at once (spark.executor.cores): 512 MiB in all, "
                + "more than the budget of 106 MiB (half of the 512 MiB executor memory after Spark's 300 MiB reserve)"), msg);
    }

    /** Issue 3: one pattern matrix per task, and local[*] runs one task per core, each with its own matrix. */
    @Test
    void memoryIsCheckedPerTaskTimesTheTasksThatRunAtOnce() {
        // p = 44000 patterns of 40000 neurons: 420 MiB, twice for two tasks; local-cluster[1,C,1024] has 1 GiB.
        String two = error("n = [2], neurons = [40000], alpha = [1.1], spark.master = \"local-cluster[1,2,1024]\"");
        assertTrue(two.startsWith("sweep.neurons: a simulation task at n=2, neurons=40000, alpha=1.1 (p=44000) needs about 425 MiB "
                + "(pattern matrix 420 MiB), and an executor runs 2 tasks at once (spark.executor.cores): 849 MiB in all, "
                + "more than the budget of 362 MiB"), two);
        assertEquals(List.of(40000), parse("n = [2], neurons = [40000], alpha = [1.1], spark.master = \"local-cluster[1,1,2048]\"").neurons());
        String local = error("n = [2], neurons = [40000], alpha = [1.1], spark.master = \"local[256]\"");
        assertTrue(local.startsWith("sweep.neurons: a simulation task at n=2, neurons=40000, alpha=1.1 (p=44000) needs about 425 MiB "
                + "(pattern matrix 420 MiB), and local[256] runs 256 tasks at once"), local);
        assertTrue(local.endsWith("run fewer tasks at once (--master local[1]) or give the JVM more memory (DAM_JAVA_OPTS=-Xmx8g)"), local);
    }

    /** Issue 4: a fraction where an integer belongs is an error, not a truncation. */
    @Test
    void fractionalIntegersAreRejectedNotTruncated() {
        assertEquals("sweep.trials: must be an integer, got 10.5", error("trials = 10.5"));
        assertEquals("sweep.steps: must be an integer, got 5.5", error("steps = 5.5"));
        assertEquals("sweep.seed: must be an integer, got 1.9", error("seed = 1.9"));
        assertEquals("sweep.theory.paths: must be an integer, got 99.9", error("theory.paths = 99.9"));
        assertEquals("sweep.trials: must be an integer in [-2147483648, 2147483647], got 3000000000",
                error("trials = 3000000000"));
        assertEquals(1000, parse("trials = 1e3").trials()); // a whole number in exponent notation is fine
        assertEquals(-5L, parse("seed = -5").seed());
    }

    /** Issue 3: sizes that would overflow or exhaust memory inside Spark are refused here, naming the field. */
    @Test
    void sizesThatCannotRunAreRejectedBeforeSpark() {
        String trials = error("trials = 2147483647");
        assertTrue(trials.startsWith("sweep.trials: a grid point's summary holds all its trials' m(t) and f(t) at once, "
                + "trials x (2T+1) x 8 bytes = "), trials);
        assertTrue(error("steps = 1000000000").startsWith("sweep.steps: a grid point's summary holds"));
        String paths = error("theory { enabled = true, paths = 2000000000 }");
        assertTrue(paths.startsWith("sweep.theory.paths: a theory solve keeps every path's history, about 4.4 bytes per "
                + "path and step, and C and G: 164 GiB (M = 2000000000, T = 20)"), paths);
        String ladder = error("theory { enabled = true, paths = 1000, horizons = [20, 400000] }");
        assertTrue(ladder.startsWith("sweep.theory.horizons: a theory solve keeps every path's history"), ladder);
        String units = error("trials = 200000, states-per-pattern-set = 1, unit-trials = 1, batch-points = 1");
        assertTrue(units.startsWith("sweep.unit-trials: 1 trials per work unit make 200000 work units (Spark tasks) "
                + "in a batch of 1 grid points, more than 100000"), units);
    }

    /**
     * Issue 17.3 and 17.4: the grid may have up to 10^8 points where the driver's heap holds them (250 bytes each), and
     * every size that would exhaust the driver or Spark's scheduler is refused here, before Spark starts, naming its field.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alpha = { from = 0.01, to = 100, step = 0.01 }, m0 = { from = -1, to = 1, step = 0.0002 }"
                + "| sweep.m0: the grid has 100010000 points (model x n x neurons x temperature x alpha x m0), more than 100000000; split the sweep",
        "alpha = { from = 0.01, to = 100, step = 0.01 }, m0 = { from = 0.0001, to = 1, step = 0.0001 }"
                + "| sweep.m0: the grid has 100000000 points (model x n x neurons x temperature x alpha x m0), and the driver keeps about 250 "
                + "bytes per point (the plan and the ledger's committed points): 23 GiB, more than half its",
        "partitions = 2000000000| sweep.partitions: must be at most 100000 (Spark tasks of a batch; 0 = one per m0 scan), "
                + "got 2000000000",
        "batch-points = 2000000000| sweep.batch-points: must be at most 131072 (the grid points one batch holds on the "
                + "driver; 0 = automatic), got 2000000000",
    })
    void sizesBeyondTheDriverOrTheSchedulerAreRefusedNamingTheField(String body, String message) {
        assumeTrue(Runtime.getRuntime().maxMemory() / 2.0 < 1e8 * 250, "a heap under 50 GB cannot hold 10^8 points");
        String e = error(body);
        assertTrue(e.startsWith(message), e);
    }

    /** Issue 17.3: a grid of 10^7 points is a valid config where the driver's heap holds it (2.4 GiB of 250 bytes a point). */
    @Test
    void aGridOfTenMillionPointsIsAcceptedWhereTheHeapHoldsIt() {
        assumeTrue(Runtime.getRuntime().maxMemory() / 2.0 >= 1e7 * 250, "the driver heap holds 10^7 points");
        SweepConfig c = parse("alpha = { from = 0.01, to = 10, step = 0.01 }, m0 = { from = 0.0001, to = 1, step = 0.0001 }");
        assertEquals(10_000_000L, (long) c.alpha().size() * c.m0().size());
    }

    /** Issue 3: the field-overflow error the README promises comes at validation, not inside a task. */
    @Test
    void fieldOverflowIsRejectedAtValidationNamingNAndNeurons() {
        assertEquals("sweep.n: n = 12 with neurons = 64 overflows 64-bit arithmetic: the field of a state equal to a "
                + "stored pattern reaches about 2^74.8, beyond 2^63; lower n or neurons", error("n = [12], neurons = [64]"));
        // Issue 7: n = 100 names sweep.n with a short number, not a 150-digit p under sweep.neurons.
        String hundred = error("n = [100], neurons = [64]");
        assertTrue(hundred.startsWith("sweep.n: n = 100 with neurons = 64 overflows 64-bit arithmetic"), hundred);
        assertTrue(hundred.length() < 200, hundred);
        assertEquals("sweep.by-n.9.neurons: n = 9 with neurons = 4096 overflows 64-bit arithmetic: the field of a state "
                + "equal to a stored pattern reaches about 2^100.2, beyond 2^63; lower n or neurons",
                error("n = [3, 9], by-n { \"9\" { neurons = [4096], alpha = [1e-20] } }"));
        parse("n = [6], neurons = [200], alpha = [1e-9]"); // a(200) at n = 6 is about 2^41: fine
    }

    @Test
    void pTooLargeIsRejectedNamingAlphaWithAShortNumber() {
        String msg = error("n = [3], neurons = [20000], alpha = [100]");
        assertEquals("sweep.alpha: p = round(alpha N^(n-1)) = 4.00e+10 patterns at n=3, neurons=20000, alpha=100.0 "
                + "exceed the limit of 2^34 pattern bits (2 GiB); lower alpha or neurons", msg);
    }

    @Test
    void aMasterUrlSparkCannotParseIsRejected() {
        assertEquals("sweep.spark.master: not a Spark master URL: 'bogus' (local[*], local[K], local-cluster[W,C,M], "
                + "spark://HOST:PORT, yarn or k8s://URL)", error("spark.master = bogus"));
        assertEquals("sweep.spark.master: local[K] needs K >= 1, got 'local[0]'", error("spark.master = \"local[0]\""));
        assertEquals("sweep.spark.master: spark:// needs HOST:PORT, got 'spark://host'", error("spark.master = \"spark://host\""));
        for (String ok : List.of("local", "local[2]", "local[*]", "local[2,3]", "spark://a:7077,b:7077", "yarn", "k8s://https://k:6443")) {
            assertEquals(ok, parse("spark.master = \"" + ok + "\"").spark().master());
        }
    }

    @Test
    void outputLocationsAreCanonicalAndUnknownSchemesRejected() {
        assertEquals("file:" + tmp.resolve("out"), parse("").output());
        assertEquals("hdfs://nn:8020/sweeps/x", parse("output = \"hdfs://nn:8020/sweeps/x\"").output());
        assertEquals("sweep.output: no file system for scheme 'nosuchfs' on the class path",
                error("output = \"nosuchfs://host/x\""));
        assertTrue(error("output = \"s3a://bucket/x\"").startsWith(
                "sweep.output: no file system for scheme 's3a' on the class path (add hadoop-aws"));
    }

    @Test
    void unwritableOutputIsRejected() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        String text = "sweep { n = [3], neurons = [64], alpha = [0.1], m0 = [0.5], output = \"" + file.resolve("sub") + "\" }";
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.fromConfig(ConfigFactory.parseString(text)));
        assertEquals("sweep.output: ancestor " + file + " is not a directory", e.getMessage());
        assertFalse(Files.exists(file.resolve("sub")));
    }

    @Test
    void missingGridIsRejected() {
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigLoader.fromConfig(
                ConfigFactory.parseString("sweep { n = [3], neurons = [64], alpha = [0.1] }")));
        assertTrue(e.getMessage().startsWith("sweep.m0: missing"), e.getMessage());
    }

    @Test
    void byNOverridesTheAxesOfOneOrderAndKeepsTheOthers() {
        SweepConfig c = parse("n = [2, 3, 4]\nby-n {\n"
                + "\"2\" { neurons = [256], alpha = { from = 0.04, to = 0.16, step = 0.04 } }\n"
                + "\"4\" { alpha = 0.01, m0 = [0.2, 0.9] } }");
        assertEquals(new SweepConfig.Axes(List.of(256), List.of(0.04, 0.08, 0.12, 0.16), List.of(0.5)), c.axes(DENSE, 2));
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.1), List.of(0.5)), c.axes(DENSE, 3));
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.01), List.of(0.2, 0.9)), c.axes(DENSE, 4));
        assertEquals(List.of(2, 4), List.copyOf(c.byN().keySet()));
    }

    @Test
    void normalisedLoadsAreDividedByTheCrosstalkVarianceOfEachModelAndOrder() {
        // alpha P(1) = 0.3 is dense alpha = 0.3, 0.1, 0.02 and pbody 0.3, 0.15, 0.05 for n = 2, 3, 4; by-n likewise
        SweepConfig c = parse("model = [dense, pbody]\nn = [2, 3, 4]\nalpha = [0.3]\nload = normalised\n"
                + "by-n { \"4\" { alpha = [0.15, 0.3] } }");
        assertEquals(LoadConvention.NORMALISED, c.load());
        assertEquals(List.of(0.3), c.axes(DENSE, 2).alpha());
        assertEquals(List.of(0.1), c.axes(DENSE, 3).alpha()); // exactly the raw config's 0.1: same seeds, same rows
        assertEquals(List.of(0.01, 0.02), c.axes(DENSE, 4).alpha());
        assertEquals(List.of(0.3), c.axes(PBODY, 2).alpha());
        assertEquals(List.of(0.15), c.axes(PBODY, 3).alpha());
        assertEquals(List.of(0.025, 0.05), c.axes(PBODY, 4).alpha());
        assertEquals(List.of(0.3), c.alpha(), "the config's own values stay as written");
        assertEquals(LoadConvention.RAW, parse("").load());
        assertEquals(List.of(0.1), parse("load = raw").axes(DENSE, 3).alpha());
    }

    @Test
    void aLoadConventionOtherThanRawOrNormalisedIsRejected() {
        assertEquals("sweep.load: must be raw or normalised, got \"scaled\"", error("load = scaled"));
    }

    @Test
    void theHorizonLadderDefaultsToTheStepsAndMustAscend() {
        assertEquals(List.of(20), parse("").theory().horizons());
        assertEquals(List.of(20, 40, 80), parse("theory.horizons = [20, 40, 80]").theory().horizons());
        assertTrue(error("theory.horizons = [40, 20]").startsWith("sweep.theory.horizons: must be integers >= 1 in ascending order"));
        assertTrue(error("theory.horizons = [0, 20]").startsWith("sweep.theory.horizons:"));
        assertTrue(error("theory.capacity-seeds = 0").startsWith("sweep.theory.capacity-seeds: must lie in [1, 100]"));
    }

    @Test
    void withoutByNEveryOrderHasTheSweepsAxes() {
        SweepConfig c = parse("n = [2, 3]");
        assertTrue(c.byN().isEmpty());
        assertEquals(new SweepConfig.Axes(c.neurons(), c.alpha(), c.m0()), c.axes(DENSE, 2));
    }

    @Test
    void byNEntryForAnOrderOutsideTheGridIsRejected() {
        assertEquals("sweep.by-n.5: not an n of the grid (sweep.n = [3])", error("by-n { \"5\" { alpha = [0.1] } }"));
        assertEquals("sweep.by-n.four: not an n of the grid (sweep.n = [3])", error("by-n { four { alpha = [0.1] } }"));
    }

    @Test
    void badByNValuesAreRejectedNamingTheEntry() {
        assertEquals("sweep.by-n.3.alpha: must be > 0, got -0.1", error("by-n { \"3\" { alpha = [0.1, -0.1] } }"));
        assertEquals("sweep.by-n.3.neurons: must be >= 2, got 1", error("by-n { \"3\" { neurons = 1 } }"));
        assertEquals("sweep.by-n.3.m0: must lie in [-1, 1], got 2.0", error("by-n { \"3\" { m0 = [2] } }"));
        assertEquals("sweep.by-n.3.m0.step: must be > 0, got 0", error("by-n { \"3\" { m0 = { from = 0, to = 1, step = 0 } } }"));
        assertEquals("sweep.by-n.3.alpha: duplicate value 0.1", error("by-n { \"3\" { alpha = [0.1, 0.1] } }"));
        assertTrue(error("by-n { \"3\" = [1] }").startsWith("sweep.by-n.3: must be an object"));
        assertTrue(error("by-n = 3").startsWith("sweep.by-n: must be an object"));
    }

    @Test
    void unknownKeysInAByNEntryAreRejected() {
        assertEquals("sweep.by-n.3.trials: unknown key (an entry of by-n may set only neurons, alpha, m0)",
                error("by-n { \"3\" { trials = 10 } }"));
        assertEquals("sweep.by-n.3.n: unknown key (an entry of by-n may set only neurons, alpha, m0)",
                error("by-n { \"3\" { n = [3] } }"));
        assertTrue(error("by-n { \"3\" { m0 = { from = 0, to = 1, stride = 0.1 } } }")
                .startsWith("sweep.by-n.3.m0.stride: unknown key"));
    }

    @Test
    void patternChecksUseEachOrdersOwnAxes() {
        // The sweep's neurons = 64 is fine for n = 2, but the override neurons = 4 gives p = round(0.1 * 4) = 0.
        String msg = error("n = [2, 3]\nby-n { \"2\" { neurons = [4] } }");
        assertTrue(msg.startsWith("sweep.by-n.2: too small: p = round(alpha N^(n-1)) = 0 patterns at n=2, neurons=4"), msg);
        String memory = error("n = [3, 4]\nby-n { \"4\" { neurons = [256], alpha = [0.5] } }\n"
                + "spark { master = \"spark://h:7077\", conf { \"spark.executor.memory\" = 512m } }");
        assertTrue(memory.startsWith("sweep.by-n.4.neurons: a simulation task at n=4, neurons=256, alpha=0.5"), memory);
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
        assertEquals(List.of(256), phase.axes(DENSE, 2).neurons());
        assertEquals(List.of(64), phase.axes(DENSE, 4).neurons());
        assertTrue(phase.axes(DENSE, 4).alpha().stream().allMatch(a -> a <= 0.02), "n = 4 loads stay below its alpha_c");
    }

    @Test
    void theModelAndTemperatureAxesDefaultToDenseAtZero() {
        SweepConfig c = parse("");
        assertEquals(List.of(DENSE), c.model());
        assertEquals(List.of(0.0), c.temperature());
        assertEquals(0.05, c.mTolerance());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "model = pbody | [PBODY]",
            "model = [pbody, dense] | [PBODY, DENSE]",
            "model = [DENSE] | [DENSE]"})
    void modelsAreANameOrAListOfNames(String line, String expected) {
        assertEquals(expected, parse(line).model().toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "model = krotov | sweep.model: expected dense or pbody, got 'krotov'",
            "model = [dense, dense] | sweep.model: duplicate value dense",
            "model = [] | sweep.model: must not be empty (dense, pbody or both)",
            "model = 3 | sweep.model: must be dense, pbody or a list of them, got number 3",
            "model.x = dense | sweep.model.x: unknown key (model is dense, pbody or a list of them)",
            "temperature = [0, -0.1] | sweep.temperature: must be >= 0, got -0.1",
            "temperature = [0.2, 0.2] | sweep.temperature: duplicate value 0.2",
            "temperature = { from = 0, to = 1, stride = 0.5 } | sweep.temperature.stride: unknown key (a range has only from, to, step)",
            "m-tolerance = 0 | sweep.m-tolerance: must lie in (0, 2], got 0.0"})
    void badModelsAndTemperaturesAreRejectedInOneLine(String line, String message) {
        assertEquals(message, error(line));
    }

    @Test
    void temperaturesStepInExactDecimalsAndMinusZeroIsZero() {
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), parse("temperature = { from = 0, to = 0.3, step = 0.1 }").temperature());
        assertEquals("0.0", parse("temperature = [-0.0]").temperature().get(0).toString());
    }

    @Test
    void theGridSizeCountsModelsAndTemperatures() {
        String msg = error("model = [dense, pbody]\ntemperature = { from = 0, to = 0.999, step = 0.001 }\n"
                + "m0 = { from = 0, to = 1, step = 0.0002 }\nalpha = { from = 0.01, to = 1, step = 0.0001 }");
        assertTrue(msg.startsWith("sweep.m0: the grid has") && msg.contains("model x n x neurons x temperature"), msg);
    }

    private static final String M0_BOUNDARY = "m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000 } }";

    @Test
    void anM0BoundaryReplacesTheM0GridOfEveryLoad() {
        SweepConfig c = parse(M0_BOUNDARY + "\nalpha = [0.1, 0.12]");
        assertEquals(new Boundary("m0", 0, 1, 0.02, 4000), c.boundary());
        assertEquals(List.of(), c.m0());
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.1, 0.12), List.of(), c.boundary()), c.axes(DENSE, 3));
        assertEquals(0, c.gridPoints(), "no grid point: two searches instead");
        assertTrue(c.hasBoundary());
        assertFalse(parse("").hasBoundary());
    }

    @Test
    void anAlphaBoundarySearchesTheLoadAtM0One() {
        SweepConfig c = parse("alpha = { boundary { from = 0.05, to = 0.3, width = 0.005, max-trials = 4000 } }\nm0 = 1");
        assertEquals(new Boundary("alpha", 0.05, 0.3, 0.005, 4000), c.axes(DENSE, 3).boundary());
        assertEquals(List.of(), c.axes(DENSE, 3).alpha());
        assertEquals(List.of(1.0), c.axes(DENSE, 3).m0());
    }

    @Test
    void byNGivesAnOrderItsOwnBoundaryOrItsOwnGrid() {
        SweepConfig c = parse("n = [2, 3, 4]\n" + M0_BOUNDARY + "\nby-n {\n"
                + "\"2\" { m0 = { boundary { from = 0, to = 0.6, width = 0.03, max-trials = 2000 } } }\n"
                + "\"4\" { m0 = [0.2, 0.9] } }");
        assertEquals(new Boundary("m0", 0, 0.6, 0.03, 2000), c.axes(DENSE, 2).boundary());
        assertEquals(new Boundary("m0", 0, 1, 0.02, 4000), c.axes(DENSE, 3).boundary());
        assertEquals(new SweepConfig.Axes(List.of(64), List.of(0.1), List.of(0.2, 0.9)), c.axes(DENSE, 4));
        assertEquals(2, c.gridPoints());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "m0 = { boundary { from = 0, to = 1, width = 0.02 } } | sweep.m0.boundary.max-trials: missing (a boundary needs from, to, width and max-trials)",
            "m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000, step = 1 } } | sweep.m0.boundary.step: unknown key (a boundary has only from, to, width, max-trials)",
            "m0 = { boundary = 3 } | sweep.m0.boundary: must be an object { from, to, width, max-trials }, got number",
            "m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000 }, step = 0.1 } | sweep.m0.step: unknown key (an axis in boundary form holds only boundary { from, to, width, max-trials })",
            "m0 = { boundary { from = 0, to = 1.5, width = 0.02, max-trials = 4000 } } | sweep.m0.boundary.to: must lie in [-1, 1], got 1.5",
            "m0 = { boundary { from = 0.8, to = 0.2, width = 0.02, max-trials = 4000 } } | sweep.m0.boundary.to: must be > from (0.8), got 0.2",
            "m0 = { boundary { from = 0, to = 1, width = 0, max-trials = 4000 } } | sweep.m0.boundary.width: must lie in (0, to - from = 1.0), got 0.0",
            "m0 = { boundary { from = 0, to = 1, width = 0.0001, max-trials = 4000 } } | sweep.m0.boundary.width: must be at least (to - from) / 1000 = 0.001 (the search's lattice), got 1.0E-4",
            "m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 40 } } | sweep.m0.boundary.max-trials: must be at least 42 (round 0: 7 points x 6 pattern sets x 1 states-per-pattern-set), got 40",
            "m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000.5 } } | sweep.m0.boundary.max-trials: must be an integer up to 2147483647, got 4000.5",
            "m0 = { boundary { from = zero, to = 1, width = 0.02, max-trials = 4000 } } | sweep.m0.boundary.from: must be a number, got string \"zero\"",
            "alpha = { boundary { from = 0, to = 0.3, width = 0.005, max-trials = 4000 } }, m0 = 1 | sweep.alpha.boundary.from: must be > 0, got 0.0",
            "alpha = { boundary { from = 0.05, to = 0.3, width = 0.005, max-trials = 4000 } } | sweep.m0: must be 1 where alpha is in boundary form (alpha_c is searched from m0 = 1), got [0.5]",
            "alpha = { boundary { from = 0.05, to = 0.3, width = 0.005, max-trials = 4000 } }, m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000 } } | sweep.m0: at most one axis in boundary form per sweep, and sweep.alpha is one",
            "n = [2, 3], m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000 } }, by-n { \"2\" { alpha = { boundary { from = 0.05, to = 0.3, width = 0.005, max-trials = 4000 } }, m0 = 1 } } | sweep.by-n.2.alpha: at most one axis in boundary form per sweep, and sweep.m0 is one",
            "by-n { \"3\" { m0 = { boundary { from = 0, to = 1, width = 0.02, max-trials = 4000, wide = 1 } } } } | sweep.by-n.3.m0.boundary.wide: unknown key (a boundary has only from, to, width, max-trials)",
            "neurons = { boundary { from = 64, to = 128, width = 8, max-trials = 4000 } } | sweep.neurons.boundary.from: unknown key (a range has only from, to, step)"})
    void badBoundariesAreRejectedInOneLineNamingTheField(String line, String message) {
        assertEquals(message, error(line));
    }
}
