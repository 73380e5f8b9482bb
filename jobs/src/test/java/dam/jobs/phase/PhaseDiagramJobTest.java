package dam.jobs.phase;

import dam.jobs.spark.SparkExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.typesafe.config.ConfigFactory;

import dam.jobs.config.ConfigLoader;
import dam.core.model.MemoryModel;
import dam.jobs.config.LoadConvention;
import dam.jobs.config.SweepConfig;
import dam.jobs.report.Report;
import dam.jobs.report.ReportTables;
import dam.jobs.sweep.Ledger;
import dam.jobs.sweep.OutputDirectory;

@Tag("spark")
@ExtendWith(SparkExtension.class)
class PhaseDiagramJobTest {

    /** The local directory of a test sweep's output. */
    private static Path dir(SweepConfig c) {
        return dam.jobs.config.OutputLocation.localPath(c.output());
    }

    private static SparkSession spark;

    @BeforeAll
    static void startSpark(SparkSession session) {
        System.setProperty("java.awt.headless", "true");
        spark = session;
    }

    private static SweepConfig config(Path out, String extra) {
        String text = "sweep { n = [2, 3], neurons = [48], alpha = [0.05, 0.1], m0 = { from = 0.2, to = 1, step = 0.2 }\n"
                + "trials = 10, steps = 8, seed = 3, output = \"" + out + "\"\n"
                + "theory { enabled = true, paths = 3000, basin-tol = 0.02 }\n"
                + "spark { master = \"local[2]\" }\n" + extra + "}";
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text));
    }

    @Test
    void theoryOnlyRunWritesBoundariesCapacityAndTheFigure(@TempDir Path out) throws Exception {
        // n = 3 draws its boundary at its own sweep load (by-n), not at the sweep's 0.05 and 0.1.
        // A ladder of four horizons up to the sweep's T = 8: capacities at each, an extrapolation per n.
        SweepConfig c = config(out.resolve("run"), "by-n { \"3\" { alpha = [0.07] } }\n"
                + "theory.horizons = [4, 5, 6, 8]\n");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PhaseDiagramJob.Outcome outcome = PhaseDiagramJob.run(c, new PhaseDiagramJob.Options(false, false, 4, 0.02, quiet));

        assertEquals(2 * 4, outcome.capacities().size());
        TheoryPhaseDiagram.HorizonCapacity hopfield = outcome.capacities().get(3);
        assertEquals(new Diagram(MemoryModel.DENSE, 2, 0), hopfield.diagram());
        assertEquals(8, hopfield.steps());
        // After only T = 8 steps alpha_c is well above the T -> infinity value (~0.14-0.15) but finite.
        assertTrue(hopfield.alphaC() > 0.14 && hopfield.alphaC() < 0.6, hopfield.toString());
        assertTrue(hopfield.upper() - hopfield.lower() <= 0.02 * hopfield.lower() + 1e-12, hopfield.toString());
        // alpha_c falls along the ladder
        assertTrue(outcome.capacities().get(0).alphaC() > hopfield.alphaC(), outcome.capacities().toString());

        List<Row> phase = spark.read().parquet(dir(c).resolve("phase_diagram").toString())
                .select("n", "source", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi", "steps").collectAsList();
        List<Row> limits = phase.stream().filter(r -> r.isNullAt(7)).toList();
        phase = phase.stream().filter(r -> !r.isNullAt(7)).toList();
        assertEquals(List.of(4, 5, 6, 8), phase.stream().map(r -> r.getInt(7)).distinct().sorted().toList());
        // The T -> infinity rows (steps null): theory only, at most one per (n, alpha), only where all four horizons
        // have a boundary, m0c inside its interval where that is bounded.
        for (Row r : limits) {
            assertEquals("theory", r.getString(1), r.toString());
            assertEquals(4, phase.stream().filter(p -> p.getInt(0) == r.getInt(0) && p.getDouble(3) == r.getDouble(3)
                    && !p.isNullAt(4)).count(), r.toString());
            assertTrue(!r.isNullAt(4) && (r.isNullAt(5) || r.getDouble(5) <= r.getDouble(4))
                    && (r.isNullAt(6) || r.getDouble(4) <= r.getDouble(6)), r.toString());
        }
        assertEquals(limits.size(), limits.stream().map(r -> r.getInt(0) + " " + r.getDouble(3)).distinct().count());
        assertTrue(!limits.isEmpty(), "some load has a boundary at every horizon");
        phase = phase.stream().filter(r -> r.getInt(7) == 8).toList();
        // Theory: 4 loads below alpha_c plus the sweep's (distinct) ones: 2 at n = 2, 1 at n = 3 (by-n).
        long theory = phase.stream().filter(r -> r.getString(1).equals("theory")).count();
        long simulation = phase.stream().filter(r -> r.getString(1).equals("simulation")).count();
        assertEquals(outcome.theoryPoints(), 4 * theory + limits.size(), "one row per load and horizon, and the limits");
        assertTrue(theory >= 2 * 4 && theory <= 4 + 2 + 4 + 1, "theory rows " + theory);
        List<Double> loadsOfThree = phase.stream().filter(r -> r.getInt(0) == 3 && r.getString(1).equals("theory"))
                .map(r -> r.getDouble(3)).toList();
        assertTrue(loadsOfThree.contains(0.07) && !loadsOfThree.contains(0.05) && !loadsOfThree.contains(0.1),
                loadsOfThree.toString());
        assertEquals(0, simulation, "no sweep, no basins/: no simulation points");
        for (Row r : phase) {
            if (r.getString(1).equals("theory")) {
                assertTrue(r.isNullAt(2), "theory rows have no neurons");
                if (!r.isNullAt(4)) {
                    assertTrue(r.getDouble(5) <= r.getDouble(4) && r.getDouble(4) <= r.getDouble(6)
                            && r.getDouble(6) - r.getDouble(5) <= 0.02 + 1e-12, r.toString());
                }
            } else {
                assertEquals(48, r.getInt(2));
            }
        }
        // Just below alpha_c the basin has shrunk: its boundary lies above the one at alpha_c / 4.
        double lowLoad = hopfield.lower() / 4;
        double highLoad = hopfield.lower();
        Double low = boundaryAt(phase, 2, lowLoad);
        Double high = boundaryAt(phase, 2, highLoad);
        assertNotNull(low);
        assertNotNull(high);
        assertTrue(high > low, "m0c(" + highLoad + ") = " + high + " vs m0c(" + lowLoad + ") = " + low);

        List<Row> capacity = spark.read().parquet(dir(c).resolve("capacity").toString()).collectAsList();
        List<Row> extrapolated = capacity.stream().filter(r -> r.getAs("method").equals("extrapolated")).toList();
        List<Row> stationary = capacity.stream().filter(r -> r.getAs("method").equals("stationary")).toList();
        assertEquals(2 * 4 + extrapolated.size() + stationary.size(), capacity.size());
        assertEquals(2, stationary.size(), "one stationary row per diagram");
        for (Row r : stationary) {
            assertTrue(r.isNullAt(r.fieldIndex("steps")) && r.isNullAt(r.fieldIndex("paths")), r.toString());
            assertTrue((double) r.getAs("alpha_c") < hopfield.alphaC(), "the stationary capacity lies below T = 8's: " + r);
        }
        assertEquals(outcome.limits().size(), extrapolated.size());
        for (Row r : extrapolated) {
            assertTrue(r.isNullAt(r.fieldIndex("steps")), r.toString());
            assertEquals(1, (int) r.getAs("dof"), r.toString());
        }
        Path figure = dir(c).resolve("figures").resolve("phase_diagram.png");
        assertTrue(Files.isRegularFile(figure));
        assertNotNull(ImageIO.read(figure.toFile()));
        assertTrue(outcome.figures().contains(figure.toString()));
        Path ladder = dir(c).resolve("figures").resolve("capacity_ladder.png");
        assertNotNull(ImageIO.read(ladder.toFile()));
        assertTrue(outcome.figures().contains(ladder.toString()));

        // The closing lines name the convention and write alpha_c in it: x 3 at n = 3 when normalised.
        TheoryPhaseDiagram.HorizonCapacity three = outcome.capacities().stream().filter(h -> h.diagram().n() == 3 && h.steps() == 8)
                .findFirst().orElseThrow();
        String raw = outcome.summary(LoadConvention.RAW);
        String normalised = outcome.summary(LoadConvention.NORMALISED);
        assertTrue(raw.startsWith("loads: raw load alpha = p / N^(n-1)\n"), raw);
        assertTrue(raw.contains(String.format(Locale.ROOT, "dense n = 3  T = 8  alpha_c = %.5f", three.alphaC())), raw);
        assertTrue(normalised.startsWith("loads: " + LoadConvention.NORMALISED.meaning() + "\n"), normalised);
        assertTrue(normalised.contains(String.format(Locale.ROOT, "dense n = 3  T = 8  alpha_c (2n-3)!! = %.5f",
                3 * three.alphaC())), normalised);
        assertTrue(normalised.contains(String.format(Locale.ROOT, "dense n = 2  T = 8  alpha_c (2n-3)!! = %.5f",
                hopfield.alphaC())), normalised);
        assertEquals(outcome.capacities().size() + outcome.limits().size() + outcome.stationary().size() + 1,
                normalised.lines().count(), normalised);
    }

    @Test
    void aTemperatureAxisAddsTheCriticalTemperatureOfEveryLoadOnTheLadderAndStationary(@TempDir Path out)
            throws Exception {
        // n = 2 only, both models (the same dynamics at n = 2), temperatures 0 and 0.3, a ladder of four horizons.
        SweepConfig c = config(out.resolve("run"), "n = [2]\nmodel = [dense, pbody]\ntemperature = [0, 0.3]\n"
                + "theory.horizons = [4, 5, 6, 8]\n");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PhaseDiagramJob.Outcome outcome = PhaseDiagramJob.run(c, new PhaseDiagramJob.Options(false, false, 2, 0.02, quiet));

        List<Row> rows = spark.read().parquet(dir(c).resolve("critical_temperature").toString()).collectAsList();
        assertEquals(outcome.criticalTemperatures(), rows.size());
        for (String model : List.of("dense", "pbody")) {
            // each model's loads: alpha_c k / K of its own capacity (its own theory seeds) and the sweep's loads
            List<Double> loads = rows.stream().filter(r -> r.getAs("model").equals(model))
                    .map(r -> (Double) r.getAs("alpha")).distinct().sorted().toList();
            assertTrue(loads.containsAll(List.of(0.05, 0.1)) && loads.size() >= 3, loads.toString());
            for (double alpha : loads) {
                List<Row> load = rows.stream().filter(r -> r.getAs("model").equals(model)
                        && (double) r.getAs("alpha") == alpha).toList();
                List<Row> ladder = load.stream().filter(r -> r.getAs("method").equals("ladder")).toList();
                List<Row> stationary = load.stream().filter(r -> r.getAs("method").equals("stationary")).toList();
                assertEquals(List.of(4, 5, 6, 8), ladder.stream().map(r -> (int) r.getAs("steps")).sorted().toList());
                assertEquals(1, stationary.size(), "one stationary row per load: " + load);
                Row st = stationary.get(0);
                // n = 2 at alpha -> 0 retrieves up to temperature 1; at a finite load T_c lies below it, and above
                // the stationary alpha_c at temperature 0 (0.1379, Amit, Gutfreund and Sompolinsky) there is none
                Double tc = st.getAs("temperature_c");
                if (alpha < 0.137) {
                    assertNotNull(tc, st.toString());
                    assertTrue(tc > 0 && tc < 1, st.toString());
                } else if (alpha > 0.139) {
                    assertNull(tc, st.toString());
                }
                assertTrue(st.isNullAt(st.fieldIndex("steps")) && st.isNullAt(st.fieldIndex("paths")), st.toString());
                for (Row r : ladder) {
                    Double t = r.getAs("temperature_c");
                    assertTrue(t == null || (t >= 0 && t <= 1.2), r.toString());
                }
            }
        }
        // n = 2: the two models are the same dynamics, so their stationary rows coincide at the shared sweep loads
        for (double alpha : List.of(0.05, 0.1)) {
            List<Object> both = rows.stream().filter(r -> r.getAs("method").equals("stationary")
                    && (double) r.getAs("alpha") == alpha).map(r -> r.getAs("temperature_c")).toList();
            assertEquals(2, both.size());
            assertEquals(both.get(0), both.get(1), "alpha = " + alpha);
        }
    }

    @Test
    void runWithTheSweepAddsOneSimulationPointPerLoadAndEveryFigure(@TempDir Path out) throws Exception {
        SweepConfig c = config(out.resolve("run"), "");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PhaseDiagramJob.Outcome outcome = PhaseDiagramJob.run(c, new PhaseDiagramJob.Options(true, false, 2, 0.05, quiet));

        assertEquals(2 * 2, outcome.simulationPoints(), "one per (n, neurons, alpha)");
        // One theory basin boundary: basins/ (the sweep) and phase_diagram/ (this job) agree exactly at the same
        // (n, alpha, T, M, seed), both from TheoryRetrieval.basinBoundary with the sweep seed for every m0.
        List<Row> basins = spark.read().parquet(dir(c).resolve("basins").toString())
                .select("n", "alpha", "theory_m0c", "theory_m0c_lo", "theory_m0c_hi").collectAsList();
        List<Row> theoryRows = spark.read().parquet(dir(c).resolve("phase_diagram").toString())
                .filter("source = 'theory'").select("n", "alpha", "m0c", "m0c_lo", "m0c_hi", "steps").collectAsList();
        int compared = 0;
        for (Row b : basins) {
            for (Row t : theoryRows) {
                if (t.getInt(0) == b.getInt(0) && t.getDouble(1) == b.getDouble(1)) {
                    assertEquals(8, t.getInt(5));
                    for (int k = 2; k <= 4; k++) {
                        assertEquals(b.isNullAt(k) ? null : b.getDouble(k), t.isNullAt(k) ? null : t.getDouble(k), b + " vs " + t);
                    }
                    compared++;
                }
            }
        }
        assertEquals(basins.size(), compared, "every basins/ load has its phase_diagram/ theory row");
        List<Row> simulation = spark.read().parquet(dir(c).resolve("phase_diagram").toString())
                .filter("source = 'simulation'").select("n", "neurons", "alpha", "m0c", "m0c_lo", "m0c_hi").collectAsList();
        assertEquals(4, simulation.size());
        for (Row r : simulation) {
            assertEquals(48, r.getInt(1));
            if (!r.isNullAt(3)) {
                assertTrue(r.getDouble(4) <= r.getDouble(3) && r.getDouble(3) <= r.getDouble(5), r.toString());
            }
        }
        // n = 3 has its boundary inside the scanned m0 range [0.2, 1] (theory, T = 20: about 0.47 and 0.7),
        // and it rises with the load. (At n = 2 the boundary lies below 0.2, so there it is null.)
        Double lowLoad = null;
        Double highLoad = null;
        for (Row r : simulation) {
            if (r.getInt(0) == 3) {
                assertTrue(!r.isNullAt(3), r.toString());
                if (r.getDouble(2) == 0.05) {
                    lowLoad = r.getDouble(3);
                } else {
                    highLoad = r.getDouble(3);
                }
            }
        }
        assertTrue(lowLoad != null && highLoad != null && highLoad > lowLoad, simulation.toString());
        for (String name : List.of("figure1_n2_N48.png", "figure1_n3_N48.png", "convergence_time_n2_N48.png",
                "convergence_time_n3_N48.png", "phase_diagram.png")) {
            assertTrue(outcome.figures().contains(dir(c).resolve("figures").resolve(name).toString()), name);
        }
    }

    @Test
    void severalSizesGiveACommittedFiniteSizeTableWithFitsAndItsFigure(@TempDir Path out) throws Exception {
        String text = "sweep { n = [3], neurons = [32, 48, 64], alpha = [0.06, 0.16], m0 = [0.3, 0.45, 0.6, 0.75, 0.9, 1.0]\n"
                + "trials = 30, steps = 8, seed = 5, output = \"" + out.resolve("run") + "\"\n"
                + "theory { enabled = true, paths = 2000, basin-tol = 0.03 }\n"
                + "spark { master = \"local[2]\" }\n}";
        SweepConfig c = ConfigLoader.fromConfig(ConfigFactory.parseString(text));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PhaseDiagramJob.Outcome outcome = PhaseDiagramJob.run(c, new PhaseDiagramJob.Options(true, false, 2, 0.05, quiet));

        // Committed like phase_diagram/ and capacity/: its record lists exactly the table's part files.
        Ledger ledger = Ledger.read(OutputDirectory.open(c.output(), new Configuration()));
        List<String> onDisk;
        try (Stream<Path> files = Files.list(dir(c).resolve("finite_size"))) {
            onDisk = files.map(f -> "finite_size/" + f.getFileName()).filter(f -> f.endsWith(".parquet")).sorted().toList();
        }
        assertFalse(onDisk.isEmpty());
        assertEquals(onDisk, ledger.committed("finite_size"));

        List<Row> rows = spark.read().parquet(dir(c).resolve("finite_size").toString()).collectAsList();
        assertEquals(2 + 1, rows.size(), "one m0c row per load and one alpha_c row");
        int fitted = 0;
        for (Row r : rows) {
            assertEquals(List.of(32, 48, 64), r.getList(r.fieldIndex("neurons")));
            assertEquals(8, r.getInt(r.fieldIndex("steps")));
            String quantity = r.getAs("quantity");
            assertEquals(quantity.equals("alpha_c"), r.isNullAt(r.fieldIndex("alpha")), r.toString());
            if (!r.isNullAt(r.fieldIndex("limit"))) {
                fitted++;
                double limit = r.getAs("limit");
                assertTrue((double) r.getAs("limit_lo") <= limit && limit <= (double) r.getAs("limit_hi"), r.toString());
                assertEquals(r.getList(r.fieldIndex("fit_neurons")).size(), r.getList(r.fieldIndex("residuals")).size());
                assertEquals(r.getList(r.fieldIndex("fit_neurons")).size() - 2, (int) r.getAs("dof"));
                assertEquals("y_inf + a N^-1/2", r.getAs("form"));
            }
        }
        assertTrue(fitted >= 1, "at least one boundary estimated at all three sizes: " + rows);
        Row theory = rows.stream().filter(r -> "m0c".equals(r.getAs("quantity")) && (double) r.getAs("alpha") == 0.06)
                .findFirst().orElseThrow();
        assertTrue(!theory.isNullAt(theory.fieldIndex("theory")), "theory m0c beside the simulation: " + theory);
        Path figure = dir(c).resolve("figures").resolve("finite_size.png");
        assertTrue(outcome.figures().contains(figure.toString()), outcome.figures().toString());
        assertNotNull(ImageIO.read(figure.toFile()));

        // The same tables drawn in either convention: the panel of the load 0.06 names it as raw 0.06 or as
        // alpha (2n-3)!! = 0.18 (n = 3), and the N = 48 figures title their panels the same way.
        OutputDirectory output = OutputDirectory.open(c.output(), new Configuration());
        ReportTables tables = ReportTables.read(spark, output, ledger);
        java.util.Map<String, List<String>> raw = Report.texts(tables, LoadConvention.RAW);
        java.util.Map<String, List<String>> normalised = Report.texts(tables, LoadConvention.NORMALISED);
        assertTrue(raw.get("finite_size.png").stream().anyMatch(t -> t.startsWith("n = 3: m0_c at alpha = 0.06, ")),
                raw.get("finite_size.png").toString());
        assertTrue(normalised.get("finite_size.png").stream().anyMatch(t -> t.startsWith("n = 3: m0_c at alpha (2n-3)!! = 0.18, ")),
                normalised.get("finite_size.png").toString());
        assertTrue(raw.get("figure1_n3_N48.png").contains("alpha = 0.16 (p = 369)"), raw.get("figure1_n3_N48.png").toString());
        assertTrue(normalised.get("figure1_n3_N48.png").contains("alpha (2n-3)!! = 0.48 (p = 369)"),
                normalised.get("figure1_n3_N48.png").toString());
        assertTrue(normalised.get("phase_diagram.png").contains(LoadConvention.NORMALISED.axisTitle(MemoryModel.DENSE,
                3)), normalised.get("phase_diagram.png").toString());
    }

    private static Double boundaryAt(List<Row> phase, int n, double alpha) {
        for (Row r : phase) {
            if (r.getInt(0) == n && r.getString(1).equals("theory") && Math.abs(r.getDouble(3) - alpha) < 1e-12) {
                return r.isNullAt(4) ? null : r.getDouble(4);
            }
        }
        return null;
    }
}
