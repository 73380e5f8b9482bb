package dam.jobs.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.TransientPoint;

/**
 * Transient retrieval at order n: the largest overlap max_t m(t) against m0, one panel per model and temperature (the
 * models side by side), one colour per load in the config's convention (so that a normalised load keeps its colour in
 * both models' panels): the simulation's mean over trials at the largest network size with its 95% interval clustered
 * on pattern sets (grid/ max_m_mean, max_m_lo, max_m_hi) as markers, the theory's peak as a line. The grey diagonal is
 * max_t m(t) = m0: a point on it never rose above its start; above it the pattern was approached, at least for a while,
 * whether or not it was retrieved at the end.
 */
final class TransientFigure {

    private TransientFigure() {
    }

    /** The file name transient_n{n}.png. */
    static String fileName(int n) {
        return "transient_n" + n + ".png";
    }

    /** The figure of order n. */
    static Panels.Figure figure(int n, List<TransientPoint> points, LoadConvention load) {
        List<TransientPoint> here = points.stream().filter(p -> p.n() == n).toList();
        TreeSet<Condition> conditions = new TreeSet<>();
        here.forEach(p -> conditions.add(p.condition()));
        // One colour per load as the convention writes it, across the panels.
        TreeSet<String> loads = new TreeSet<>(Comparator.comparingDouble(Double::parseDouble));
        here.forEach(p -> loads.add(Panels.number(load.fromRaw(p.model(), n, p.alpha()))));
        List<String> loadOrder = new ArrayList<>(loads);
        List<XYChart> panels = new ArrayList<>();
        for (Condition condition : conditions) {
            panels.add(panel(condition, n, here.stream().filter(p -> p.condition().equals(condition)).toList(), loadOrder,
                    load));
        }
        long models = conditions.stream().map(Condition::model).distinct().count();
        return new Panels.Figure("Transient retrieval, n = " + n + ": the largest overlap max_t m(t) against m0, simulation "
                + "mean with 95% interval (markers), theory (lines) (" + load.meaning() + ")", panels, (int) models);
    }

    private static XYChart panel(Condition condition, int n, List<TransientPoint> points, List<String> loadOrder,
                                 LoadConvention load) {
        int neurons = points.stream().mapToInt(TransientPoint::neurons).max().orElse(0);
        XYChart chart = Panels.chart(condition.label() + ": simulation at N = " + neurons, "initial overlap m0",
                "largest overlap max_t m(t)", Panels.PANEL_WIDTH + 200, Panels.PANEL_HEIGHT + 40);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        double low = points.stream().mapToDouble(TransientPoint::m0).min().orElse(0);
        double high = points.stream().mapToDouble(TransientPoint::m0).max().orElse(1);
        Panels.line(chart, "no rise: max_t m(t) = m0", new double[] {low, high}, new double[] {low, high},
                Color.LIGHT_GRAY, Panels.stroke(1.2f, true));
        Map<Double, List<TransientPoint>> byAlpha = new TreeMap<>();
        points.forEach(p -> byAlpha.computeIfAbsent(p.alpha(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<Double, List<TransientPoint>> e : byAlpha.entrySet()) {
            String written = Panels.load(load, condition.model(), n, e.getKey());
            Color colour = Panels.colour(loadOrder.indexOf(Panels.number(load.fromRaw(condition.model(), n, e.getKey()))));
            List<TransientPoint> curve = e.getValue().stream().sorted(Comparator.comparingDouble(TransientPoint::m0)).toList();
            List<TransientPoint> simulated = curve.stream().filter(p -> Double.isFinite(p.maxM())).toList();
            for (int i = 0; i < simulated.size(); i++) {
                TransientPoint p = simulated.get(i);
                // drawn within the overlap's range [-1, 1]: with few pattern sets mean +- t se reaches beyond it
                Panels.bar(chart, written + " interval " + i, p.m0(), Math.max(-1, p.lower()), Math.min(1, p.upper()),
                        colour);
            }
            if (!simulated.isEmpty()) {
                Panels.points(chart, written + " (simulation)", simulated.stream().mapToDouble(TransientPoint::m0).toArray(),
                        simulated.stream().mapToDouble(TransientPoint::maxM).toArray(), Panels.marker(0), colour);
            }
            List<TransientPoint> theory = curve.stream().filter(p -> Double.isFinite(p.theoryMaxM())).toList();
            if (!theory.isEmpty()) {
                Panels.line(chart, written + " (theory)", theory.stream().mapToDouble(TransientPoint::m0).toArray(),
                        theory.stream().mapToDouble(TransientPoint::theoryMaxM).toArray(), colour, Panels.stroke(2.2f, false));
            }
        }
        return chart;
    }
}
