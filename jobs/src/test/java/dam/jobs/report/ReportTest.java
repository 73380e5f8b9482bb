package dam.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import dam.jobs.config.OutputLocation;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
