package dam.jobs.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dam.core.model.MemoryModel;
import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.BoundaryPoint;
import dam.jobs.report.ReportTables.CriticalTemperature;
import dam.jobs.report.ReportTables.Method;

/**
 * The temperature axis at order n. First panel: the retrieval region in the (alpha, temperature) plane, bounded by
 * the critical temperature temperature_c(alpha) of each model (critical_temperature/: the largest horizon T of the
 * ladder solid, its T -&gt; infinity limit dashed, the stationary state's dotted), in the model's colour; retrieval from
 * m0 = 1 below the line. Then per model a panel of the basin boundary m0_c(alpha) at each temperature of the config
 * (phase_diagram/ rows of that temperature: theory at the largest T solid and at T -&gt; infinity dashed, simulation at
 * the largest N with its 95% intervals), one colour per temperature. Loads in the config's convention.
 */
final class TemperatureFigure {

    private TemperatureFigure() {
    }

    /** The file name temperature_n{n}.png. */
    static String fileName(int n) {
        return "temperature_n" + n + ".png";
    }

    /** The figure of order n from its critical temperatures and boundary points. */
    static Panels.Figure figure(int n, List<CriticalTemperature> critical, List<BoundaryPoint> points, LoadConvention load) {
        List<XYChart> panels = new ArrayList<>();
        panels.add(criticalPanel(n, critical.stream().filter(c -> c.n() == n).toList(), load));
        for (MemoryModel model : MemoryModel.values()) {
            List<BoundaryPoint> mine = points.stream().filter(p -> p.model() == model && p.n() == n).toList();
            if (!mine.isEmpty()) {
                panels.add(boundaryPanel(model, n, PhaseDiagramFigure.scaled(mine, load.fromRaw(model, n, 1)), load));
            }
        }
        return new Panels.Figure("Temperature, n = " + n + ": retrieval from m0 = 1 below temperature_c(alpha), and "
                + "m0_c(alpha) at each temperature (" + load.meaning() + ")", panels, 3);
    }

    private static XYChart criticalPanel(int n, List<CriticalTemperature> critical, LoadConvention load) {
        XYChart chart = Panels.chart("critical temperature temperature_c(alpha)", load.axisTitle(n), "temperature",
                Panels.PANEL_WIDTH + 120, Panels.PANEL_HEIGHT + 60);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (MemoryModel model : MemoryModel.values()) {
            List<CriticalTemperature> mine = critical.stream().filter(c -> c.model() == model && Double.isFinite(c.temperatureC()))
                    .sorted(Comparator.comparingDouble(CriticalTemperature::alpha)).toList();
            int largest = mine.stream().filter(c -> c.method() == Method.LADDER).mapToInt(CriticalTemperature::steps)
                    .max().orElse(-1);
            double f = load.fromRaw(model, n, 1);
            Color colour = Panels.colour(model);
            List<CriticalTemperature> ladder = mine.stream()
                    .filter(c -> c.method() == Method.LADDER && c.steps() == largest).toList();
            if (!ladder.isEmpty()) {
                for (int i = 0; i < ladder.size(); i++) {
                    CriticalTemperature c = ladder.get(i);
                    Panels.bar(chart, model.key() + " bracket " + i, c.alpha() * f, c.lower(), c.upper(), colour);
                }
                XYSeries line = Panels.line(chart, model.key() + " theory, T = " + largest, loads(ladder, f),
                        temperatures(ladder), colour, Panels.stroke(2.2f, false));
                // markers too: a model that retrieves at one load only still shows its point
                line.setMarker(Panels.marker(0));
                line.setMarkerColor(colour);
            }
            List<CriticalTemperature> limit = mine.stream().filter(c -> c.method() == Method.EXTRAPOLATED).toList();
            if (!limit.isEmpty()) {
                Panels.line(chart, model.key() + " theory, T -> inf", loads(limit, f), temperatures(limit), colour,
                        Panels.stroke(1.8f, true));
            }
            List<CriticalTemperature> stationary = mine.stream().filter(c -> c.method() == Method.STATIONARY).toList();
            if (!stationary.isEmpty()) {
                Panels.line(chart, model.key() + " stationary state", loads(stationary, f), temperatures(stationary), colour,
                        Panels.dashDot(1.5f, 2));
            }
        }
        Panels.keepIfEmpty(chart, "no critical temperature found");
        return chart;
    }

    private static XYChart boundaryPanel(MemoryModel model, int n, List<BoundaryPoint> points, LoadConvention load) {
        int neurons = points.stream().filter(p -> p.neurons() != null).mapToInt(BoundaryPoint::neurons).max().orElse(0);
        XYChart chart = Panels.chart(model.key() + ": m0_c(alpha) at each temperature"
                        + (neurons > 0 ? " (simulation N = " + neurons + ")" : ""), load.axisTitle(model, n),
                "initial overlap m0", Panels.PANEL_WIDTH + 120, Panels.PANEL_HEIGHT + 60);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Map<Double, List<BoundaryPoint>> byTemperature = new TreeMap<>();
        points.stream().filter(p -> Double.isFinite(p.m0c()))
                .forEach(p -> byTemperature.computeIfAbsent(p.temperature(), k -> new ArrayList<>()).add(p));
        int colour = 0;
        for (Map.Entry<Double, List<BoundaryPoint>> e : byTemperature.entrySet()) {
            String label = "temperature " + Panels.number(e.getKey());
            Color c = Panels.colour(colour++);
            List<BoundaryPoint> theory = e.getValue().stream().filter(p -> p.source().equals("theory"))
                    .sorted(Comparator.comparingDouble(BoundaryPoint::alpha)).toList();
            int largest = theory.stream().filter(p -> !p.extrapolated()).mapToInt(BoundaryPoint::steps).max().orElse(-1);
            List<BoundaryPoint> line = theory.stream().filter(p -> !p.extrapolated() && p.steps() == largest).toList();
            if (!line.isEmpty()) {
                Panels.line(chart, label + ", theory" + (largest > 0 ? " T = " + largest : ""), PhaseDiagramFigure.alphas(line), PhaseDiagramFigure.m0cs(line), c,
                        Panels.stroke(2.2f, false));
            }
            List<BoundaryPoint> limit = theory.stream().filter(BoundaryPoint::extrapolated).toList();
            if (!limit.isEmpty()) {
                Panels.line(chart, label + ", theory T -> inf", PhaseDiagramFigure.alphas(limit), PhaseDiagramFigure.m0cs(limit), c, Panels.stroke(1.5f, true));
            }
            List<BoundaryPoint> simulated = e.getValue().stream()
                    .filter(p -> p.source().equals("simulation") && p.neurons() != null && p.neurons() == neurons)
                    .sorted(Comparator.comparingDouble(BoundaryPoint::alpha)).toList();
            for (int i = 0; i < simulated.size(); i++) {
                BoundaryPoint p = simulated.get(i);
                Panels.bar(chart, label + " interval " + i, p.alpha(), p.lower(), p.upper(), c);
            }
            if (!simulated.isEmpty()) {
                Panels.points(chart, label + ", simulation", PhaseDiagramFigure.alphas(simulated), PhaseDiagramFigure.m0cs(simulated), Panels.marker(0), c);
            }
        }
        Panels.keepIfEmpty(chart, "no boundary found");
        return chart;
    }

    private static double[] loads(List<CriticalTemperature> rows, double f) {
        return rows.stream().mapToDouble(c -> c.alpha() * f).toArray();
    }

    private static double[] temperatures(List<CriticalTemperature> rows) {
        return rows.stream().mapToDouble(CriticalTemperature::temperatureC).toArray();
    }
}
