package dam.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.CapacityValue;
import dam.jobs.report.ReportTables.Method;

/**
 * The theory's capacity on the ladder of horizons, for one model at one temperature: per n one panel of alpha_c(T)
 * against T (log scale) with its bisection bracket, the fit alpha_c(T) = alpha_inf + a T^-b and the T -&gt; infinity
 * limit with its 95% interval (capacity/'s extrapolated row), the stationary state's alpha_c as a horizontal line
 * (capacity/'s stationary row: no horizon), and below it a panel of the fit's residuals (alpha_c(T) - fit) / se(T), which
 * should scatter within about +-2 if the form describes the data.
 */
final class CapacityLadderFigure {

    private CapacityLadderFigure() {
    }

    /** The file name capacity_ladder.png, the model and temperature added unless dense at 0 ({@link Condition}). */
    static String fileName(Condition condition) {
        return condition.fileName("capacity_ladder");
    }

    /** Whether capacity/ holds a ladder worth drawing at the condition: some n with two or more horizons. */
    static boolean hasLadder(Condition condition, List<CapacityValue> capacities) {
        return capacities.stream().filter(c -> c.condition().equals(condition) && c.method() == Method.LADDER && c.steps() > 0)
                .collect(java.util.stream.Collectors.groupingBy(CapacityValue::n, java.util.stream.Collectors.counting()))
                .values().stream().anyMatch(k -> k >= 2);
    }

    /**
     * The value panel of every n of the condition in the first row and its residual panel below it, loads in the given
     * convention for the condition's model.
     */
    static Panels.Figure figure(Condition condition, List<CapacityValue> capacities, LoadConvention load) {
        List<CapacityValue> here = capacities.stream().filter(c -> c.condition().equals(condition)).toList();
        TreeSet<Integer> ns = new TreeSet<>();
        here.forEach(c -> ns.add(c.n()));
        List<XYChart> values = new ArrayList<>();
        List<XYChart> residuals = new ArrayList<>();
        for (int n : ns) {
            double f = load.fromRaw(condition.model(), n, 1);
            List<CapacityValue> ladder = here.stream()
                    .filter(c -> c.n() == n && c.method() == Method.LADDER && c.steps() > 0 && Double.isFinite(c.alphaC()))
                    .sorted(Comparator.comparingInt(CapacityValue::steps)).map(c -> PhaseDiagramFigure.scaled(c, f)).toList();
            Optional<CapacityValue> limit = here.stream().filter(c -> c.n() == n && c.method() == Method.EXTRAPOLATED)
                    .findFirst().map(c -> PhaseDiagramFigure.scaled(c, f));
            Optional<CapacityValue> stationary = here.stream()
                    .filter(c -> c.n() == n && c.method() == Method.STATIONARY && Double.isFinite(c.alphaC()))
                    .findFirst().map(c -> PhaseDiagramFigure.scaled(c, f));
            values.add(valuePanel(condition, n, ladder, limit, stationary, load));
            residuals.add(residualPanel(n, ladder, limit));
        }
        List<XYChart> all = new ArrayList<>(values);
        all.addAll(residuals);
        return new Panels.Figure("Theory capacity alpha_c(T), " + condition.label()
                + ": horizon ladder, fit alpha_inf + a T^-b, residuals, stationary state (" + Panels.meaning(load,
                condition.model()) + ")", all, values.size());
    }

