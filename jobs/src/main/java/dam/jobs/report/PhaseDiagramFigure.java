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

/**
 * The phase diagram: per n a panel in the (alpha, m0) plane with the theory's basin boundary m0_c(alpha; T)
 * as a line per horizon T of the ladder (grey, darker as T grows; the largest T thick black, so the ladder is seen
 * converging) and its T -&gt; infinity extrapolation dashed black where phase_diagram/ has it, the simulation's m0_c per N as points with their 95% intervals (the N ladder, each N shifted slightly
 * sideways so that the sizes at one load stay apart), their finite-size
 * extrapolation to N = infinity (black diamonds with intervals, from finite_size/), and alpha_c as a dashed
 * vertical line (theory at the largest T), a dash-dotted one (theory extrapolated to T = infinity) and a dotted one
 * (simulation extrapolated to N = infinity). Retrieval succeeds above the
 * boundary and left of alpha_c.
 */
final class PhaseDiagramFigure {

    static final String FILE_NAME = "phase_diagram.png";

    private PhaseDiagramFigure() {
    }

    /** One panel per n found in the points or capacities, the load axis (and every load in a legend) in the given convention. */
    static Panels.Figure figure(List<BoundaryPoint> points, List<CapacityValue> capacities, List<FiniteSizePoint> limits,
                                LoadConvention load) {
        TreeSet<Integer> ns = new TreeSet<>();
        points.forEach(p -> ns.add(p.n()));
        capacities.forEach(c -> ns.add(c.n()));
        List<XYChart> panels = new ArrayList<>();
        for (int n : ns) {
            double f = load.fromRaw(MemoryModel.DENSE, n, 1);
            panels.add(panel(n, scaled(points, f), capacities.stream().map(c -> scaled(c, f)).toList(),
                    limits.stream().map(l -> scaled(l, f)).toList(), load));
        }
        return new Panels.Figure("Phase diagram: retrieval above m0_c(alpha) and left of alpha_c (" + load.meaning() + ")",
                panels, 3);
    }

    private static List<BoundaryPoint> scaled(List<BoundaryPoint> points, double f) {
        return points.stream().map(p -> new BoundaryPoint(p.n(), p.source(), p.neurons(), p.alpha() * f, p.m0c(), p.lower(),
                p.upper(), p.steps(), p.extrapolated())).toList();
    }

    /** A capacity row with its loads (values, bracket, se, slope) multiplied by f; exponent and steps do not change. */
    static CapacityValue scaled(CapacityValue c, double f) {
        return new CapacityValue(c.n(), c.alphaC() * f, c.lower() * f, c.upper() * f, c.steps(), c.extrapolated(), c.se() * f,
                c.exponent(), c.slope() * f);
    }

    /** The row with its loads multiplied by f: alpha, and for an alpha_c row its values too (m0_c values stay). */
    static FiniteSizePoint scaled(FiniteSizePoint p, double f) {
        // alpha scales; for an alpha_c row the values are loads too
        double v = p.quantity().equals("m0c") ? 1 : f;
        return new FiniteSizePoint(p.n(), p.quantity(), p.alpha() * f, p.neurons(), scale(p.estimates(), v),
                scale(p.lower(), v), scale(p.upper(), v), p.limit() * v, p.limitLower() * v, p.limitUpper() * v,
                p.slope() * v, p.chi2(), p.dof(), p.theory() * v);
    }

    private static double[] scale(double[] a, double f) {
        return java.util.Arrays.stream(a).map(x -> x * f).toArray();
    }

    private static XYChart panel(int n, List<BoundaryPoint> points, List<CapacityValue> capacities,
                                 List<FiniteSizePoint> limits, LoadConvention load) {
        XYChart chart = Panels.chart("n = " + n, load.axisTitle(MemoryModel.DENSE, n), "initial overlap m0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        addTheory(chart, n, points);
        addSimulation(chart, n, points);
        addLimits(chart, n, limits, load.capacitySymbol(MemoryModel.DENSE) + " = ");
        int largest = capacities.stream().filter(c -> c.n() == n && !c.extrapolated()).mapToInt(CapacityValue::steps)
                .max().orElse(-1);
        for (CapacityValue c : capacities) {
            if (c.n() == n && Double.isFinite(c.alphaC()) && (c.extrapolated() || c.steps() == largest)) {
                String symbol = load.capacitySymbol(MemoryModel.DENSE) + " = ";
                String label = c.extrapolated()
                        ? symbol + Panels.number(c.alphaC()) + " (theory, T -> inf)"
                        : symbol + Panels.number(c.alphaC()) + " (theory" + (c.steps() > 0 ? ", T = " + c.steps() : "") + ")";
                XYSeries s = chart.addSeries(label, new double[] {c.alphaC(), c.alphaC()}, new double[] {0, 1});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(java.awt.Color.BLACK);
                s.setLineStyle(c.extrapolated()
                        ? new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f,
                                new float[] {8f, 3f, 2f, 3f}, 0f)
                        : Panels.stroke(1.5f, true));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart; an invisible point keeps the panel (and its n) on the page.
            XYSeries s = chart.addSeries("no boundary found", new double[] {0}, new double[] {0});
            s.setMarker(SeriesMarkers.NONE);
        }
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
                // The 95% interval as a vertical segment (XChart's own error bars are symmetric only).
                BoundaryPoint p = list.get(i);
                if (Double.isFinite(p.lower()) && Double.isFinite(p.upper())) {
                    XYSeries bar = chart.addSeries("N = " + entry.getKey() + " interval " + i,
                            new double[] {x[i], x[i]}, new double[] {p.lower(), p.upper()});
                    bar.setMarker(SeriesMarkers.NONE);
                    bar.setLineColor(Panels.colour(colour));
                    bar.setLineStyle(Panels.stroke(1.5f, false));
                    bar.setShowInLegend(false);
                }
            }
            XYSeries s = chart.addSeries("simulation N = " + entry.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Panels.colour(colour));
            colour++;
        }
    }
}
