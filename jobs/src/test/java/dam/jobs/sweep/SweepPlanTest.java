package dam.jobs.sweep;

import static dam.core.model.MemoryModel.DENSE;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dam.jobs.config.ConfigLoader;
import dam.jobs.config.SweepConfig;
import dam.jobs.grid.GridPoint;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepPlanTest {

    @TempDir
    Path tmp;

    private SweepConfig config(String extra) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2, 3], neurons = [32, 64], alpha = [0.05, 0.1],"
                + " m0 = [0.5, 1.0], trials = 35, states-per-pattern-set = 10, output = \"" + tmp + "\"\n" + extra + " }"));
    }

    @Test
    void gridIsTheFullProductWithPatternCounts() {
        List<GridPoint> points = SweepPlan.points(config(""));
        assertEquals(16, points.size());
        GridPoint first = points.get(0);
        assertEquals(new GridPoint(DENSE, 2, 32, 0.0, 0.05, 0.5, 2), first); // p = round(0.05 * 32)
        assertEquals(410, points.get(points.size() - 1).p()); // round(0.1 * 64^2)
    }

    @Test
    void byNGivesEachOrderItsOwnAxes() {
        List<GridPoint> points = SweepPlan.points(config("by-n { \"2\" { neurons = [128], alpha = [0.1, 0.15, 0.2] } }"));
        // n = 2: 1 size x 3 alpha x 2 m0; n = 3: the sweep's 2 sizes x 2 alpha x 2 m0.
        assertEquals(6 + 8, points.size());
        List<GridPoint> two = points.stream().filter(g -> g.n() == 2).toList();
        assertEquals(6, two.size());
        assertTrue(two.stream().allMatch(g -> g.neurons() == 128));
        assertEquals(List.of(0.1, 0.15, 0.2), two.stream().map(GridPoint::alpha).distinct().toList());
        assertEquals(new GridPoint(DENSE, 2, 128, 0.0, 0.15, 1.0, 19), two.get(3)); // p = round(0.15 * 128) = round(19.2)
        assertEquals(8, points.stream().filter(g -> g.n() == 3).count());
    }

    @Test
    void byNLeavesTheOtherOrdersPointsUnchanged() {
        List<GridPoint> plain = SweepPlan.points(config(""));
        List<GridPoint> withOverride = SweepPlan.points(config("by-n { \"2\" { m0 = [0.25] } }"));
        assertEquals(plain.stream().filter(g -> g.n() == 3).toList(),
                withOverride.stream().filter(g -> g.n() == 3).toList());
        assertEquals(List.of(0.25), withOverride.stream().filter(g -> g.n() == 2).map(GridPoint::m0).distinct().toList());
    }

    @Test
    void scansCoverEveryTrialOnceInWholePatternSetsDearestFirst() {
        SweepConfig c = config("unit-trials = 15");
        List<WorkUnit[]> scans = SweepPlan.scans(SweepPlan.points(c), c, 2);
        Map<GridPoint, int[]> covered = new HashMap<>();
        for (WorkUnit[] scan : scans) {
            assertEquals(2, scan.length, "a scan holds every m0 of its load");
            for (WorkUnit u : scan) {
                assertEquals(0, u.first() % 10, "slices start on a pattern set");
                assertEquals(scan[0].first(), u.first());
                assertEquals(scan[0].count(), u.count());
                assertEquals(List.of(scan[0].point().n(), scan[0].point().neurons(), scan[0].point().alpha()),
                        List.of(u.point().n(), u.point().neurons(), u.point().alpha()), "one load per scan");
                int[] seen = covered.computeIfAbsent(u.point(), g -> new int[c.trials()]);
                for (int t = u.first(); t < u.first() + u.count(); t++) {
                    seen[t]++;
                }
            }
        }
        assertEquals(16, covered.size());
        for (int[] seen : covered.values()) {
            for (int s : seen) {
                assertEquals(1, s);
            }
        }
        // 8 loads; 15 rounds up to 20 trials (two pattern sets): slices 0-19, 20-34.
        assertEquals(16, scans.size());
        for (int i = 1; i < scans.size(); i++) {
            assertTrue(SweepPlan.scanCost(scans.get(i - 1)) >= SweepPlan.scanCost(scans.get(i)));
        }
    }

    @Test
    void automaticSplittingSlicesOnlyTheDearLoads() {
        SweepConfig c = config("");
        List<WorkUnit[]> scans = SweepPlan.scans(SweepPlan.points(c), c, 2);
        GridPoint dearest = scans.get(0)[0].point();
        assertEquals(3, dearest.n());
        assertEquals(64, dearest.neurons());
        long slicesOfCheapest = scans.stream().filter(u -> u[0].point().n() == 2 && u[0].point().neurons() == 32).count();
        assertEquals(2, slicesOfCheapest); // 2 loads (alpha), one scan of both m0 each
    }

    @Test
    void batchesPartitionTheGrid() {
        SweepConfig c = config("batch-points = 5");
        List<List<GridPoint>> batches = SweepPlan.batches(SweepPlan.points(c), c);
        assertEquals(List.of(5, 5, 5, 1), batches.stream().map(List::size).toList());
        assertEquals(16, batches.stream().flatMap(List::stream).distinct().count());
    }

    @Test
    void automaticBatchesKeepEachLoadsM0ScanTogether() {
        // 4 loads (2 sizes x 2 alpha) of 3 m0 each, every load above the minimum batch cost: one load per batch.
        SweepConfig c = config("n = [2], neurons = [4096, 8192], m0 = [0.2, 0.5, 1.0], trials = 100000");
        List<List<GridPoint>> batches = SweepPlan.batches(SweepPlan.points(c), c);
        assertEquals(List.of(3, 3, 3, 3), batches.stream().map(List::size).toList());
        for (List<GridPoint> b : batches) {
            assertEquals(1, b.stream().map(g -> List.of(g.n(), g.neurons(), g.alpha())).distinct().count(), "one load");
            assertTrue(b.stream().mapToDouble(g -> SweepPlan.pointCost(g, c)).sum() >= SweepPlan.MIN_BATCH_COST);
        }
        assertEquals(new GridPoint(DENSE, 2, 8192, 0.0, 0.1, 0.2, 819), batches.get(0).get(0)); // dearest load first
        assertEquals(12, batches.stream().flatMap(List::stream).distinct().count());
    }

    @Test
    void aSmallSweepIsOneBatch() {
        SweepConfig c = config(""); // 16 points of 35 trials at N <= 64: far below the minimum batch cost
        List<List<GridPoint>> batches = SweepPlan.batches(SweepPlan.points(c), c);
        assertEquals(1, batches.size());
        assertEquals(16, batches.get(0).size());
    }

    /**
     * Issue 17.3: automatic batches hold at most MAX_BATCH_POINTS points, what the driver holds of one, whatever the
     * grid: 10^6 points of 1000 loads, or three loads of 10^5 m0 values (the longest axis), make batches of whole loads
     * under the bound. Every point is in exactly one batch.
     */
    @ParameterizedTest
    @CsvSource({"1000, 1000", "3, 100000", "7, 50000"})
    void automaticBatchesHoldAtMostTheBoundedNumberOfPoints(int loads, int m0s) {
        SweepConfig c = ConfigLoader.fromConfig(ConfigFactory.parseString("sweep { n = [2], neurons = [64], "
                + "alpha = { from = 1, to = " + loads + ", step = 1 }, "
                + "m0 = { from = 0.000001, to = " + java.math.BigDecimal.valueOf(m0s, 6).toPlainString() + ", step = 0.000001 }, "
                + "trials = 1, steps = 1, output = \"" + tmp + "\" }"));
        List<GridPoint> points = SweepPlan.points(c);
        assertEquals((long) loads * m0s, points.size());
        List<List<GridPoint>> batches = SweepPlan.batches(points, c);
        assertTrue(batches.stream().allMatch(b -> b.size() <= SweepPlan.MAX_BATCH_POINTS), "bounded batches");
        assertEquals(points.size(), batches.stream().mapToInt(List::size).sum());
        assertEquals(points.size(), batches.stream().flatMap(List::stream).distinct().count());
    }

    @Test
    void modelsAndTemperaturesMultiplyTheGridAndShareNothingButTheirLoad() {
        List<GridPoint> points = SweepPlan.points(config("model = [dense, pbody]\ntemperature = [0, 0.3]"));
        assertEquals(4 * 16, points.size());
        // a load's scan holds its m0 values only: model and temperature are part of the load
        List<List<WorkUnit>> scans = SweepPlan.scans(points, config("model = [dense, pbody]\ntemperature = [0, 0.3]"), 2)
                .stream().map(List::of).toList();
        for (List<WorkUnit> scan : scans) {
            assertEquals(1, scan.stream().map(u -> u.point().load()).distinct().count(), "one load per scan");
        }
        assertEquals(List.of(dam.core.model.MemoryModel.DENSE, dam.core.model.MemoryModel.PBODY),
                points.stream().map(GridPoint::model).distinct().toList(), "grid order: model first");
    }
}