    private static XYChart valuePanel(Condition condition, int n, List<CapacityValue> ladder, Optional<CapacityValue> limit,
                                      Optional<CapacityValue> stationary, LoadConvention load) {
        XYChart chart = Panels.chart("n = " + n, "horizon T (steps)", load == LoadConvention.RAW ? "alpha_c(T)"
                : "alpha_c(T) x " + (long) LoadConvention.factor(condition.model(), n) + " (normalised)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        if (ladder.isEmpty()) {
            XYSeries s = chart.addSeries("no capacity found", new double[] {1}, new double[] {0});
            s.setMarker(SeriesMarkers.NONE);
            return chart;
        }
        double first = ladder.get(0).steps();
        double last = ladder.get(ladder.size() - 1).steps();
        for (int i = 0; i < ladder.size(); i++) {
            CapacityValue c = ladder.get(i);
            double lo = Double.isFinite(c.se()) ? c.alphaC() - 2 * c.se() : c.lower();
            double hi = Double.isFinite(c.se()) ? c.alphaC() + 2 * c.se() : c.upper();
            XYSeries bar = chart.addSeries("bar " + i, new double[] {c.steps(), c.steps()}, new double[] {lo, hi});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(Panels.colour(0));
            bar.setShowInLegend(false);
        }
        XYSeries points = chart.addSeries("alpha_c(T) +- 2 se",
                ladder.stream().mapToDouble(CapacityValue::steps).toArray(),
                ladder.stream().mapToDouble(CapacityValue::alphaC).toArray());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Panels.colour(0));
        if (limit.isPresent() && Double.isFinite(limit.get().alphaC())) {
            CapacityValue l = limit.get();
            int k = 60;
            double[] x = new double[k + 1];
            double[] y = new double[k + 1];
            for (int i = 0; i <= k; i++) {
                x[i] = first * Math.pow(last * 4 / first, (double) i / k);
                y[i] = l.alphaC() + l.slope() * Math.pow(x[i], -l.exponent());
            }
            XYSeries fit = chart.addSeries(String.format(java.util.Locale.ROOT, "fit: %s + %s T^-%s", Panels.number(l.alphaC()),
                    Panels.number(l.slope()), Panels.number(l.exponent())), x, y);
            fit.setMarker(SeriesMarkers.NONE);
            fit.setLineColor(java.awt.Color.BLACK);
            fit.setLineStyle(Panels.stroke(1.2f, false));
            addLevel(chart, "T -> inf: " + Panels.number(l.alphaC()), l.alphaC(), first, last * 4, false);
            if (Double.isFinite(l.lower())) {
                addLevel(chart, "95%: " + Panels.number(l.lower()) + " .. "
                        + (Double.isFinite(l.upper()) ? Panels.number(l.upper()) : "unbounded"), l.lower(), first, last * 4, true);
            }
            if (Double.isFinite(l.upper())) {
                XYSeries s = addLevel(chart, "upper", l.upper(), first, last * 4, true);
                s.setShowInLegend(false);
            }
        }
        if (stationary.isPresent()) {
            // The long-time limit solved directly: no horizon, so a level across the ladder.
            XYSeries s = addLevel(chart, "stationary state: " + Panels.number(stationary.get().alphaC()),
                    stationary.get().alphaC(), first, last * 4, false);
            s.setLineColor(Panels.colour(2));
            s.setLineStyle(new java.awt.BasicStroke(1.8f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND,
                    10f, new float[] {8f, 3f, 2f, 3f, 2f, 3f}, 0f));
        }
        return chart;
    }

    private static XYSeries addLevel(XYChart chart, String name, double y, double from, double to, boolean dashed) {
        XYSeries s = chart.addSeries(name, new double[] {from, to}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(java.awt.Color.DARK_GRAY);
        s.setLineStyle(Panels.stroke(1.2f, dashed));
        return s;
    }

    private static XYChart residualPanel(int n, List<CapacityValue> ladder, Optional<CapacityValue> limit) {
        XYChart chart = Panels.chart("n = " + n + ": residuals of the fit", "horizon T (steps)", "(alpha_c(T) - fit) / se");
        chart.getStyler().setXAxisLogarithmic(true);
        List<CapacityValue> usable = ladder.stream().filter(c -> Double.isFinite(c.se()) && c.se() > 0).toList();
        if (limit.isEmpty() || !Double.isFinite(limit.get().alphaC()) || usable.isEmpty()) {
            XYSeries s = chart.addSeries("no fit (fewer than 4 horizons)", new double[] {1}, new double[] {0});
            s.setMarker(SeriesMarkers.NONE);
            return chart;
        }
        CapacityValue l = limit.get();
        double[] x = usable.stream().mapToDouble(CapacityValue::steps).toArray();
        double[] r = usable.stream()
                .mapToDouble(c -> (c.alphaC() - l.alphaC() - l.slope() * Math.pow(c.steps(), -l.exponent())) / c.se()).toArray();
        XYSeries s = chart.addSeries("residual", x, r);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Panels.colour(1));
        for (double level : new double[] {-2, 0, 2}) {
            XYSeries z = addLevel(chart, level == 0 ? "0, +-2" : "level " + level, level, x[0], x[x.length - 1], level != 0);
            z.setShowInLegend(level == 0);
        }
        return chart;
    }
}
