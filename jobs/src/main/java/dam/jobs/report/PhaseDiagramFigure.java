package dam.jobs.report;

import dam.core.model.MemoryModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;
import dam.jobs.report.ReportTables.BoundaryPoint;
import dam.jobs.report.ReportTables.CapacityValue;
import dam.jobs.report.ReportTables.FiniteSizePoint;
import dam.jobs.report.ReportTables.Method;

/**
 * The phase diagram of one model at one temperature: per n a panel in the (alpha, m0) plane with the theory's basin boundary m0_c(alpha; T)
 * as a line per horizon T of the ladder (grey, darker as T grows; the largest T thick black, so the ladder is seen
 * converging) and its T -&gt; infinity extrapolation dashed black where phase_diagram/ has it, the simulation's m0_c per N as points with their 95% intervals (the N ladder, each N shifted slightly
 * sideways so that the sizes at one load stay apart), their finite-size
 * extrapolation to N = infinity (black diamonds with intervals, from finite_size/), and alpha_c as a dashed
 * vertical line (theory at the largest T), a dash-dotted one (theory extrapolated to T = infinity), a dotted one
 * (simulation extrapolated to N = infinity) and a green dash-dot-dotted one (the stationary state's). Retrieval succeeds
 * above the boundary and left of alpha_c.
 */
final class PhaseDiagramFigure {

    private PhaseDiagramFigure() {
    }

    /** The file name phase_diagram.png, the model and temperature added unless dense at 0 ({@link Condition}). */
    static String fileName(Condition condition) {
        return condition.fileName("phase_diagram");
    }

    /**
     * One panel per n found in the points or capacities of the condition, the load axis (and every load in a legend) in
     * the given convention for the condition's model.
     */
    static Panels.Figure figure(Condition condition, List<BoundaryPoint> points, List<CapacityValue> capacities,
                                List<FiniteSizePoint> limits, LoadConvention load) {
        MemoryModel model = condition.model();
        List<BoundaryPoint> here = points.stream().filter(p -> p.condition().equals(condition)).toList();
        List<CapacityValue> capacityHere = capacities.stream().filter(c -> c.condition().equals(condition)).toList();
        TreeSet<Integer> ns = new TreeSet<>();
        here.forEach(p -> ns.add(p.n()));
        capacityHere.forEach(c -> ns.add(c.n()));
        List<XYChart> panels = new ArrayList<>();
        for (int n : ns) {
            double f = load.fromRaw(model, n, 1);
            panels.add(panel(model, n, scaled(here, f), capacityHere.stream().map(c -> scaled(c, f)).toList(),
                    limits.stream().filter(l -> l.condition().equals(condition)).map(l -> scaled(l, f)).toList(), load));
        }
        return new Panels.Figure("Phase diagram, " + condition.label() + ": retrieval above m0_c(alpha) and left of alpha_c ("
                + Panels.meaning(load, model) + ")", panels, 3);
    }

    /** The points with their loads multiplied by f (m0_c values stay). */
    static List<BoundaryPoint> scaled(List<BoundaryPoint> points, double f) {
        return points.stream().map(p -> new BoundaryPoint(p.model(), p.n(), p.temperature(), p.source(), p.neurons(),
                p.alpha() * f, p.m0c(), p.lower(), p.upper(), p.steps(), p.extrapolated())).toList();
    }

    /** A capacity row with its loads (values, bracket, se, slope) multiplied by f; exponent and steps do not change. */
    static CapacityValue scaled(CapacityValue c, double f) {
        return new CapacityValue(c.model(), c.n(), c.temperature(), c.method(), c.alphaC() * f, c.lower() * f,
                c.upper() * f, c.steps(), c.se() * f, c.exponent(), c.slope() * f);
    }

