package dam.core.analysis;

/** Weighted least-squares isotonic (non-decreasing) regression by the pool-adjacent-violators algorithm. */
public final class IsotonicRegression {

    private IsotonicRegression() {
    }

    /** The non-decreasing sequence closest to y in weighted least squares (weights &gt; 0), same length as y. */
    public static double[] fit(double[] y, double[] weights) {
        if (y.length != weights.length) {
            throw new IllegalArgumentException("weights: length " + weights.length + " differs from values' " + y.length);
        }
        int k = y.length;
        double[] blockMean = new double[k];
        double[] blockWeight = new double[k];
        int[] blockSize = new int[k];
        int blocks = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("weights: must be > 0, got " + weights[i] + " at index " + i);
            }
            blockMean[blocks] = y[i];
            blockWeight[blocks] = weights[i];
            blockSize[blocks] = 1;
            blocks++;
            // Pool while the last two blocks violate monotonicity.
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1]) {
                double w = blockWeight[blocks - 2] + blockWeight[blocks - 1];
                blockMean[blocks - 2] = (blockWeight[blocks - 2] * blockMean[blocks - 2]
                        + blockWeight[blocks - 1] * blockMean[blocks - 1]) / w;
                blockWeight[blocks - 2] = w;
                blockSize[blocks - 2] += blockSize[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[k];
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < blockSize[b]; j++) {
                fitted[i++] = blockMean[b];
            }
        }
        return fitted;
    }
}
