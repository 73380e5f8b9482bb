package dam.jobs.report;

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

import dam.jobs.config.LoadConvention;
import dam.jobs.config.OutputLocation;
import dam.jobs.report.ReportTables.CapacityValue;
import dam.jobs.report.ReportTables.FiniteSizePoint;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("spark")
class ReportTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        System.setProperty("java.awt.headless", "true");
        spark = SparkSession.builder().master("local[2]").appName("ReportTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesEveryFigureAsANonBlankPng(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        List<String> written = Report.write(spark, open(dir));

        Set<String> expected = new TreeSet<>(List.of("phase_diagram.png"));
        for (int n : SyntheticTables.NS) {
            expected.add("figure1_n" + n + "_N" + SyntheticTables.BIG_N + ".png");
            expected.add("convergence_time_n" + n + "_N" + SyntheticTables.BIG_N + ".png");
        }
        Set<String> names = new TreeSet<>();
        written.forEach(p -> names.add(Path.of(p).getFileName().toString()));
        assertEquals(expected, names);
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
        int expectedTrials = SyntheticTables.NS.length * SyntheticTables.ALPHAS.length
                * Math.min(SyntheticTables.M0S.length, ReportTables.MAX_M0_SHOWN) * SyntheticTables.TRIALS;
        assertEquals(expectedTrials, tables.trials().size());
        assertEquals(SyntheticTables.STEPS + 1, tables.trials().get(0).m().length);
        assertEquals(SyntheticTables.NS.length * SyntheticTables.ALPHAS.length * SyntheticTables.M0S.length,
                tables.theory().size());
        assertEquals(SyntheticTables.NS.length, tables.capacity().size());
        assertEquals(0.35, tables.capacity().get(0).alphaC(), 0.0);
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
        OutputDirectory output = open(dir);
        ReportTables tables = ReportTables.read(spark, output, Ledger.read(output));
        assertEquals(ReportTables.MAX_LOADS_SHOWN, tables.trials().stream().map(ReportTables.TrialCurve::alpha).distinct().count());
        assertEquals(ReportTables.MAX_M0_SHOWN, tables.trials().stream().map(ReportTables.TrialCurve::m0).distinct().count());
        assertEquals(ReportTables.MAX_LOADS_SHOWN * ReportTables.MAX_M0_SHOWN, tables.trials().size());
        assertEquals(ReportTables.MAX_CURVES_SHOWN * ReportTables.MAX_CURVE_POINTS, tables.convergence().size());
        Map<String, List<String>> texts = Report.texts(tables, LoadConvention.RAW);
        assertEquals(ReportTables.MAX_CURVES_SHOWN, texts.get("convergence_time_n2_N64.png").stream()
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

    @Test
    void everyFigureWritesItsLoadsInTheGivenConventionAndSaysWhich(@TempDir Path dir) throws IOException {
        SyntheticTables.write(spark, dir);
        OutputDirectory output = open(dir);
        ReportTables read = ReportTables.read(spark, output, Ledger.read(output));
        // a capacity ladder of n = 3 (four horizons and a limit) and finite-size fits (m0_c at alpha = 0.05, alpha_c)
        List<CapacityValue> ladder = List.of(new CapacityValue(3, 0.060, 0.059, 0.061, 20, false, 0.0005, Double.NaN, Double.NaN),
                new CapacityValue(3, 0.055, 0.054, 0.056, 40, false, 0.0005, Double.NaN, Double.NaN),
                new CapacityValue(3, 0.052, 0.051, 0.053, 80, false, 0.0005, Double.NaN, Double.NaN),
                new CapacityValue(3, 0.050, 0.049, 0.051, 160, false, 0.0005, Double.NaN, Double.NaN),
                new CapacityValue(3, 0.046, 0.044, 0.048, 0, true, Double.NaN, 0.8, 0.5));
        int[] sizes = {128, 256, 512};
        List<FiniteSizePoint> fits = List.of(
                new FiniteSizePoint(3, "m0c", 0.05, sizes, new double[] {0.50, 0.45, 0.42}, new double[] {0.48, 0.43, 0.40},
                        new double[] {0.52, 0.47, 0.44}, 0.35, 0.30, 0.40, 1.6, 0.4, 1, 0.36),
                new FiniteSizePoint(3, "alpha_c", Double.NaN, sizes, new double[] {0.040, 0.043, 0.045},
                        new double[] {0.038, 0.041, 0.043}, new double[] {0.042, 0.045, 0.047}, 0.050, 0.047, 0.053, -0.1,
                        0.3, 1, 0.049));
        ReportTables tables = new ReportTables(read.trials(), read.theory(), read.convergence(), read.boundary(), ladder, fits);

        Map<String, List<String>> raw = Report.texts(tables, LoadConvention.RAW);
        Map<String, List<String>> normalised = Report.texts(tables, LoadConvention.NORMALISED);
        assertEquals(raw.keySet(), normalised.keySet());
        assertEquals(Set.of("figure1_n2_N200.png", "figure1_n3_N200.png", "convergence_time_n2_N200.png",
                "convergence_time_n3_N200.png", "phase_diagram.png", "capacity_ladder.png", "finite_size.png"), raw.keySet());
        for (String name : raw.keySet()) {
            assertTrue(raw.get(name).get(0).contains("raw load alpha = p / N^(n-1)"), name + ": " + raw.get(name).get(0));
            assertTrue(normalised.get(name).get(0).contains("normalised load alpha (2n-3)!!, alpha = p / N^(n-1)"),
                    name + ": " + normalised.get(name).get(0));
        }
        // figure 1: a panel per load, p = round(alpha N^(n-1)) = 2000 at raw alpha 0.05, n = 3, N = 200
        assertTrue(raw.get("figure1_n3_N200.png").contains("alpha = 0.05 (p = 2000)"), raw.get("figure1_n3_N200.png").toString());
        assertTrue(normalised.get("figure1_n3_N200.png").contains("alpha (2n-3)!! = 0.15 (p = 2000)"),
                normalised.get("figure1_n3_N200.png").toString());
        assertTrue(normalised.get("figure1_n2_N200.png").contains("alpha (2n-3)!! = 0.1 (p = 20)"), "(2n-3)!! = 1 at n = 2");
        // convergence time: a curve per load
        assertTrue(raw.get("convergence_time_n3_N200.png").contains("alpha = 0.1 (simulation)"));
        assertTrue(normalised.get("convergence_time_n3_N200.png").containsAll(List.of("alpha (2n-3)!! = 0.3 (simulation)",
                "alpha (2n-3)!! = 0.15 (simulation)")), normalised.get("convergence_time_n3_N200.png").toString());
        // phase diagram: the load axis and alpha_c (0.05 at T = 160) in the legend
        assertTrue(raw.get("phase_diagram.png").containsAll(List.of(LoadConvention.RAW.axisTitle(3), "alpha_c = 0.05 (theory, T = 160)")),
                raw.get("phase_diagram.png").toString());
        assertTrue(normalised.get("phase_diagram.png").containsAll(List.of("alpha (2n-3)!! = 3 alpha (normalised load)",
                "alpha_c (2n-3)!! = 0.15 (theory, T = 160)", "alpha_c (2n-3)!! = 0.138 (theory, T -> inf)")),
                normalised.get("phase_diagram.png").toString());
        // capacity ladder: the value axis
        assertTrue(raw.get("capacity_ladder.png").contains("alpha_c(T)"), raw.get("capacity_ladder.png").toString());
        assertTrue(normalised.get("capacity_ladder.png").contains("alpha_c(T) x 3 (normalised)"));
        // finite size: the load of an m0_c panel, and an alpha_c panel's values (limit 0.05, theory 0.049) scaled by 3
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
