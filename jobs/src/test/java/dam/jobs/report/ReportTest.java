package dam.jobs.report;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import dam.core.model.MemoryModel;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.OutputLocation;
import dam.jobs.report.ReportTables.FiniteSizePoint;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("spark")
@ExtendWith(SparkExtension.class)
class ReportTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark(SparkSession session) {
        System.setProperty("java.awt.headless", "true");
        spark = session;
    }

    /** Every figure the synthetic tables support, by the file-name rule: dense at temperature 0 keeps today's names. */
    static Set<String> expectedFigures() {
        Set<String> expected = new TreeSet<>();
        for (Condition c : SyntheticTables.CONDITIONS) {
            for (int n : SyntheticTables.NS) {
                expected.add(c.fileName("figure1_n" + n + "_N" + SyntheticTables.BIG_N));
                expected.add(c.fileName("convergence_time_n" + n + "_N" + SyntheticTables.BIG_N));
            }
            expected.add(c.fileName("phase_diagram"));
            expected.add(c.fileName("capacity_ladder"));
        }
        for (int n : SyntheticTables.NS) {
            expected.addAll(List.of("models_n" + n + ".png", "transient_n" + n + ".png", "temperature_n" + n + ".png"));
        }
        return expected;
    }

    @Test
    void writesEveryFigureAsANonBlankPng(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        List<String> written = Report.write(spark, open(dir));

        Set<String> expected = expectedFigures();
        assertTrue(expected.containsAll(List.of("figure1_n3_N200.png", "figure1_n3_N200_pbody.png",
                "figure1_n3_N200_temperature0.5.png", "phase_diagram.png", "phase_diagram_pbody.png",
                "capacity_ladder_temperature0.5.png")), expected.toString());
        Set<String> names = new TreeSet<>();
        written.forEach(p -> names.add(Path.of(p).getFileName().toString()));
        assertEquals(expected, names);
        for (String name : names) {
            assertTrue(dam.jobs.sweep.OwnFiles.isFigure(name), name + ": --overwrite must know it as dam's");
        }
        for (String name : expected) {
            Path file = dir.resolve("figures").resolve(name);
            assertTrue(Files.isRegularFile(file), name);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, name + " decodes as an image");
            assertTrue(image.getWidth() >= 500 && image.getHeight() >= 300, name + " size");
            double variance = lumaVariance(image);
            // A blank (single-colour) image has variance 0; axes, text and curves give hundreds.
            assertTrue(variance > 100, name + " luma variance " + variance);
        }
    }

    @Test
    void readsOnlyTheShownTrialsAndAggregatesConvergence(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        OutputDirectory output = open(dir);
        ReportTables tables = ReportTables.read(spark, output, Ledger.read(output));
        int conditions = SyntheticTables.CONDITIONS.size();
        int points = conditions * SyntheticTables.NS.length * SyntheticTables.LOADS.length * SyntheticTables.M0S.length;
        int expectedTrials = conditions * SyntheticTables.NS.length * SyntheticTables.LOADS.length
                * Math.min(SyntheticTables.M0S.length, ReportTables.MAX_M0_SHOWN) * SyntheticTables.TRIALS;
        assertEquals(expectedTrials, tables.trials().size());
        assertEquals(SyntheticTables.STEPS + 1, tables.trials().get(0).m().length);
        assertEquals(points, tables.theory().size());
        assertEquals(points, tables.transientPoints().size());
        assertEquals(conditions * SyntheticTables.NS.length * (SyntheticTables.HORIZONS.length + 2), tables.capacity().size());
        Set<Condition> read = new TreeSet<>();
        tables.trials().forEach(c -> read.add(c.condition()));
        assertEquals(new TreeSet<>(SyntheticTables.CONDITIONS), read, "every trial keeps its model and temperature");
        // the p-body stationary row at n = 3, temperature 0: normalised 0.33, raw 0.33 / 2!
        ReportTables.CapacityValue stationary = tables.capacity().stream().filter(c -> c.model() == MemoryModel.PBODY
                && c.n() == 3 && c.method() == ReportTables.Method.STATIONARY).findFirst().orElseThrow();
        assertEquals(0.165, stationary.alphaC(), 1e-12);
        assertEquals(2 * 2 * 9 * (SyntheticTables.HORIZONS.length + 2), tables.criticalTemperature().size());
        // the transient points pair each simulated peak with the theory's at the same model, temperature and load
        for (ReportTables.TransientPoint p : tables.transientPoints()) {
            ReportTables.TheoryCurve theory = tables.theory().stream().filter(t -> t.condition().equals(p.condition())
                    && t.n() == p.n() && t.alpha() == p.alpha() && t.m0() == p.m0()).findFirst().orElseThrow();
            assertEquals(java.util.Arrays.stream(theory.m()).max().orElseThrow(), p.theoryMaxM(), 0.0, p.toString());
            assertTrue(p.lower() <= p.maxM() && p.maxM() <= p.upper() && p.maxM() >= p.m0() - 0.05, p.toString());
        }
        tables.convergence().forEach(c -> assertTrue(c.count() >= 1 && c.count() <= SyntheticTables.TRIALS
                && !(c.standardError() < 0) && c.mean() >= 0 && c.mean() <= SyntheticTables.STEPS, c.toString()));
    }

    /** The output directory at a local path. */
    static OutputDirectory open(Path dir) throws IOException {
        return OutputDirectory.open(OutputLocation.of(dir.toString()), new Configuration());
    }

    /**
     * Issue 17.3: the values Spark keeps per group are the ones the driver's spread keeps, for any count of distinct
     * values (so that a table of any size gives at most k per group, chosen as before): one group per count.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 6, 12, 200})
    void sparkKeepsTheSameSpreadAsTheDriver(int k) {
        int[] counts = {1, 2, 5, 6, 7, 11, 12, 13, 40, 199, 200, 201, 1000};
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int count : counts) {
            for (int i = 0; i < count; i++) {
                double v = 0.001 * i * i + 0.5 * i; // uneven spacing: the rule is by rank, not by value
                rows.add(org.apache.spark.sql.RowFactory.create(count, v, i));
                rows.add(org.apache.spark.sql.RowFactory.create(count, v, i + 1)); // two rows per value, both kept
            }
        }
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table = spark.createDataFrame(rows,
                new org.apache.spark.sql.types.StructType().add("n", "int").add("alpha", "double").add("k", "int"));
        Map<Integer, List<Double>> kept = new java.util.TreeMap<>();
        for (org.apache.spark.sql.Row r : ReportTables.spread(table, List.of("n"), "alpha", k).collectAsList()) {
            kept.computeIfAbsent(r.getInt(0), g -> new java.util.ArrayList<>()).add(r.getDouble(1));
        }
        for (int count : counts) {
            List<Double> values = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(0.001 * i * i + 0.5 * i);
            }
            List<Double> spark = kept.get(count).stream().sorted().toList();
            assertEquals(ReportTables.spread(values, k), spark.stream().distinct().toList(), count + " values, k = " + k);
            assertEquals(2 * ReportTables.spread(values, k).size(), spark.size(), "every row of a kept value");
        }
    }

    /** Issue 17.3: figure 1 and the convergence figure of a fine grid draw a bounded sample of its loads and m0 values. */
    @Test
    void theFiguresOfAFineGridDrawABoundedSample(@TempDir Path dir) throws IOException {
        List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
        for (int a = 1; a <= 40; a++) {
            for (int m = 0; m <= 300; m++) {
                rows.add(org.apache.spark.sql.RowFactory.create(2, 64, 0.01 * a, 1L, m / 300.0, 0, 0,
                        new double[]{m / 300.0, 1}, m % 3 == 0 ? 2 : 1));
            }
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType().add("n", "int")
                .add("neurons", "int").add("alpha", "double").add("p", "long").add("m0", "double").add("trial", "int")
                .add("pattern_set", "int").add("m", "array<double>").add("convergence_time", "int");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("trials").toString());
        // grid/ of two network sizes: the transient figure keeps the larger one, a bounded sample of its loads and m0
        List<org.apache.spark.sql.Row> points = new java.util.ArrayList<>();
        for (int neurons : new int[]{64, 128}) {
            for (int a = 1; a <= 40; a++) {
                for (int m = 0; m <= 300; m++) {
                    points.add(org.apache.spark.sql.RowFactory.create("pbody", 3, neurons, 0.25, 0.01 * a, m / 300.0,
                            0.5, 0.4, 0.6));
                }
            }
        }
        spark.createDataFrame(points, new org.apache.spark.sql.types.StructType().add("model", "string").add("n", "int")
                .add("neurons", "int").add("temperature", "double").add("alpha", "double").add("m0", "double")
                .add("max_m_mean", "double").add("max_m_lo", "double").add("max_m_hi", "double"))
                .coalesce(1).write().parquet(dir.resolve("grid").toString());
        OutputDirectory output = open(dir);
        ReportTables tables = ReportTables.read(spark, output, Ledger.read(output));
        assertTrue(tables.trials().stream().allMatch(c -> c.condition().equals(new Condition(MemoryModel.DENSE, 0))),
                "a table without model and temperature columns holds the dense model at temperature 0");
        assertEquals(ReportTables.MAX_TRANSIENT_LOADS * ReportTables.MAX_CURVE_POINTS, tables.transientPoints().size());
        assertTrue(tables.transientPoints().stream().allMatch(p -> p.neurons() == 128 && Double.isNaN(p.theoryMaxM())
                && p.model() == MemoryModel.PBODY && p.temperature() == 0.25));
        assertEquals(ReportTables.MAX_LOADS_SHOWN, tables.trials().stream().map(ReportTables.TrialCurve::alpha).distinct().count());
        assertEquals(ReportTables.MAX_M0_SHOWN, tables.trials().stream().map(ReportTables.TrialCurve::m0).distinct().count());
        assertEquals(ReportTables.MAX_LOADS_SHOWN * ReportTables.MAX_M0_SHOWN, tables.trials().size());
        assertEquals(ReportTables.MAX_CURVES_SHOWN * ReportTables.MAX_CURVE_POINTS, tables.convergence().size());
        Map<String, List<String>> texts = Report.texts(tables, LoadConvention.RAW);
        assertEquals(ReportTables.MAX_CURVES_SHOWN, texts.get("convergence_time_n2_N64.png").stream()
                .filter(t -> t.endsWith("(simulation)")).count());
        assertEquals(ReportTables.MAX_TRANSIENT_LOADS, texts.get("transient_n3.png").stream()
                .filter(t -> t.endsWith("(simulation)")).count());
    }

    @Test
    void spreadKeepsTheEndsAndSpacesByRank() {
        assertEquals(List.of(0.0, 0.5, 1.0), ReportTables.spread(List.of(0.0, 0.25, 0.5, 0.75, 1.0), 3));
        assertEquals(List.of(0.1, 0.2), ReportTables.spread(List.of(0.1, 0.2), 6));
    }

    private static double lumaVariance(BufferedImage image) {
        double sum = 0;
        double sumSquares = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += luma;
                sumSquares += luma * luma;
                count++;
            }
        }
        double mean = sum / count;
        return sumSquares / count - mean * mean;
    }

    /** Finite-size fits of n = 3 for both models at temperature 0: m0_c at a load and alpha_c. */
    private static List<FiniteSizePoint> fits() {
        int[] sizes = {128, 256, 512};
        List<FiniteSizePoint> fits = new java.util.ArrayList<>();
        for (MemoryModel model : MemoryModel.values()) {
            double f = LoadConvention.factor(model, 3);
            fits.add(new FiniteSizePoint(model, 3, 0, "m0c", 0.15 / f, sizes, new double[] {0.50, 0.45, 0.42},
                    new double[] {0.48, 0.43, 0.40}, new double[] {0.52, 0.47, 0.44}, 0.35, 0.30, 0.40, 1.6, 0.4, 1, 0.36));
            fits.add(new FiniteSizePoint(model, 3, 0, "alpha_c", Double.NaN, sizes, new double[] {0.040, 0.043, 0.045},
                    new double[] {0.038, 0.041, 0.043}, new double[] {0.042, 0.045, 0.047}, 0.050, 0.047, 0.053, -0.1,
                    0.3, 1, 0.049));
        }
        return fits;
    }

    @Test
    void everyFigureWritesItsLoadsInTheGivenConventionOfItsModelAndSaysWhich(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        OutputDirectory output = open(dir);
        ReportTables read = ReportTables.read(spark, output, Ledger.read(output));
        ReportTables tables = new ReportTables(read.trials(), read.theory(), read.convergence(), read.boundary(),
                read.capacity(), fits(), read.criticalTemperature(), read.transientPoints());

        Map<String, List<String>> raw = Report.texts(tables, LoadConvention.RAW);
        Map<String, List<String>> normalised = Report.texts(tables, LoadConvention.NORMALISED);
        assertEquals(raw.keySet(), normalised.keySet());
        Set<String> expected = expectedFigures();
        expected.addAll(List.of("finite_size.png", "finite_size_pbody.png"));
        assertEquals(expected, raw.keySet());
        for (String name : raw.keySet()) {
            boolean bothModels = name.matches("(models|transient|temperature)_n\\d\\.png");
            boolean pbody = name.contains("_pbody");
            String meaning = bothModels ? LoadConvention.NORMALISED.meaning() : "normalised load "
                    + (pbody ? "alpha (n-1)!" : "alpha (2n-3)!!") + ", alpha = p / N^(n-1)";
            assertTrue(raw.get(name).get(0).contains("raw load alpha = p / N^(n-1)"), name + ": " + raw.get(name).get(0));
            assertTrue(normalised.get(name).get(0).contains(meaning), name + ": " + normalised.get(name).get(0));
        }
        // figure 1: a panel per load, p = round(alpha N^(n-1)): 2000 at dense raw alpha 0.05 (normalised 0.15 = 3 alpha),
        // 3000 at p-body raw alpha 0.075 (normalised 0.15 = 2 alpha), n = 3, N = 200
        assertTrue(raw.get("figure1_n3_N200.png").contains("alpha = 0.05 (p = 2000)"), raw.get("figure1_n3_N200.png").toString());
        assertTrue(normalised.get("figure1_n3_N200.png").contains("alpha (2n-3)!! = 0.15 (p = 2000)"),
                normalised.get("figure1_n3_N200.png").toString());
        assertTrue(raw.get("figure1_n3_N200_pbody.png").contains("alpha = 0.075 (p = 3000)"));
        assertTrue(normalised.get("figure1_n3_N200_pbody.png").contains("alpha (n-1)! = 0.15 (p = 3000)"),
                normalised.get("figure1_n3_N200_pbody.png").toString());
        assertTrue(normalised.get("figure1_n2_N200.png").contains("alpha (2n-3)!! = 0.15 (p = 30)"), "(2n-3)!! = 1 at n = 2");
        // convergence time: a curve per load; above temperature 0 it is the settling time of the overlap
        assertTrue(raw.get("convergence_time_n3_N200.png").contains("alpha = 0.1 (simulation)"));
        assertTrue(normalised.get("convergence_time_n3_N200.png").containsAll(List.of("alpha (2n-3)!! = 0.3 (simulation)",
                "alpha (2n-3)!! = 0.15 (simulation)", "convergence time (parallel steps)")));
        assertTrue(normalised.get("convergence_time_n3_N200_temperature0.5.png").contains("settling time of m(t) (steps)"));
        // phase diagram: the load axis and alpha_c (normalised 0.4 at T = 12, 0.35 at T -> inf, 0.33 stationary)
        assertTrue(raw.get("phase_diagram.png").containsAll(List.of(LoadConvention.RAW.axisTitle(MemoryModel.DENSE, 3),
                "alpha_c = 0.1333 (theory, T = 12)")), raw.get("phase_diagram.png").toString());
        assertTrue(normalised.get("phase_diagram.png").containsAll(List.of("alpha (2n-3)!! = 3 alpha (normalised load)",
                "alpha_c (2n-3)!! = 0.4 (theory, T = 12)", "alpha_c (2n-3)!! = 0.35 (theory, T -> inf)",
                "alpha_c (2n-3)!! = 0.33 (stationary state)")), normalised.get("phase_diagram.png").toString());
        assertTrue(normalised.get("phase_diagram_pbody.png").containsAll(List.of("alpha (n-1)! = 2 alpha (normalised load)",
                "alpha_c (n-1)! = 0.4 (theory, T = 12)")), normalised.get("phase_diagram_pbody.png").toString());
        assertTrue(normalised.get("phase_diagram_temperature0.5.png").contains("alpha_c (2n-3)!! = 0.35 (theory, T = 12)"));
        // capacity ladder: the value axis and the stationary state's level
        assertTrue(raw.get("capacity_ladder.png").containsAll(List.of("alpha_c(T)", "stationary state: 0.11")),
                raw.get("capacity_ladder.png").toString());
        assertTrue(normalised.get("capacity_ladder.png").containsAll(List.of("alpha_c(T) x 3 (normalised)",
                "stationary state: 0.33")), normalised.get("capacity_ladder.png").toString());
        assertTrue(normalised.get("capacity_ladder_pbody.png").contains("alpha_c(T) x 2 (normalised)"));
        // finite size: the load of an m0_c panel, and an alpha_c panel's values (limit 0.05, theory 0.049) scaled by P(1)
        List<String> fsRaw = raw.get("finite_size.png");
        List<String> fsNorm = normalised.get("finite_size.png");
        assertTrue(fsRaw.contains("n = 3: m0_c at alpha = 0.05, chi2/dof = 0.4/1"), fsRaw.toString());
        assertTrue(fsNorm.contains("n = 3: m0_c at alpha (2n-3)!! = 0.15, chi2/dof = 0.4/1"), fsNorm.toString());
        assertTrue(fsRaw.containsAll(List.of("n = 3: alpha_c (from m0 = 1), chi2/dof = 0.3/1", "capacity alpha_c",
                "N -> inf: 0.050 (0.047, 0.053)", "theory: 0.049")), fsRaw.toString());
        assertTrue(fsNorm.containsAll(List.of("n = 3: alpha_c (2n-3)!! (from m0 = 1), chi2/dof = 0.3/1",
                "capacity alpha_c (2n-3)!! = 3 alpha_c (normalised)", "N -> inf: 0.150 (0.141, 0.159)", "theory: 0.147")),
                fsNorm.toString());
        assertTrue(fsNorm.contains("N -> inf: 0.350 (0.300, 0.400)"), "m0_c values are not loads: " + fsNorm);
        assertTrue(normalised.get("finite_size_pbody.png").containsAll(List.of("n = 3: m0_c at alpha (n-1)! = 0.15, chi2/dof = 0.4/1",
                "capacity alpha_c (n-1)! = 2 alpha_c (normalised)", "N -> inf: 0.100 (0.094, 0.106)")),
                normalised.get("finite_size_pbody.png").toString());
        // both models on one load axis: each at its own alpha P(1)
        assertTrue(normalised.get("models_n3.png").containsAll(List.of(LoadConvention.NORMALISED.axisTitle(3),
                "temperature 0", "temperature 0.5", "dense theory, T = 12", "pbody theory, T = 12", "dense theory, T -> inf",
                "pbody simulation, N = 200", "pbody alpha_c (n-1)! = 0.4 (theory, T = 12)",
                "dense alpha_c (2n-3)!! = 0.35 (theory, T -> inf)")), normalised.get("models_n3.png").toString());
        // transient retrieval: a curve per load, the same normalised loads in both models' panels
        assertTrue(normalised.get("transient_n3.png").containsAll(List.of("dense model, temperature 0: simulation at N = 200",
                "pbody model, temperature 0: simulation at N = 200", "dense model, temperature 0.5: simulation at N = 200",
                "alpha (2n-3)!! = 0.15 (simulation)", "alpha (2n-3)!! = 0.15 (theory)", "alpha (n-1)! = 0.15 (simulation)",
                "alpha (n-1)! = 0.3 (theory)", "largest overlap max_t m(t)")), normalised.get("transient_n3.png").toString());
        // the temperature axis: temperature_c(alpha) of both models, m0_c per temperature of each model
        assertTrue(normalised.get("temperature_n3.png").containsAll(List.of("critical temperature temperature_c(alpha)",
                LoadConvention.NORMALISED.axisTitle(3), "dense theory, T = 12", "pbody theory, T -> inf",
                "pbody stationary state", "dense: m0_c(alpha) at each temperature (simulation N = 200)",
                "temperature 0, theory T = 12", "temperature 0.5, theory T -> inf", "temperature 0.5, simulation",
                "pbody: m0_c(alpha) at each temperature (simulation N = 200)")),
                normalised.get("temperature_n3.png").toString());
    }

    /** Issues 18, 19: the dense model at temperature 0 keeps today's file names; other conditions say theirs. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "dense, 0, figure1_n3_N512.png",
        "pbody, 0, figure1_n3_N512_pbody.png",
        "dense, 0.2, figure1_n3_N512_temperature0.2.png",
        "pbody, 0.05, figure1_n3_N512_pbody_temperature0.05.png",
        "dense, 1.5, figure1_n3_N512_temperature1.5.png",
        "dense, 0.123456, figure1_n3_N512_temperature0.1235.png",
        "pbody, 0.00001, figure1_n3_N512_pbody_temperature1.000e-05.png"})
    void fileNamesKeepEveryModelAndTemperatureApart(String model, double temperature, String name) {
        // the same cases as python/dam_tables' (tests/test_dam_tables.py), and --overwrite knows each as dam's
        assertEquals(name, new Condition(MemoryModel.parse(model), temperature).fileName("figure1_n3_N512"));
        assertTrue(dam.jobs.sweep.OwnFiles.isFigure(name), name);
    }

    /** Issues 18, 19: a figure drawn for one model and temperature names both in its title. */
    @Test
    void everyFigureOfOneModelAndTemperatureNamesThemInItsTitle(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        OutputDirectory output = open(dir);
        Map<String, List<String>> texts = Report.texts(ReportTables.read(spark, output, Ledger.read(output)),
                LoadConvention.RAW);
        int checked = 0;
        for (Condition c : SyntheticTables.CONDITIONS) {
            for (String stem : List.of("figure1_n3_N200", "convergence_time_n3_N200", "phase_diagram", "capacity_ladder")) {
                String title = texts.get(c.fileName(stem)).get(0);
                assertTrue(title.contains(c.label()), c.fileName(stem) + ": " + title);
                checked++;
            }
        }
        assertEquals(12, checked);
        assertTrue(texts.get("figure1_n3_N200_temperature0.5.png").get(0).contains("dense model, temperature 0.5"));
    }

    /** The two models are overlaid only where both are present: tables of the dense model alone have no models_n*. */
    @Test
    void theModelComparisonNeedsBothModels(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        OutputDirectory output = open(dir);
        ReportTables read = ReportTables.read(spark, output, Ledger.read(output));
        ReportTables dense = new ReportTables(read.trials(), read.theory(), read.convergence(),
                read.boundary().stream().filter(p -> p.model() == MemoryModel.DENSE).toList(),
                read.capacity().stream().filter(c -> c.model() == MemoryModel.DENSE).toList(), List.of(), List.of(),
                List.of());
        Set<String> names = Report.texts(dense, LoadConvention.RAW).keySet();
        assertTrue(names.stream().noneMatch(n -> n.startsWith("models_") || n.startsWith("temperature_")
                || n.startsWith("transient_")), names.toString());
        assertTrue(names.contains("phase_diagram.png"));
    }

    @Test
    void theReportReadsTheConventionFromTheSweepDescription(@TempDir Path dir) throws IOException {
        assertEquals(LoadConvention.RAW, Report.loadConvention(open(dir)), "no _sweep.json: raw");
        for (LoadConvention load : LoadConvention.values()) {
            dam.jobs.config.SweepConfig c = dam.jobs.config.ConfigLoader.fromConfig(com.typesafe.config.ConfigFactory.parseString(
                    "sweep { n = [3], neurons = [64], alpha = [0.3], m0 = [0.5], load = " + load.key() + " }"));
            Files.writeString(dir.resolve("_sweep.json"), dam.jobs.sweep.SweepDescription.json(c, java.time.Instant.now(),
                    List.of(), true));
            assertEquals(load, Report.loadConvention(open(dir)));
        }
    }
}