    /** The row with its loads multiplied by f: alpha, and for an alpha_c row its values too (m0_c values stay). */
    static FiniteSizePoint scaled(FiniteSizePoint p, double f) {
        // alpha scales; for an alpha_c row the values are loads too
        double v = p.quantity().equals("m0c") ? 1 : f;
        return new FiniteSizePoint(p.model(), p.n(), p.temperature(), p.quantity(), p.alpha() * f, p.neurons(),
                scale(p.estimates(), v),
                scale(p.lower(), v), scale(p.upper(), v), p.limit() * v, p.limitLower() * v, p.limitUpper() * v,
                p.slope() * v, p.chi2(), p.dof(), p.theory() * v);
    }

    /** The loads of the points, in their order. */
    static double[] alphas(List<BoundaryPoint> points) {
        return points.stream().mapToDouble(BoundaryPoint::alpha).toArray();
    }

    /** The boundaries m0_c of the points, in their order. */
    static double[] m0cs(List<BoundaryPoint> points) {
        return points.stream().mapToDouble(BoundaryPoint::m0c).toArray();
    }

    private static double[] scale(double[] a, double f) {
        return java.util.Arrays.stream(a).map(x -> x * f).toArray();
    }

    private static XYChart panel(MemoryModel model, int n, List<BoundaryPoint> points, List<CapacityValue> capacities,
                                 List<FiniteSizePoint> limits, LoadConvention load) {
        XYChart chart = Panels.chart("n = " + n, load.axisTitle(model, n), "initial overlap m0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        addTheory(chart, n, points);
        addSimulation(chart, n, points);
        String symbol = load.capacitySymbol(model) + " = ";
        addLimits(chart, n, limits, symbol);
        int largest = capacities.stream().filter(c -> c.n() == n && c.method() == Method.LADDER)
                .mapToInt(CapacityValue::steps).max().orElse(-1);
        for (CapacityValue c : capacities) {
            if (c.n() != n || !Double.isFinite(c.alphaC())
                    || (c.method() == Method.LADDER && c.steps() != largest)) {
                continue;
            }
            String label = symbol + Panels.number(c.alphaC()) + switch (c.method()) {
                case EXTRAPOLATED -> " (theory, T -> inf)";
                case STATIONARY -> " (stationary state)";
                case LADDER -> " (theory" + (c.steps() > 0 ? ", T = " + c.steps() : "") + ")";
            };
            XYSeries s = chart.addSeries(label, new double[] {c.alphaC(), c.alphaC()}, new double[] {0, 1});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c.method() == Method.STATIONARY ? Panels.colour(2) : java.awt.Color.BLACK);
            s.setLineStyle(switch (c.method()) {
                case EXTRAPOLATED -> new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 3f, 2f, 3f}, 0f);
                case STATIONARY -> new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 3f, 2f, 3f, 2f, 3f}, 0f);
                case LADDER -> Panels.stroke(1.5f, true);
            });
        }
        Panels.keepIfEmpty(chart, "no boundary found");
        return chart;
    }

    /** The N -> infinity extrapolations of the simulated m0_c (diamonds with intervals) and alpha_c (dotted line). */
    private static void addLimits(XYChart chart, int n, List<FiniteSizePoint> limits, String symbol) {
        List<FiniteSizePoint> boundary = new ArrayList<>();
        for (FiniteSizePoint p : limits) {
            if (p.n() != n || !Double.isFinite(p.limit())) {
                continue;
            }
            if (p.quantity().equals("m0c")) {
                boundary.add(p);
                XYSeries bar = chart.addSeries("N -> inf interval " + p.alpha(), new double[] {p.alpha(), p.alpha()},
                        new double[] {p.limitLower(), p.limitUpper()});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(java.awt.Color.BLACK);
                bar.setLineStyle(Panels.stroke(1.5f, false));
                bar.setShowInLegend(false);
            } else {
                XYSeries s = chart.addSeries(symbol + Panels.number(p.limit()) + " (simulation, N -> inf)",
                        new double[] {p.limit(), p.limit()}, new double[] {0, 1});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(java.awt.Color.DARK_GRAY);
                s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 3f}, 0f));
            }
        }
        if (boundary.isEmpty()) {
            return;
        }
        boundary.sort(Comparator.comparingDouble(FiniteSizePoint::alpha));
        XYSeries s = chart.addSeries("simulation N -> inf (fit in N^-1/2)",
                boundary.stream().mapToDouble(FiniteSizePoint::alpha).toArray(),
                boundary.stream().mapToDouble(FiniteSizePoint::limit).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(java.awt.Color.BLACK);
    }

    private static void addTheory(XYChart chart, int n, List<BoundaryPoint> points) {
        TreeMap<Integer, List<BoundaryPoint>> byHorizon = new TreeMap<>();
        List<BoundaryPoint> limit = new ArrayList<>();
        for (BoundaryPoint p : points) {
            if (p.n() == n && p.source().equals("theory") && Double.isFinite(p.m0c())) {
                if (p.extrapolated()) {
                    limit.add(p);
                } else {
                    byHorizon.computeIfAbsent(p.steps(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        int k = 0;
        for (Map.Entry<Integer, List<BoundaryPoint>> e : byHorizon.entrySet()) {
            List<BoundaryPoint> line = e.getValue();
            line.sort(Comparator.comparingDouble(BoundaryPoint::alpha));
            double[] x = line.stream().mapToDouble(BoundaryPoint::alpha).toArray();
            double[] y = line.stream().mapToDouble(BoundaryPoint::m0c).toArray();
            boolean last = k == byHorizon.size() - 1;
            XYSeries s = chart.addSeries("theory m0_c" + (e.getKey() > 0 ? ", T = " + e.getKey() : ""), x, y);
            s.setMarker(SeriesMarkers.NONE);
            // lighter grey for shorter horizons: the ladder converges onto the black line of the largest T
            int grey = last ? 0 : 200 - 150 * k / Math.max(1, byHorizon.size() - 1);
            s.setLineColor(new java.awt.Color(grey, grey, grey));
            s.setLineStyle(Panels.stroke(last ? 2.5f : 1.2f, false));
            k++;
        }
        if (!limit.isEmpty()) {
            limit.sort(Comparator.comparingDouble(BoundaryPoint::alpha));
            XYSeries s = chart.addSeries("theory m0_c, T -> inf", limit.stream().mapToDouble(BoundaryPoint::alpha).toArray(),
                    limit.stream().mapToDouble(BoundaryPoint::m0c).toArray());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(java.awt.Color.BLACK);
            s.setLineStyle(Panels.stroke(1.5f, true));
        }
    }

    private static void addSimulation(XYChart chart, int n, List<BoundaryPoint> points) {
        Map<Integer, List<BoundaryPoint>> bySize = new TreeMap<>();
        for (BoundaryPoint p : points) {
            if (p.n() == n && p.source().equals("simulation") && p.neurons() != null && Double.isFinite(p.m0c())) {
                bySize.computeIfAbsent(p.neurons(), k -> new ArrayList<>()).add(p);
            }
        }
        // Several N at one load would hide each other: shift each N slightly sideways (the ladder reads left to
        // right in N), by a small fraction of the panel's load range.
        double maxAlpha = points.stream().filter(p -> p.n() == n).mapToDouble(BoundaryPoint::alpha).max().orElse(0);
        double dodge = bySize.size() > 1 ? 0.006 * maxAlpha : 0;
        int colour = 0;
        for (Map.Entry<Integer, List<BoundaryPoint>> entry : bySize.entrySet()) {
            List<BoundaryPoint> list = entry.getValue();
            list.sort(Comparator.comparingDouble(BoundaryPoint::alpha));
            double shift = dodge * (colour - (bySize.size() - 1) / 2.0);
            double[] x = new double[list.size()];
            double[] y = new double[list.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = list.get(i).alpha() + shift;
                y[i] = list.get(i).m0c();
                Panels.bar(chart, "N = " + entry.getKey() + " interval " + i, x[i], list.get(i).lower(), list.get(i).upper(),
                        Panels.colour(colour));
            }
            XYSeries s = chart.addSeries("simulation N = " + entry.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Panels.colour(colour));
            colour++;
        }
    }
}
