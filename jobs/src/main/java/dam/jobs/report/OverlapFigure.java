package dam.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.TheoryCurve;
import dam.jobs.report.ReportTables.TrialCurve;

/**
 * Figure 1 of one (model, n, neurons, temperature): a panel per alpha with m(t) of every shown trial as light lines
 * coloured by m0 and the theory's m(t) at the same model, temperature and m0 as thick lines over them.
 */
final class OverlapFigure {

    private OverlapFigure() {
    }

    /** The file name figure1_n{n}_N{neurons}.png, the model and temperature added unless dense at 0 ({@link Condition}). */
    static String fileName(Condition condition, int n, int neurons) {
        return condition.fileName("figure1_n" + n + "_N" + neurons);
    }

    /**
     * The figure of (condition, n, neurons) from its trials and the theory curves of the condition and n, loads written
     * in the given convention.
     */
    static Panels.Figure figure(Condition condition, int n, int neurons, List<TrialCurve> trials, List<TheoryCurve> theory,
                                LoadConvention load) {
        Map<Double, List<TrialCurve>> byAlpha = new TreeMap<>();
        TreeSet<Double> m0s = new TreeSet<>();
        for (TrialCurve c : trials) {
            if (c.condition().equals(condition) && c.n() == n && c.neurons() == neurons) {
                byAlpha.computeIfAbsent(c.alpha(), a -> new ArrayList<>()).add(c);
                m0s.add(c.m0());
            }
        }
        List<Double> m0Order = new ArrayList<>(m0s);
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<Double, List<TrialCurve>> entry : byAlpha.entrySet()) {
            panels.add(panel(condition, n, entry.getKey(), entry.getValue(), theory, m0Order, load));
        }
        String title = "m(t), " + condition.label() + ", n = " + n + ", N = " + neurons
                + ": trials light, theory thick; one panel per load (" + Panels.meaning(load, condition.model()) + ")";
        // Four panels (the seed paper's Figure 1) read best as 2 x 2; otherwise rows of three.
        return new Panels.Figure(title, panels, panels.size() == 4 ? 2 : 3);
    }

    private static XYChart panel(Condition condition, int n, double alpha, List<TrialCurve> trials, List<TheoryCurve> theory,
                                 List<Double> m0Order, LoadConvention load) {
        long p = trials.get(0).p();
        XYChart chart = Panels.chart(Panels.load(load, condition.model(), n, alpha) + " (p = " + p + ")",
                "t (parallel steps)", "overlap m(t)", Panels.PANEL_WIDTH + 100, Panels.PANEL_HEIGHT);
        chart.getStyler().setYAxisMax(1.0);
        // Beside the plot, so that it hides neither the retrieved curves (top) nor the failed ones (bottom).
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double yMin = 0;
        boolean[] inLegend = new boolean[m0Order.size()];
        for (TrialCurve c : trials) {
            int colour = m0Order.indexOf(c.m0());
            XYSeries s = chart.addSeries("m0 = " + Panels.number(c.m0()) + " trial " + c.trial(), steps(c.m().length), c.m());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Panels.translucent(Panels.colour(colour), 70));
            s.setLineStyle(Panels.stroke(1f, false));
            s.setShowInLegend(false);
            yMin = Math.min(yMin, min(c.m()));
        }
        List<TheoryCurve> byM0 = new ArrayList<>(theory);
        byM0.sort(java.util.Comparator.comparingDouble(TheoryCurve::m0)); // legend in m0 order
        for (TheoryCurve c : byM0) {
            int colour = m0Order.indexOf(c.m0());
            if (!c.condition().equals(condition) || c.n() != n || c.alpha() != alpha || colour < 0) {
                continue;
            }
            XYSeries s = chart.addSeries("m0 = " + Panels.number(c.m0()), steps(c.m().length), c.m());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Panels.colour(colour));
            s.setLineStyle(Panels.stroke(3.5f, false));
            inLegend[colour] = true;
            yMin = Math.min(yMin, min(c.m()));
        }
        // m0 values without a theory curve still get a legend entry, from one of their trials.
        for (int i = 0; i < inLegend.length; i++) {
            if (!inLegend[i]) {
                String first = firstTrialSeries(trials, m0Order.get(i));
                if (first != null) {
                    XYSeries s = chart.getSeriesMap().get(first);
                    s.setShowInLegend(true);
                    s.setLabel("m0 = " + Panels.number(m0Order.get(i)) + " (trials)");
                }
            }
        }
        chart.getStyler().setYAxisMin(Math.floor(yMin * 10) / 10);
        return chart;
    }

    private static String firstTrialSeries(List<TrialCurve> trials, double m0) {
        for (TrialCurve c : trials) {
            if (c.m0() == m0) {
                return "m0 = " + Panels.number(c.m0()) + " trial " + c.trial();
            }
        }
        return null;
    }

    private static double[] steps(int length) {
        double[] t = new double[length];
        for (int i = 0; i < length; i++) {
            t[i] = i;
        }
        return t;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }
}
