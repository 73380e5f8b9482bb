package dam.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.ConvergencePoint;
import dam.jobs.report.ReportTables.TheoryCurve;

/**
 * Convergence time against m0 for one (model, n, neurons, temperature): per alpha, the simulation mean over converged
 * trials with standard-error bars clustered on pattern sets (markers) and the theory's convergence time (dashed line,
 * same colour). At temperature 0 a trial converges at its first step without flips (a fixed point); above 0 flips never
 * stop, and its convergence time is the settling time of the overlap (docs/tables.md).
 */
final class ConvergenceTimeFigure {

    private ConvergenceTimeFigure() {
    }

    /** The file name convergence_time_n{n}_N{neurons}.png, the model and temperature added unless dense at 0. */
    static String fileName(Condition condition, int n, int neurons) {
        return condition.fileName("convergence_time_n" + n + "_N" + neurons);
    }

    /** The figure of (condition, n, neurons), loads written in the given convention. */
    static Panels.Figure figure(Condition condition, int n, int neurons, List<ConvergencePoint> points,
                                List<TheoryCurve> theory, LoadConvention load) {
        Map<Double, List<ConvergencePoint>> byAlpha = new TreeMap<>();
        for (ConvergencePoint c : points) {
            if (c.condition().equals(condition) && c.n() == n && c.neurons() == neurons) {
                byAlpha.computeIfAbsent(c.alpha(), a -> new ArrayList<>()).add(c);
            }
        }
        boolean thermal = condition.temperature() > 0;
        XYChart chart = Panels.chart("markers: simulation mean +- standard error (over pattern sets) of "
                        + (thermal ? "settled" : "converged") + " trials; dashed: theory", "initial overlap m0",
                thermal ? "settling time of m(t) (steps)" : "convergence time (parallel steps)", 1000, 560);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int colour = 0;
        for (Map.Entry<Double, List<ConvergencePoint>> entry : byAlpha.entrySet()) {
            double alpha = entry.getKey();
            List<ConvergencePoint> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(Comparator.comparingDouble(ConvergencePoint::m0));
            double[] x = new double[sorted.size()];
            double[] y = new double[sorted.size()];
            double[] error = new double[sorted.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = sorted.get(i).m0();
                y[i] = sorted.get(i).mean();
                // No bar where a single pattern set leaves the standard error unknown.
                double se = sorted.get(i).standardError();
                error[i] = Double.isFinite(se) ? se : 0;
            }
            XYSeries sim = chart.addSeries(Panels.load(load, condition.model(), n, alpha) + " (simulation)", x, y, error);
            sim.setMarker(SeriesMarkers.CIRCLE);
            sim.setMarkerColor(Panels.colour(colour));
            sim.setLineColor(Panels.colour(colour));
            sim.setLineStyle(Panels.stroke(1f, false));
            addTheory(chart, condition, n, alpha, theory, colour, load);
            colour++;
        }
        return new Panels.Figure(condition.label() + ", n = " + n + ", N = " + neurons + ": "
                + (thermal ? "settling time of the overlap" : "convergence time") + " against m0, one curve per load ("
                + Panels.meaning(load, condition.model()) + ")", List.of(chart), 1);
    }

    private static void addTheory(XYChart chart, Condition condition, int n, double alpha, List<TheoryCurve> theory,
                                  int colour, LoadConvention load) {
        List<TheoryCurve> curve = new ArrayList<>();
        for (TheoryCurve c : theory) {
            if (c.condition().equals(condition) && c.n() == n && c.alpha() == alpha && c.convergenceTime() != null) {
                curve.add(c);
            }
        }
        if (curve.isEmpty()) {
            return;
        }
        curve.sort(Comparator.comparingDouble(TheoryCurve::m0));
        double[] x = new double[curve.size()];
        double[] y = new double[curve.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = curve.get(i).m0();
            y[i] = curve.get(i).convergenceTime();
        }
        XYSeries s = chart.addSeries(Panels.load(load, condition.model(), n, alpha) + " (theory)", x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Panels.colour(colour));
        s.setLineStyle(Panels.stroke(2.5f, true));
    }
}
