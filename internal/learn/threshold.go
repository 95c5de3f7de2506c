package learn

// BestThresholdBy is BestThreshold for any objective of the threshold — a
// macro-average of F1 over domains, F1 with a precision floor: the threshold in
// [0,1] whose objective, averaged over ±0.05 on a grid of steps of 0.005, is
// largest, so the choice sits in a broad good region rather than on a spike.
// It returns the threshold and its (unsmoothed) objective. objective must be
// deterministic; it is called once per grid point.
func BestThresholdBy(objective func(threshold float64) float64) (threshold, value float64) {
	const step, half = 0.005, 10
	n := int(1/step) + 1
	vals := make([]float64, n)
	for k := range vals {
		vals[k] = objective(float64(k) * step)
	}
	best, bestK := -1e300, n/2
	for k := range vals {
		var sum float64
		var cnt int
		for d := -half; d <= half; d++ {
			if j := k + d; j >= 0 && j < n {
				sum += vals[j]
				cnt++
			}
		}
		if m := sum / float64(cnt); m > best {
			best, bestK = m, k
		}
	}
	return float64(bestK) * step, vals[bestK]
}
