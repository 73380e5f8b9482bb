package dam.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A figure's title is broken into lines that fit its width, and nothing of it is lost. */
class PanelsTest {

    private static final String TITLE = "Theory capacity alpha_c(T), pbody model, temperature 0.3: horizon ladder, fit "
            + "alpha_inf + a T^-b, residuals, stationary state (normalised load alpha (n-1)!, alpha = p / N^(n-1))";

    @ParameterizedTest
    @ValueSource(ints = {300, 520, 1040, 4000})
    void aTitleIsBrokenAtSpacesIntoLinesThatFit(int width) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        List<String> lines = Panels.titleLines(TITLE, font, width);
        assertEquals(TITLE, String.join(" ", lines), "every word kept, in order");
        java.awt.FontMetrics metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(font);
        for (String line : lines) {
            assertTrue(metrics.stringWidth(line) <= width || !line.contains(" "), line + " wider than " + width);
        }
        assertEquals(width >= metrics.stringWidth(TITLE), lines.size() == 1, lines.toString());
    }
}
