package dam.jobs.sweep;

import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.analysis.BoundarySearch;
import dam.jobs.config.Boundary;
import dam.jobs.config.SweepConfig;
import dam.jobs.config.TaskMemory;
import dam.jobs.grid.BoundaryLoad;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TrialSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands a sweep config into grid points, groups them into batches and splits a batch into scans of work units.
 * Nothing here affects a number in the tables: every trial is seeded by (seed, grid point, trial index).
 */
public final class SweepPlan {

    /** Automatic unit size: aim at this many scans (tasks) per Spark core over the whole batch. */
    private static final int UNITS_PER_CORE = 4;
    /** Automatic batch size: aim at this many committed batches per sweep (whole loads, so fewer for few loads). */
    private static final int BATCHES = 8;
    /**
     * Automatic batch size: at least this much simulation per batch, in the units of {@link #pointCost} (p N T per
     * trial; 2^37 is about 4 s of one core's kernel time on the project's 2-core machine). A batch costs about 2
     * CPU-seconds of Spark jobs and small files whatever its size (bench/README.md), so a small sweep is one batch.
     */
    static final double MIN_BATCH_COST = 0x1p37;
    /** Most grid points in one batch (config.TaskMemory): what the driver holds of a batch is bounded. */
    static final int MAX_BATCH_POINTS = TaskMemory.MAX_BATCH_POINTS;

    private SweepPlan() {
    }

    /**
     * Every grid point (model, n, neurons, temperature, alpha, m0) of the config, each n with its own axes (loads raw, as
     * the model converts them), in grid order.
     */
    public static List<GridPoint> points(SweepConfig config) {
        List<GridPoint> out = new ArrayList<>();
        for (MemoryModel model : config.model()) {
            for (int n : config.n()) {
                SweepConfig.Axes axes = config.axes(model, n);
                for (int neurons : axes.neurons()) {
                    for (double temperature : config.temperature()) {
                        for (double alpha : axes.alpha()) {
                            int p = Model.patternCount(n, neurons, alpha);
                            for (double m0 : axes.m0()) {
                                out.add(new GridPoint(model, n, neurons, temperature, alpha, m0, p));
                            }
                        }
                    }
                }
            }
        }
        out.sort(GridPoint.ORDER);
        return out;
    }

    /** The number of grid points of the config, without making them. */
    public static int pointCount(SweepConfig config) {
        return Math.toIntExact((long) config.gridPoints());
    }

    /** Estimated cost of all trials of one point (only those the runner simulates: one per set where states coincide). */
    public static double pointCost(GridPoint point, SweepConfig config) {
        return TrialSettings.of(config).simulatedTrials(point).length * point.trialCost(config.steps());
    }

    /**
     * Groups points into batches, the unit of commit and resume, dearest loads first. A load (n, neurons, alpha) keeps
     * its m0 values together, so that they share their pattern sets in one task ({@link #scans}): with batch-points
     * set, batches of at most that many points in this order; when 0, whole loads, about 1/8 of the loads per batch
     * and at least {@link #MIN_BATCH_COST} of simulation per batch (the last batch may hold less), never more than
     * {@link #MAX_BATCH_POINTS} points (a load with more m0 values is cut into slices of them).
     */
    public static List<List<GridPoint>> batches(List<GridPoint> points, SweepConfig config) {
        List<List<GridPoint>> loads = loads(points);
        loads.sort(Comparator.comparingDouble((List<GridPoint> l) -> -loadCost(l, config))
                .thenComparing(l -> l.get(0), GridPoint.ORDER));
        List<List<GridPoint>> out = new ArrayList<>();
        if (config.batchPoints() > 0) {
            List<GridPoint> sorted = loads.stream().flatMap(List::stream).toList();
            int size = config.batchPoints();
            for (int i = 0; i < sorted.size(); i += size) {
                out.add(List.copyOf(sorted.subList(i, Math.min(sorted.size(), i + size))));
            }
            return out;
        }
        int loadsPerBatch = Math.max(1, (loads.size() + BATCHES - 1) / BATCHES);
        List<GridPoint> batch = new ArrayList<>();
        int loadsInBatch = 0;
        double cost = 0;
        for (List<GridPoint> whole : loads) {
            // At most MAX_BATCH_POINTS points a batch, what the driver holds of one: a larger load is cut in m0 slices.
            for (int from = 0; from < whole.size(); from += MAX_BATCH_POINTS) {
                List<GridPoint> load = whole.subList(from, Math.min(whole.size(), from + MAX_BATCH_POINTS));
                if (batch.size() + load.size() > MAX_BATCH_POINTS) {
                    out.add(List.copyOf(batch));
                    batch.clear();
                    loadsInBatch = 0;
                    cost = 0;
                }
                batch.addAll(load);
                loadsInBatch++;
                cost += loadCost(load, config);
                if (loadsInBatch >= loadsPerBatch && cost >= MIN_BATCH_COST) {
                    out.add(List.copyOf(batch));
                    batch.clear();
                    loadsInBatch = 0;
                    cost = 0;
                }
            }
        }
        if (!batch.isEmpty()) {
            out.add(List.copyOf(batch));
        }
        return out;
    }

