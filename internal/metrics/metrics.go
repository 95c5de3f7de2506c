// Package metrics computes the evaluation figures claimeval reports: precision,
// recall and F1 of a positive class, false-positive rate, AUROC, average precision
// and correlations. They are written here once so every task scores the same way.
package metrics

import (
	"math"
	"sort"
)

// Confusion counts binary decisions against gold labels.
type Confusion struct {
	TP, FP, FN, TN int
}

// Add records one decision.
func (c *Confusion) Add(predicted, gold bool) {
	switch {
	case predicted && gold:
		c.TP++
	case predicted && !gold:
		c.FP++
	case !predicted && gold:
		c.FN++
	default:
		c.TN++
	}
}

// Precision is TP/(TP+FP), 0 when nothing was predicted positive.
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when there is no gold positive.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Confusion) F1() float64 { return F1(c.Precision(), c.Recall()) }

// FPR is the false-positive rate FP/(FP+TN): how often a negative is flagged.
func (c Confusion) FPR() float64 { return ratio(c.FP, c.FP+c.TN) }

// F1 combines a precision and a recall.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PRF returns precision, recall and F1 from counts of matched items, predicted
// items and gold items, the form span-matching metrics produce.
func PRF(matched, predicted, gold int) (p, r, f float64) {
	p, r = ratio(matched, predicted), ratio(matched, gold)
	return p, r, F1(p, r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AUROC is the area under the ROC curve of scores against binary labels: the
// probability that a random positive scores above a random negative, ties
// counting half. It returns NaN when either class is absent.
func AUROC(scores []float64, labels []bool) float64 {
	ranks := averageRanks(scores)
	var pos, neg int
	var rankSum float64
	for i, l := range labels {
		if l {
			pos++
			rankSum += ranks[i]
		} else {
			neg++
		}
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - float64(pos)*float64(pos+1)/2) / (float64(pos) * float64(neg))
}

// AveragePrecision is the area under the precision-recall curve as the mean of
// precision at each positive, ranking by descending score (ties broken by input
// order, which makes the figure reproducible). It returns NaN without positives.
func AveragePrecision(scores []float64, labels []bool) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	var tp, total int
	for _, l := range labels {
		if l {
			total++
		}
	}
	if total == 0 {
		return math.NaN()
	}
	var sum float64
	for k, i := range idx {
		if labels[i] {
			tp++
			sum += float64(tp) / float64(k+1)
		}
	}
	return sum / float64(total)
}

// Pearson is the linear correlation of x and y; NaN when either is constant.
func Pearson(x, y []float64) float64 {
	n := float64(len(x))
	if n == 0 || len(x) != len(y) {
		return math.NaN()
	}
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

// Spearman is the rank correlation of x and y (Pearson over average ranks).
func Spearman(x, y []float64) float64 {
	return Pearson(averageRanks(x), averageRanks(y))
}

// averageRanks gives 1-based ranks, ties sharing their average rank.
func averageRanks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	ranks := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		r := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			ranks[idx[k]] = r
		}
		i = j + 1
	}
	return ranks
}
