package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ClusterMean, ClusteredProportion, ClusterBootstrap and BasinBoundary.fromPatternSets on known answers. */
class ClusteredEstimatorsTest {

    @Test
    void clusterMeanOfEqualSetsIsTheStandardDeviationOfSetMeansOverRootK() {
        double[] setMeans = {0.2, 0.5, 0.9, 0.4};
        double[] sums = Arrays.stream(setMeans).map(m -> 10 * m).toArray();
        double[] sizes = {10, 10, 10, 10};
        ClusterMean c = ClusterMean.of(sums, sizes);
        double mean = Arrays.stream(setMeans).average().orElseThrow();
        double var = Arrays.stream(setMeans).map(m -> (m - mean) * (m - mean)).sum() / 3;
        assertEquals(mean, c.mean(), 1e-15);
        assertEquals(Math.sqrt(var / 4), c.standardError(), 1e-15);
        assertEquals(4, c.sets());
        assertTrue(Double.isNaN(ClusterMean.of(new double[] {3}, new double[] {5}).standardError()), "one set: no se");
        assertTrue(Double.isNaN(ClusterMean.of(new double[] {0, 0}, new double[] {0, 0}).mean()), "no trial: no mean");
    }

    @Test
    void clusterMeanWithOneTrialPerSetIsTheUsualStandardError() {
        double[] x = {1, 4, 2, 8, 5};
        ClusterMean c = ClusterMean.of(x, new double[] {1, 1, 1, 1, 1});
        double mean = 4;
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / 4);
        assertEquals(sd / Math.sqrt(5), c.standardError(), 1e-14);
    }

    @Test
    void designEffectRunsFromOneForIndependentSetsToTheSetSizeForAllOrNothingSets() {
        // Every set all or nothing: the set is the sample, n_eff = K.
        ClusteredProportion allOrNothing = ClusteredProportion.of(new SetCounts(new int[] {10, 0, 10, 0, 0}, new int[] {10, 10, 10, 10, 10}));
        assertEquals(10, allOrNothing.designEffect(), 1e-12);
        assertEquals(5, allOrNothing.effectiveTrials(), 1e-12);
        // Sets that differ less than binomially: clamped at 1 (never more effective trials than trials).
        ClusteredProportion even = ClusteredProportion.of(new SetCounts(new int[] {5, 5, 5, 5}, new int[] {10, 10, 10, 10}));
        assertEquals(1, even.designEffect(), 0);
        assertEquals(40, even.effectiveTrials(), 0);
        // No trial differs: nothing to measure, deff = 1; one set with mixed outcomes: the set is one sample.
        assertEquals(1, ClusteredProportion.of(new SetCounts(new int[] {10, 10}, new int[] {10, 10})).designEffect(), 0);
        assertEquals(10, ClusteredProportion.of(new SetCounts(new int[] {4}, new int[] {10})).designEffect(), 0);
    }

    @Test
    void clusteredIntervalIsWilsonAtTheEffectiveSizeWithStudentsQuantile() {
        SetCounts c = new SetCounts(new int[] {8, 2, 9, 1, 6, 4}, new int[] {10, 10, 10, 10, 10, 10});
        ClusteredProportion p = ClusteredProportion.of(c);
        double phat = 0.5;
        double v = (9 + 9 + 16 + 16 + 1 + 1) * 6.0 / 5 / 3600; // K/(K-1) sum (k_j - p n_j)^2 / n^2
        double deff = v / (phat * (1 - phat) / 60);
        assertEquals(deff, p.designEffect(), 1e-12);
        double t = 2.570581835636314; // t_5, 97.5%
        double neff = 60 / deff;
        double centre = (phat + t * t / (2 * neff)) / (1 + t * t / neff);
        double half = t / (1 + t * t / neff) * Math.sqrt(phat * (1 - phat) / neff + t * t / (4 * neff * neff));
        assertEquals(centre - half, p.lower(), 1e-9);
        assertEquals(centre + half, p.upper(), 1e-9);
        assertEquals(t, ClusteredProportion.studentQuantile95(5), 1e-9);
        // One trial per set, many sets: the Wilson interval (t_{n-1} close to z).
        int[] ones = new int[400];
        int[] outcomes = new int[400];
        for (int j = 0; j < 120; j++) {
            outcomes[j] = 1;
        }
        Arrays.fill(ones, 1);
        ClusteredProportion independent = ClusteredProportion.of(new SetCounts(outcomes, ones));
        ProportionInterval wilson = ProportionInterval.wilson95(120, 400);
        assertEquals(wilson.lower(), independent.lower(), 2e-4);
        assertEquals(wilson.upper(), independent.upper(), 2e-4);
    }

    @Test
    void bootstrapMultiplicitiesAreReproducibleAndDrawKSets() {
        int[][] a = ClusterBootstrap.multiplicities(7, 50, 42);
        int[][] b = ClusterBootstrap.multiplicities(7, 50, 42);
        for (int r = 0; r < 50; r++) {
            assertArrayEquals(a[r], b[r]);
            assertEquals(7, Arrays.stream(a[r]).sum());
        }
        assertTrue(!Arrays.deepEquals(a, ClusterBootstrap.multiplicities(7, 50, 43)), "another seed, other draws");
    }

    @Test
    void weightedQuantileEqualsTheQuantileOfTheExpandedSample() {
        double[] sorted = {1, 2, 2, 3, 5, 8};
        int[] set = {0, 1, 0, 2, 1, 2};
        int[] weights = {2, 0, 3};
        double[] expanded = {1, 1, 2, 2, 3, 3, 3, 8, 8, 8};
        for (double q : new double[] {0, 0.25, 0.5, 0.7, 1}) {
            assertEquals(Quantiles.of(expanded, q), ClusterBootstrap.weightedQuantile(sorted, set, weights, q), 1e-12);
        }
        assertTrue(Double.isNaN(ClusterBootstrap.weightedQuantile(sorted, set, new int[] {0, 0, 0}, 0.5)));
    }

    @Test
    void quantileIntervalHoldsTheEstimateAndWidensForFewSets() {
        double[][] sets = {{3, 4, 4}, {6, 7}, {2, 3, 3, 5}, {4}, {5, 6}};
        double[] interval = ClusterBootstrap.quantileInterval(sets, 0.5, 9);
        assertTrue(interval[0] <= 4 && 4 <= interval[1], Arrays.toString(interval));
        assertArrayEquals(interval, ClusterBootstrap.quantileInterval(sets, 0.5, 9));
        assertTrue(Double.isNaN(ClusterBootstrap.quantileInterval(new double[][] {{1, 2, 3}}, 0.5, 9)[0]), "one set");
        assertTrue(Double.isNaN(ClusterBootstrap.quantileInterval(new double[][] {{}, {}}, 0.5, 9)[0]), "no values");
        assertEquals(1.0, ClusterBootstrap.smallSampleFactor(100000), 1e-3);
        assertEquals(Math.sqrt(4 / 3.0) * 3.182446305284263 / ProportionInterval.Z95, ClusterBootstrap.smallSampleFactor(4), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ClusterBootstrap.smallSampleFactor(1));
    }

    /** Counts of K sets per m0 where set j has its own boundary, so the sets' outcomes are correlated across m0. */
    private static SetCounts[] correlatedScan(double[] m0, int sets, int states, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] s = new int[m0.length][sets];
        for (int j = 0; j < sets; j++) {
            double centre = 0.55 + 0.08 * random.nextGaussian();
            for (int i = 0; i < m0.length; i++) {
                double p = 1 / (1 + Math.exp(-(m0[i] - centre) / 0.03));
                for (int k = 0; k < states; k++) {
                    s[i][j] += random.nextDouble() < p ? 1 : 0;
                }
            }
        }
        SetCounts[] counts = new SetCounts[m0.length];
        int[] trials = new int[sets];
        Arrays.fill(trials, states);
        for (int i = 0; i < m0.length; i++) {
            counts[i] = new SetCounts(s[i], trials);
        }
        return counts;
    }

    @Test
    void patternSetBoundaryKeepsTheEstimateAndIsReproducible() {
        double[] m0 = {0.35, 0.45, 0.55, 0.65, 0.75};
        SetCounts[] counts = correlatedScan(m0, 12, 10, 5);
        int[] s = new int[m0.length];
        int[] n = new int[m0.length];
        for (int i = 0; i < m0.length; i++) {
            s[i] = counts[i].totalSuccesses();
            n[i] = counts[i].totalTrials();
        }
        BasinBoundary clustered = BasinBoundary.fromPatternSets(m0, counts, true, 3);
        BasinBoundary binomial = BasinBoundary.fromSuccesses(m0, s, n, 3);
        assertEquals(binomial.m0c(), clustered.m0c(), 0, "same point estimate from the summed counts");
        assertEquals(clustered, BasinBoundary.fromPatternSets(m0, counts, true, 3));
        assertTrue(clustered.lower() <= clustered.m0c() && clustered.m0c() <= clustered.upper(), clustered.toString());
        assertTrue(clustered.upper() - clustered.lower() > binomial.upper() - binomial.lower(),
                "sets that move the boundary widen its interval: " + clustered + " vs " + binomial);
        // One set: nothing measures the set-to-set spread, the interval is the scanned range.
        SetCounts[] one = new SetCounts[m0.length];
        for (int i = 0; i < m0.length; i++) {
            one[i] = new SetCounts(new int[] {counts[i].successes(0)}, new int[] {10});
        }
        BasinBoundary single = BasinBoundary.fromPatternSets(m0, one, true, 3);
        if (Double.isFinite(single.m0c())) {
            assertEquals(0.35, single.lower(), 0);
            assertEquals(0.75, single.upper(), 0);
        }
    }

    @Test
    void sharedSetsNeedTheSameNumberOfSetsAtEveryPoint() {
        SetCounts a = new SetCounts(new int[] {1, 2}, new int[] {4, 4});
        SetCounts b = new SetCounts(new int[] {3, 4, 4}, new int[] {4, 4, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BasinBoundary.fromPatternSets(new double[] {0.4, 0.6}, new SetCounts[] {a, b}, true, 1));
        assertTrue(e.getMessage().startsWith("counts:"), e.getMessage());
        BasinBoundary independent = BasinBoundary.fromPatternSets(new double[] {0.4, 0.6}, new SetCounts[] {a, b}, false, 1);
        assertTrue(Double.isFinite(independent.m0c()), independent.toString());
        assertThrows(IllegalArgumentException.class, () -> new SetCounts(new int[] {5}, new int[] {4}));
    }
}
