package dam.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadConventionTest {

    @Test
    void theNormalisedLoadIsTheRawLoadTimesTheDoubleFactorialOfTwoNMinusThree() {
        assertEquals(1, LoadConvention.doubleFactorial(2));
        assertEquals(3, LoadConvention.doubleFactorial(3));
        assertEquals(15, LoadConvention.doubleFactorial(4));
        assertEquals(105, LoadConvention.doubleFactorial(5));
        assertEquals(0.3, LoadConvention.NORMALISED.fromRaw(3, 0.1), 1e-15);
        assertEquals(0.1, LoadConvention.NORMALISED.toRaw(3, 0.3), 0); // the same double as a raw config's 0.1
        assertEquals(0.02, LoadConvention.NORMALISED.toRaw(4, 0.3), 0);
        assertEquals(0.1, LoadConvention.RAW.fromRaw(4, 0.1));
    }

    @Test
    void axisTitlesSayWhichConventionTheyShow() {
        assertTrue(LoadConvention.RAW.axisTitle(3).contains("raw"));
        assertEquals("alpha (2n-3)!! = 15 alpha (normalised load)", LoadConvention.NORMALISED.axisTitle(4));
    }

    @Test
    void parsingNamesTheAllowedValues() {
        assertEquals(LoadConvention.NORMALISED, LoadConvention.parse("normalised"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadConvention.parse("norm"));
        assertEquals("must be raw or normalised, got \"norm\"", e.getMessage());
    }

    @Test
    void aCommandLineValueOtherThanRawOrNormalisedIsAConfigErrorNamingTheOption() {
        assertEquals(LoadConvention.RAW, LoadConvention.option("--load", "raw"));
        ConfigError e = assertThrows(ConfigError.class, () -> LoadConvention.option("--load", "scaled"));
        assertEquals("--load", e.field());
        assertEquals("must be raw or normalised, got \"scaled\"", e.reason());
    }

    @Test
    void symbolsAndMeaningsNameTheConvention() {
        assertEquals("alpha_c", LoadConvention.RAW.capacitySymbol());
        assertEquals("alpha_c (2n-3)!!", LoadConvention.NORMALISED.capacitySymbol());
        assertEquals("raw load alpha = p / N^(n-1)", LoadConvention.RAW.meaning());
        assertEquals("normalised load alpha (2n-3)!!, alpha = p / N^(n-1)", LoadConvention.NORMALISED.meaning());
        assertEquals("load normalised: alpha (2n-3)!! = 1.5 at n = 4, so alpha = p / N^(n-1) = 0.1",
                LoadConvention.NORMALISED.describeOption(4, 1.5));
    }
}
