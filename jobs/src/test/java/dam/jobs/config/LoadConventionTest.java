package dam.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dam.core.model.MemoryModel.DENSE;
import static dam.core.model.MemoryModel.PBODY;

import dam.core.model.MemoryModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadConventionTest {

    @ParameterizedTest
    @CsvSource({"DENSE,2,1", "DENSE,3,3", "DENSE,4,15", "DENSE,5,105", "PBODY,2,1", "PBODY,3,2", "PBODY,4,6", "PBODY,5,24"})
    void theNormalisedLoadIsTheRawLoadTimesTheCrosstalkVariance(MemoryModel model, int n, double factor) {
        assertEquals(factor, LoadConvention.factor(model, n));
        assertEquals(0.1 * factor, LoadConvention.NORMALISED.fromRaw(model, n, 0.1), 1e-15);
        assertEquals(0.1, LoadConvention.RAW.fromRaw(model, n, 0.1));
        assertEquals(0.1, LoadConvention.RAW.toRaw(model, n, 0.1));
    }

    @Test
    void normalisedLoadsDivideInDecimal() {
        assertEquals(0.1, LoadConvention.NORMALISED.toRaw(DENSE, 3, 0.3), 0); // the same double as a raw config's 0.1
        assertEquals(0.02, LoadConvention.NORMALISED.toRaw(DENSE, 4, 0.3), 0);
        assertEquals(0.15, LoadConvention.NORMALISED.toRaw(PBODY, 3, 0.3), 0);
        assertEquals(0.05, LoadConvention.NORMALISED.toRaw(PBODY, 4, 0.3), 0);
    }

    @Test
    void axisTitlesSayWhichConventionTheyShow() {
        assertTrue(LoadConvention.RAW.axisTitle(DENSE, 3).contains("raw"));
        assertEquals("alpha (2n-3)!! = 15 alpha (normalised load)", LoadConvention.NORMALISED.axisTitle(DENSE, 4));
        assertEquals("alpha (n-1)! = 6 alpha (normalised load)", LoadConvention.NORMALISED.axisTitle(PBODY, 4));
        assertEquals("alpha P(1) (normalised load: dense 3 alpha, pbody 2 alpha)", LoadConvention.NORMALISED.axisTitle(3));
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
        assertEquals("alpha_c", LoadConvention.RAW.capacitySymbol(PBODY));
        assertEquals("alpha_c (2n-3)!!", LoadConvention.NORMALISED.capacitySymbol(DENSE));
        assertEquals("alpha_c (n-1)!", LoadConvention.NORMALISED.capacitySymbol(PBODY));
        assertEquals("raw load alpha = p / N^(n-1)", LoadConvention.RAW.meaning());
        assertEquals("normalised load alpha P(1) (dense: alpha (2n-3)!!, pbody: alpha (n-1)!), alpha = p / N^(n-1)",
                LoadConvention.NORMALISED.meaning());
        assertEquals("load normalised: alpha (2n-3)!! = 1.5 at n = 4 (dense), so alpha = p / N^(n-1) = 0.1",
                LoadConvention.NORMALISED.describeOption(DENSE, 4, 1.5));
        assertEquals("load normalised: alpha (n-1)! = 0.6 at n = 4 (pbody), so alpha = p / N^(n-1) = 0.1",
                LoadConvention.NORMALISED.describeOption(PBODY, 4, 0.6));
    }
}
