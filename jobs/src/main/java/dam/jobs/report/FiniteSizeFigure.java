package dam.jobs.report;

import dam.core.model.MemoryModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.FiniteSizePoint;

/**
 * Finite-size scaling: one panel per fitted boundary (m0_c at a load, or alpha_c), the simulated estimates against
 * N^-1/2 with their 95% intervals, the weighted fit y_inf + a N^-1/2 as a line down to N = infinity (x = 0), the
 * extrapolated limit with its interval (diamond) and the theory's value at the same load and step limit (cross).
 * The distance of each point from the line is its residual; chi2/dof is in the panel title.
 */
final class FiniteSizeFigure {

    private FiniteSizeFigure() {
    }

    /** The file name finite_size.png, the model and temperature added unless dense at 0 ({@link Condition}). */
    static String fileName(Condition condition) {
        return condition.fileName("finite_size");
    }

    /** Whether any row of the condition has a fit to draw. */
    static boolean hasFits(Condition condition, List<FiniteSizePoint> points) {
        return points.stream().anyMatch(p -> p.condition().equals(condition) && Double.isFinite(p.limit()));
    }

    /**
     * One panel per fitted row of the condition (n, then alpha_c after the m0_c loads), loads (a panel's load, and the
     * values of an alpha_c panel) written in the given convention for the condition's model.
     */
    static Panels.Figure figure(Condition condition, List<FiniteSizePoint> points, LoadConvention load) {
        List<FiniteSizePoint> fitted = new ArrayList<>(points.stream()
                .filter(p -> p.condition().equals(condition) && Double.isFinite(p.limit())).toList());
        fitted.sort(Comparator.comparingInt(FiniteSizePoint::n).thenComparing(FiniteSizePoint::quantity, Comparator.reverseOrder())
                .thenComparingDouble(FiniteSizePoint::alpha));
        List<XYChart> panels = new ArrayList<>();
        for (FiniteSizePoint p : fitted) {
            panels.add(panel(p, load));
        }
        return new Panels.Figure("Finite-size scaling, " + condition.label() + ": simulation at N against N^-1/2, weighted "
                + "fit y_inf + a N^-1/2, N -> infinity (diamond) and theory (cross); " + Panels.meaning(load, condition.model()),
                panels, 3);
    }

    private static XYChart panel(FiniteSizePoint raw, LoadConvention load) {
        boolean m0c = raw.quantity().equals("m0c");
        MemoryModel model = raw.model();
        String title = String.format(Locale.ROOT, "n = %d: %s, chi2/dof = %.1f/%d", raw.n(), m0c
                ? "m0_c at " + Panels.load(load, model, raw.n(), raw.alpha()) : load.capacitySymbol(model) + " (from m0 = 1)",
                raw.chi2(), raw.dof());
        XYChart chart = Panels.chart(title, "N^-1/2", m0c ? "basin boundary m0_c" : load == LoadConvention.RAW
                        ? "capacity alpha_c" : "capacity " + load.capacitySymbol(model) + " = "
                        + (long) LoadConvention.factor(model, raw.n()) + " alpha_c (normalised)",
                Panels.PANEL_WIDTH, Panels.PANEL_HEIGHT + 90);
        FiniteSizePoint p = PhaseDiagramFigure.scaled(raw, load.fromRaw(model, raw.n(), 1));
        chart.getStyler().setXAxisMin(0.0);
        // Below the plot: inside, the legend would cover points or the limit at x = 0.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        double xMax = 0;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < p.neurons().length; i++) {
            if (!Double.isFinite(p.estimates()[i])) {
                continue;
            }
            double x = 1 / Math.sqrt(p.neurons()[i]);
            xMax = Math.max(xMax, x);
            xs.add(x);
            ys.add(p.estimates()[i]);
            Panels.bar(chart, "N = " + p.neurons()[i] + " interval", x, p.lower()[i], p.upper()[i], Panels.colour(0));
        }
        XYSeries sim = chart.addSeries("simulation, N = " + sizes(p), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        sim.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sim.setMarker(SeriesMarkers.CIRCLE);
        sim.setMarkerColor(Panels.colour(0));
        double[] lineX = new double[21];
        double[] lineY = new double[21];
        for (int k = 0; k < lineX.length; k++) {
            lineX[k] = 1.05 * xMax * k / (lineX.length - 1);
            lineY[k] = p.limit() + p.slope() * lineX[k];
        }
        XYSeries line = chart.addSeries("fit y_inf + a N^-1/2", lineX, lineY);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Panels.colour(0));
        line.setLineStyle(Panels.stroke(1.5f, true));
        Panels.bar(chart, "limit interval", 0, p.limitLower(), p.limitUpper(), java.awt.Color.BLACK);
        XYSeries limit = chart.addSeries(String.format(Locale.ROOT, "N -> inf: %.3f (%.3f, %.3f)", p.limit(),
                p.limitLower(), p.limitUpper()), new double[] {0}, new double[] {p.limit()});
        limit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        limit.setMarker(SeriesMarkers.DIAMOND);
        limit.setMarkerColor(java.awt.Color.BLACK);
        if (Double.isFinite(p.theory())) {
            XYSeries theory = chart.addSeries(String.format(Locale.ROOT, "theory: %.3f", p.theory()), new double[] {0},
                    new double[] {p.theory()});
            theory.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            theory.setMarker(SeriesMarkers.CROSS);
            theory.setMarkerColor(Panels.colour(3));
        }
        return chart;
    }

    private static String sizes(FiniteSizePoint p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.neurons().length; i++) {
            if (Double.isFinite(p.estimates()[i])) {
                b.append(b.length() == 0 ? "" : ", ").append(p.neurons()[i]);
            }
        }
        return b.toString();
    }
}
