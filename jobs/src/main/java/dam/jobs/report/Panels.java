package dam.jobs.report;

import dam.core.model.MemoryModel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dam.jobs.config.LoadConvention;

/**
 * Shared drawing helpers: chart style, colours, strokes and markers, the series every figure adds (lines, points,
 * interval bars), how loads are written, and composing panels into one titled PNG.
 */
final class Panels {

    static final int PANEL_WIDTH = 520;
    static final int PANEL_HEIGHT = 380;
    private static final int TITLE_HEIGHT = 40;
    /** The height of each further line of a title too wide for one. */
    private static final int TITLE_LINE = 22;

    /** Matplotlib's tab10 palette: distinct, colour-blind tolerable. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private Panels() {
    }

    /** The i-th palette colour (cycling). */
    static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The colour with the given opacity (0..255), for the many light trial lines. */
    static Color translucent(Color c, int opacity) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), opacity);
    }

    /** A stroke of the given width, dashed if asked. */
    static BasicStroke stroke(float width, boolean dashed) {
        return dashed
                ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dash pattern stroke of the given width: dash-dotted (one dot) or dash-dot-dotted (two dots). */
    static BasicStroke dashDot(float width, int dots) {
        float[] pattern = new float[2 + 2 * dots];
        pattern[0] = 8f;
        pattern[1] = 3f;
        for (int i = 0; i < dots; i++) {
            pattern[2 + 2 * i] = 2f;
            pattern[3 + 2 * i] = 3f;
        }
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    /** Adds a line without markers in the given colour and stroke; returns it. */
    static XYSeries line(XYChart chart, String label, double[] x, double[] y, Color colour, BasicStroke stroke) {
        XYSeries s = chart.addSeries(label, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        return s;
    }

    /** Adds points with the given marker and colour and no line; returns them. */
    static XYSeries points(XYChart chart, String label, double[] x, double[] y, Marker marker, Color colour) {
        XYSeries s = chart.addSeries(label, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        return s;
    }

    /**
     * Adds an interval as a vertical segment from lo to hi at x, out of the legend (XChart's own error bars are
     * symmetric only); nothing where an end is not finite. name must be unique in the chart.
     */
    static void bar(XYChart chart, String name, double x, double lo, double hi, Color colour) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return;
        }
        XYSeries bar = line(chart, name, new double[] {x, x}, new double[] {lo, hi}, colour, stroke(1.5f, false));
        bar.setShowInLegend(false);
    }

    /** The i-th of a few distinct marker shapes (cycling), for telling network sizes apart. */
    static Marker marker(int i) {
        Marker[] shapes = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.TRIANGLE_DOWN};
        return shapes[Math.floorMod(i, shapes.length)];
    }

    /**
     * Keeps the panel (and its title) on the page where nothing was drawn in it: XChart cannot draw an empty chart, so
     * an invisible point labelled with why.
     */
    static void keepIfEmpty(XYChart chart, String why) {
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries(why, new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
    }

    /** An empty line chart of one panel's size, white background, legend inside. */
    static XYChart chart(String title, String xTitle, String yTitle) {
        return chart(title, xTitle, yTitle, PANEL_WIDTH, PANEL_HEIGHT);
    }

    /** An empty line chart of the given size in pixels, white background, legend inside. */
    static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setMarkerSize(5);
        styler.setXAxisDecimalPattern("0.###");
        return chart;
    }

    /** A number in a short stable form for titles and legends (e.g. 0.1, 0.0125). */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) x);
        }
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /**
     * A load of the model at order n, given as the raw alpha, as a title or legend writes it in the convention:
     * "alpha = 0.1", "alpha (2n-3)!! = 0.3" (dense) or "alpha (n-1)! = 0.2" (p-body).
     */
    static String load(LoadConvention convention, MemoryModel model, int n, double alpha) {
        return convention.symbol(model) + " = " + number(convention.fromRaw(model, n, alpha));
    }

    /**
     * What the loads of a figure of one model are, for its title: "raw load alpha = p / N^(n-1)" or "normalised load
     * alpha (2n-3)!!, alpha = p / N^(n-1)" (dense; "alpha (n-1)!" p-body).
     */
    static String meaning(LoadConvention convention, MemoryModel model) {
        return convention == LoadConvention.RAW ? convention.meaning()
                : "normalised load " + convention.symbol(model) + ", alpha = p / N^(n-1)";
    }

    /** The colour of a model in the figures that draw both: dense blue, p-body orange. */
    static Color colour(MemoryModel model) {
        return colour(model.ordinal());
    }

    /** A figure before drawing: its title and its panels in a grid of at most columns columns. */
    record Figure(String title, List<XYChart> panels, int columns) {

        /** The figure as one PNG image. */
        byte[] png() throws IOException {
            return renderGrid(panels, columns, title);
        }

        /** Every text the figure shows: its title, then per panel its title, axis titles and legend labels. */
        List<String> texts() {
            List<String> texts = new java.util.ArrayList<>(List.of(title));
            for (XYChart chart : panels) {
                texts.add(chart.getTitle());
                texts.add(chart.getXAxisTitle());
                texts.add(chart.getYAxisTitle());
                chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).forEach(s -> texts.add(s.getLabel()));
            }
            return texts;
        }
    }

    /**
     * The title broken at spaces into lines no wider than width in font (a word wider than that gets a line of its
     * own): a figure of one or two panels is narrower than its title, which is cut off if drawn on one line.
     */
    static List<String> titleLines(String title, Font font, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            List<String> lines = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : title.split(" ")) {
                String wider = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && metrics.stringWidth(wider) > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(wider);
                }
            }
            lines.add(line.toString());
            return lines;
        } finally {
            g.dispose();
        }
    }

    /** Renders the charts in a grid of at most {@code columns} columns under a title, as one PNG image. */
    static byte[] renderGrid(List<XYChart> charts, int columns, String title) throws IOException {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("charts: need at least one panel for " + title);
        }
        int cols = Math.max(1, Math.min(columns, charts.size()));
        int rows = (charts.size() + cols - 1) / cols;
        int cellWidth = 0;
        int cellHeight = 0;
        for (XYChart chart : charts) {
            cellWidth = Math.max(cellWidth, chart.getWidth());
            cellHeight = Math.max(cellHeight, chart.getHeight());
        }
        int width = cols * cellWidth;
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        List<String> lines = titleLines(title, font, width - 8);
        int titleHeight = TITLE_HEIGHT + (lines.size() - 1) * TITLE_LINE;
        BufferedImage image = new BufferedImage(width, rows * cellHeight + titleHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                g.drawString(line, Math.max(4, (width - metrics.stringWidth(line)) / 2), 26 + i * TITLE_LINE);
            }
            for (int i = 0; i < charts.size(); i++) {
                BufferedImage panel = BitmapEncoder.getBufferedImage(charts.get(i));
                g.drawImage(panel, (i % cols) * cellWidth, titleHeight + (i / cols) * cellHeight, null);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available");
        }
        return png.toByteArray();
    }
}
