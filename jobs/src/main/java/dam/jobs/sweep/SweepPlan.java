package dam.jobs.sweep;

import dam.core.model.Model;
import dam.jobs.config.SweepConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands a sweep config into grid points, splits them into work units and groups them into batches.
 * Nothing here affects a number in the tables: every trial is seeded by (seed, grid point, trial index).
 */
public final class SweepPlan {

    /** Automatic unit size: aim at this many units per Spark core over the whole batch. */
    private static final int UNITS_PER_CORE = 4;
    /** Automatic batch size: aim at this many committed batches per sweep. */
    private static final int BATCHES = 8;

    private SweepPlan() {
    }

    /** Every grid point (n, neurons, alpha, m0) of the config, each n with its own axes, in grid order. */
    public static List<GridPoint> points(SweepConfig config) {
        List<GridPoint> out = new ArrayList<>();
        for (int n : config.n()) {
            SweepConfig.Axes axes = config.axes(n);
            for (int neurons : axes.neurons()) {
                for (double alpha : axes.alpha()) {
                    int p = Model.patternCount(n, neurons, alpha);
                    for (double m0 : axes.m0()) {
                        out.add(new GridPoint(n, neurons, alpha, m0, p));
                    }
                }
            }
        }
        out.sort(GridPoint.ORDER);
        return out;
    }

    /** Estimated cost of all trials of one point (only those the runner simulates: one per set where states coincide). */
    public static double pointCost(GridPoint point, SweepConfig config) {
        return TrialSettings.of(config).simulatedTrials(point).length * point.trialCost(config.steps());
    }

    /**
     * Groups points into batches, the unit of commit and resume: dearest points first, each batch
     * at most batchPoints points (config value, or about 1/8 of the grid when 0).
     */
    public static List<List<GridPoint>> batches(List<GridPoint> points, SweepConfig config) {
        List<GridPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble((GridPoint g) -> -pointCost(g, config)).thenComparing(GridPoint.ORDER));
        int size = config.batchPoints() > 0 ? config.batchPoints() : Math.max(1, (sorted.size() + BATCHES - 1) / BATCHES);
        List<List<GridPoint>> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += size) {
            out.add(List.copyOf(sorted.subList(i, Math.min(sorted.size(), i + size))));
        }
        return out;
    }

    /**
     * Splits points into work units of whole pattern sets, dearest first. A point is split into
     * slices of at most unit-trials trials, or (when 0) so that the batch makes about 4 units per core.
     */
    public static List<WorkUnit> units(List<GridPoint> points, SweepConfig config, int cores) {
        int sps = config.statesPerPatternSet();
        double total = 0;
        for (GridPoint g : points) {
            total += pointCost(g, config);
        }
        double target = total / Math.max(1, UNITS_PER_CORE * cores);
        List<WorkUnit> out = new ArrayList<>();
        for (GridPoint g : points) {
            int slice;
            if (config.unitTrials() > 0) {
                slice = config.unitTrials();
            } else {
                int pieces = (int) Math.max(1, Math.min(config.trials(), Math.ceil(pointCost(g, config) / target)));
                slice = (config.trials() + pieces - 1) / pieces;
            }
            slice = Math.max(sps, (slice + sps - 1) / sps * sps); // whole pattern sets
            for (int first = 0; first < config.trials(); first += slice) {
                out.add(new WorkUnit(g, first, Math.min(slice, config.trials() - first), config.steps()));
            }
        }
        out.sort(Comparator.comparingDouble((WorkUnit u) -> -u.cost())
                .thenComparing(WorkUnit::point, GridPoint.ORDER).thenComparingInt(WorkUnit::first));
        return out;
    }
}
