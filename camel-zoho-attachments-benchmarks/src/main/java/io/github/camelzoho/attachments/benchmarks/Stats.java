package io.github.camelzoho.attachments.benchmarks;

import java.util.Arrays;

/** Order statistics of per-call times in nanoseconds. */
record Stats(int count, double medianMs, double p99Ms, double meanMs) {

    static Stats of(long[] nanos, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Stats(count, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, sum / count / 1e6);
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
