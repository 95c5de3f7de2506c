package scoretrain

import (
	"context"
	"github.com/claimsvc/claimsvc/internal/learn"
	"math"

	"github.com/claimsvc/claimsvc/internal/scoring"
)

// layerTraining holds the inputs of the hedging sentence layer: Szeged sentences
// with binary labels and certainty findings with graded targets in [0,1]
// ((6 − certainty)/5, higher = less certain).
type layerTraining struct {
	szegedX [][]float64
	szegedY []float64
	certX   [][]float64
	certT   []float64
}

// fit minimises, by full-batch Adam with fixed settings (deterministic),
//
//	mean log loss of learn.Sigmoid(θ·x) against Szeged's 0/1 labels
//	+ λ · mean log loss against certainty's graded targets t in [0,1],
//
// so the score both separates uncertain from certain sentences and grades how
// uncertain a finding reads. The last feature of x is the constant 1 (the bias).
//
// The weights are kept monotone (projected after every step): hedge evidence can
// only raise the score and boosters only lower it, so a cue a reader sees always
// moves the score the way its sign says.
func (lt *layerTraining) fit(ctx context.Context, lambda float64, iters int) ([]float64, error) {
	if len(lt.szegedX) == 0 {
		return nil, nil
	}
	d := len(lt.szegedX[0])
	theta := make([]float64, d)
	m := make([]float64, len(theta))
	v := make([]float64, len(theta))
	const rate, beta1, beta2 = 0.02, 0.9, 0.999
	grad := make([]float64, len(theta))
	sign := layerSigns()
	for it := 1; it <= iters; it++ {
		if it%100 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		clear(grad)
		ns := float64(len(lt.szegedX))
		for i, x := range lt.szegedX {
			p := learn.Sigmoid(dot(theta[:d], x))
			g := (p - lt.szegedY[i]) / ns
			for k := range x {
				grad[k] += g * x[k]
			}
		}
		if nc := float64(len(lt.certX)); nc > 0 && lambda > 0 {
			for i, x := range lt.certX {
				p := learn.Sigmoid(dot(theta[:d], x))
				g := lambda * (p - lt.certT[i]) / nc
				for k := range x {
					grad[k] += g * x[k]
				}
			}
		}
		for k := range theta {
			m[k] = beta1*m[k] + (1-beta1)*grad[k]
			v[k] = beta2*v[k] + (1-beta2)*grad[k]*grad[k]
			mh := m[k] / (1 - math.Pow(beta1, float64(it)))
			vh := v[k] / (1 - math.Pow(beta2, float64(it)))
			theta[k] -= rate * mh / (math.Sqrt(vh) + 1e-8)
			switch sign[k] {
			case 1:
				theta[k] = math.Max(theta[k], 0)
			case -1:
				theta[k] = math.Min(theta[k], 0)
			case 2:
				theta[k] = 0
			}
		}
	}
	return theta, nil
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// layerSigns is the sign each sentence-layer weight must keep (1: ≥ 0, −1: ≤ 0,
// 0: free, 2: held at 0), in scoring.LayerNames order. "neg" (a negation word
// in a sentence that has a hedge cue) is held at 0: the negation seldom touches
// the hedge ("It's possible that New York has never seen ..."), and the
// negative weight the certainty findings pulled it to hid newswire hedges.
// "neg0" stays free: among cue-less findings "did not increase" does read firmer.
func layerSigns() []int {
	names := scoring.LayerNames()
	out := make([]int, len(names))
	for i, n := range names {
		switch n {
		case "boost", "boost0":
			out[i] = -1
		case "neg":
			out[i] = 2
		case "neg0", "bias":
			out[i] = 0
		default:
			out[i] = 1
		}
	}
	return out
}
