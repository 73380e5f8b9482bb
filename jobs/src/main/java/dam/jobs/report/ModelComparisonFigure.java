package dam.jobs.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;

import dam.core.model.MemoryModel;
import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.BoundaryPoint;
import dam.jobs.report.ReportTables.CapacityValue;
import dam.jobs.report.ReportTables.Method;

/**
 * Both models' phase diagrams at order n overlaid, one panel per temperature, each model in its colour: the theory's
 * basin boundary m0_c(alpha) at the largest horizon T (solid) and extrapolated to T -&gt; infinity (dashed), the
 * simulated boundaries per N with their 95% intervals (basins/; one marker shape per N), and the theory's alpha_c at
 * the largest T (dashed vertical) and at T -&gt; infinity (dash-dotted). Loads in the config's convention: normalised,
 * each model's alpha P(1), so that the models are compared at equal first-step noise.
 */
final class ModelComparisonFigure {

    private ModelComparisonFigure() {
    }

    /** The file name models_n{n}.png. */
    static String fileName(int n) {
        return "models_n" + n + ".png";
    }

    /** The orders n at which the boundary points or capacities hold more than one model. */
    static Set<Integer> orders(List<BoundaryPoint> points, List<CapacityValue> capacities) {
        Map<Integer, Set<MemoryModel>> models = new TreeMap<>();
        points.forEach(p -> models.computeIfAbsent(p.n(), k -> new TreeSet<>()).add(p.model()));
        capacities.forEach(c -> models.computeIfAbsent(c.n(), k -> new TreeSet<>()).add(c.model()));
        Set<Integer> ns = new TreeSet<>();
        models.forEach((n, m) -> {
            if (m.size() > 1) {
                ns.add(n);
            }
        });
        return ns;
    }

    /** The figure of order n: a panel per temperature of its points and capacities. */
    static Panels.Figure figure(int n, List<BoundaryPoint> points, List<CapacityValue> capacities, LoadConvention load) {
        TreeSet<Double> temperatures = new TreeSet<>();
        points.stream().filter(p -> p.n() == n).forEach(p -> temperatures.add(p.temperature()));
        capacities.stream().filter(c -> c.n() == n).forEach(c -> temperatures.add(c.temperature()));
        List<XYChart> panels = new ArrayList<>();
        for (double temperature : temperatures) {
            panels.add(panel(n, temperature, points, capacities, load));
        }
        return new Panels.Figure("Both models, n = " + n + ": m0_c(alpha), theory at the largest T (solid) and T -> inf "
                + "(dashed), simulation with 95% intervals (" + load.meaning() + ")", panels, 2);
    }

    private static XYChart panel(int n, double temperature, List<BoundaryPoint> points, List<CapacityValue> capacities,
                                 LoadConvention load) {
        XYChart chart = Panels.chart("temperature " + Panels.number(temperature), load.axisTitle(n), "initial overlap m0",
                Panels.PANEL_WIDTH + 200, Panels.PANEL_HEIGHT + 60);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        // The points of this panel with their loads in the convention of their model.
        List<BoundaryPoint> here = new ArrayList<>();
        for (MemoryModel model : MemoryModel.values()) {
            here.addAll(PhaseDiagramFigure.scaled(points.stream().filter(p -> p.model() == model && p.n() == n
                    && p.temperature() == temperature).toList(), load.fromRaw(model, n, 1)));
        }
        double maxAlpha = here.stream().mapToDouble(BoundaryPoint::alpha).max().orElse(0);
        List<List<Object>> sizes = new ArrayList<>(); // (model, neurons) in drawing order, for the sideways shift
        here.stream().filter(p -> p.source().equals("simulation") && p.neurons() != null && Double.isFinite(p.m0c()))
                .map(p -> List.<Object>of(p.model(), p.neurons())).distinct()
                .sorted(Comparator.comparing((List<Object> k) -> (MemoryModel) k.get(0)).thenComparing(k -> (Integer) k.get(1)))
                .forEach(sizes::add);
        for (MemoryModel model : MemoryModel.values()) {
            List<BoundaryPoint> mine = here.stream().filter(p -> p.model() == model).toList();
            addTheory(chart, model, mine);
            addSimulation(chart, model, mine, sizes, maxAlpha);
            addCapacities(chart, model, n, temperature, capacities, load);
        }
        Panels.keepIfEmpty(chart, "no boundary found");
        return chart;
    }