    /**
     * Splits the points of a batch into scans, one Spark task each, dearest first. A scan is the work units of one
     * load's m0 values over the same trials, on whole pattern sets, so that each pattern set is generated once and
     * the states of all its m0 values share one kernel (core TrialRunner.runScan). A load's trials are sliced into at
     * most unit-trials trials, or (when 0) so that the batch makes about 4 scans per core.
     */
    public static List<WorkUnit[]> scans(List<GridPoint> points, SweepConfig config, int cores) {
        int sps = config.statesPerPatternSet();
        List<List<GridPoint>> loads = loads(points);
        double total = 0;
        for (List<GridPoint> load : loads) {
            total += loadCost(load, config);
        }
        double target = total / Math.max(1, UNITS_PER_CORE * cores);
        List<WorkUnit[]> out = new ArrayList<>();
        for (List<GridPoint> load : loads) {
            int slice;
            if (config.unitTrials() > 0) {
                slice = config.unitTrials();
            } else {
                int pieces = (int) Math.max(1, Math.min(config.trials(), Math.ceil(loadCost(load, config) / target)));
                slice = (config.trials() + pieces - 1) / pieces;
            }
            slice = Math.max(sps, (slice + sps - 1) / sps * sps); // whole pattern sets
            for (int first = 0; first < config.trials(); first += slice) {
                int count = Math.min(slice, config.trials() - first);
                WorkUnit[] scan = new WorkUnit[load.size()];
                for (int i = 0; i < scan.length; i++) {
                    scan[i] = new WorkUnit(load.get(i), first, count, config.steps());
                }
                out.add(scan);
            }
        }
        out.sort(Comparator.comparingDouble((WorkUnit[] u) -> -scanCost(u))
                .thenComparing((WorkUnit[] u) -> u[0].point(), GridPoint.ORDER).thenComparingInt(u -> u[0].first()));
        return out;
    }

    /** Estimated cost of a scan: the sum over its work units. */
    public static double scanCost(WorkUnit[] scan) {
        double cost = 0;
        for (WorkUnit u : scan) {
            cost += u.cost();
        }
        return cost;
    }

    /** The points grouped by load (model, n, neurons, temperature, alpha), loads and their m0 values in grid order. */
    private static List<List<GridPoint>> loads(List<GridPoint> points) {
        List<GridPoint> sorted = new ArrayList<>(points);
        sorted.sort(GridPoint.ORDER);
        List<List<GridPoint>> out = new ArrayList<>();
        for (GridPoint g : sorted) {
            List<GridPoint> last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && sameLoad(last.get(0), g)) {
                last.add(g);
            } else {
                out.add(new ArrayList<>(List.of(g)));
            }
        }
        return out;
    }

    private static boolean sameLoad(GridPoint a, GridPoint b) {
        return a.load().equals(b.load());
    }

    private static double loadCost(List<GridPoint> load, SweepConfig config) {
        return load.stream().mapToDouble(g -> pointCost(g, config)).sum();
    }

    /**
     * One boundary search of the config: its load and the core search (raw loads for a search in alpha).
     *
     * @param load   the load searched
     * @param search the planner
     */
    public record Search(BoundaryLoad load, BoundarySearch search) {
    }

    /**
     * Every boundary search of the config, in {@link BoundaryLoad#ORDER}: one per (model, n, neurons, temperature,
     * alpha) of an n whose m0 is in boundary form, one per (model, n, neurons, temperature) at m0 = 1 of an n whose
     * alpha is.
     */
    public static List<Search> searches(SweepConfig config) {
        List<Search> out = new ArrayList<>();
        for (MemoryModel model : config.model()) {
            for (int n : config.n()) {
                Boundary b = config.writtenAxes(n).boundary();
                if (b == null) {
                    continue;
                }
                SweepConfig.Axes axes = config.axes(model, n);
                BoundarySearch search = b.search(config.statesPerPatternSet(), a -> config.load().toRaw(model, n, a));
                for (int neurons : axes.neurons()) {
                    for (double temperature : config.temperature()) {
                        for (double fixed : b.inM0() ? axes.alpha() : axes.m0()) {
                            out.add(new Search(new BoundaryLoad(model, n, neurons, temperature, b.inM0(), fixed), search));
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparing(Search::load, BoundaryLoad.ORDER));
        return out;
    }

    /**
     * A round's planned runs as Spark tasks: each run cut into slices of whole pattern sets (unit-trials, or about 4
     * slices per core over the round), one work unit per scan.
     */
    public static List<WorkUnit[]> roundScans(List<WorkUnit> runs, SweepConfig config, int cores) {
        int sps = config.statesPerPatternSet();
        long total = runs.stream().mapToLong(WorkUnit::count).sum();
        long slice = config.unitTrials() > 0 ? config.unitTrials() : (total + UNITS_PER_CORE * cores - 1) / (UNITS_PER_CORE * cores);
        slice = Math.max(sps, (slice + sps - 1) / sps * sps);
        List<WorkUnit[]> out = new ArrayList<>();
        for (WorkUnit run : runs) {
            for (int first = run.first(); first < run.first() + run.count(); first += (int) slice) {
                int count = (int) Math.min(slice, run.first() + run.count() - first);
                out.add(new WorkUnit[]{new WorkUnit(run.point(), first, count, run.steps())});
            }
        }
        out.sort(Comparator.comparingDouble((WorkUnit[] u) -> -scanCost(u))
                .thenComparing((WorkUnit[] u) -> u[0].point(), GridPoint.ORDER).thenComparingInt(u -> u[0].first()));
        return out;
    }
}