    private static void addTheory(XYChart chart, MemoryModel model, List<BoundaryPoint> points) {
        List<BoundaryPoint> theory = points.stream().filter(p -> p.source().equals("theory") && Double.isFinite(p.m0c()))
                .sorted(Comparator.comparingDouble(BoundaryPoint::alpha)).toList();
        int largest = theory.stream().filter(p -> !p.extrapolated()).mapToInt(BoundaryPoint::steps).max().orElse(-1);
        List<BoundaryPoint> line = theory.stream().filter(p -> !p.extrapolated() && p.steps() == largest).toList();
        List<BoundaryPoint> limit = theory.stream().filter(BoundaryPoint::extrapolated).toList();
        Color colour = Panels.colour(model);
        if (!line.isEmpty()) {
            Panels.line(chart, model.key() + " theory" + (largest > 0 ? ", T = " + largest : ""), PhaseDiagramFigure.alphas(line), PhaseDiagramFigure.m0cs(line),
                    colour, Panels.stroke(2.5f, false));
        }
        if (!limit.isEmpty()) {
            Panels.line(chart, model.key() + " theory, T -> inf", PhaseDiagramFigure.alphas(limit), PhaseDiagramFigure.m0cs(limit), colour,
                    Panels.stroke(1.8f, true));
        }
    }

    private static void addSimulation(XYChart chart, MemoryModel model, List<BoundaryPoint> points, List<List<Object>> sizes,
                                      double maxAlpha) {
        Map<Integer, List<BoundaryPoint>> bySize = new TreeMap<>();
        points.stream().filter(p -> p.source().equals("simulation") && p.neurons() != null && Double.isFinite(p.m0c()))
                .forEach(p -> bySize.computeIfAbsent(p.neurons(), k -> new ArrayList<>()).add(p));
        // Two models (and several N) at one load would hide each other: each (model, N) shifted slightly sideways.
        double dodge = sizes.size() > 1 ? 0.006 * maxAlpha : 0;
        Color colour = Panels.colour(model);
        int shape = 0;
        for (Map.Entry<Integer, List<BoundaryPoint>> e : bySize.entrySet()) {
            int k = sizes.indexOf(List.of(model, e.getKey()));
            double shift = dodge * (k - (sizes.size() - 1) / 2.0);
            List<BoundaryPoint> list = e.getValue().stream().sorted(Comparator.comparingDouble(BoundaryPoint::alpha)).toList();
            double[] x = list.stream().mapToDouble(p -> p.alpha() + shift).toArray();
            for (int i = 0; i < x.length; i++) {
                Panels.bar(chart, model.key() + " N = " + e.getKey() + " interval " + i, x[i], list.get(i).lower(),
                        list.get(i).upper(), colour);
            }
            Panels.points(chart, model.key() + " simulation, N = " + e.getKey(), x, PhaseDiagramFigure.m0cs(list), Panels.marker(shape++), colour);
        }
    }

    /** alpha_c of the model at the largest horizon (dashed) and at T -&gt; infinity (dash-dotted), in the model's colour. */
    private static void addCapacities(XYChart chart, MemoryModel model, int n, double temperature,
                                      List<CapacityValue> capacities, LoadConvention load) {
        List<CapacityValue> mine = capacities.stream().filter(c -> c.model() == model && c.n() == n
                && c.temperature() == temperature && Double.isFinite(c.alphaC())).toList();
        int largest = mine.stream().filter(c -> c.method() == Method.LADDER).mapToInt(CapacityValue::steps).max().orElse(-1);
        double f = load.fromRaw(model, n, 1);
        for (CapacityValue c : mine) {
            boolean ladder = c.method() == Method.LADDER && c.steps() == largest;
            if (!ladder && c.method() != Method.EXTRAPOLATED) {
                continue;
            }
            double x = c.alphaC() * f;
            Panels.line(chart, model.key() + " " + load.capacitySymbol(model) + " = " + Panels.number(x)
                            + (ladder ? " (theory, T = " + c.steps() + ")" : " (theory, T -> inf)"),
                    new double[] {x, x}, new double[] {0, 1}, Panels.colour(model),
                    ladder ? Panels.stroke(1.2f, true) : Panels.dashDot(1.2f, 1));
        }
    }
}
