package scoring

import "math"

// weigh adds the weights of feats to z, in order (so the sum is the same to
// the bit however it is computed elsewhere), and with reasons keeps in up and
// down the strongest positive and negative contributions of at least
// minReason (keepTop). It is apart from checkTokens so its loop keeps its
// values in registers: inside checkTokens' larger body they were spilled to
// the stack and reloaded for every feature.
func (m *checkModel) weigh(feats []featOcc, z float64, reasons bool, up, down []contribution) (float64, []contribution, []contribution) {
	if !reasons {
		for k := range feats {
			z += m.weight(feats[k].f)
		}
		return z, up, down
	}
	for k := range feats {
		o := &feats[k]
		w := m.weight(o.f)
		z += w
		a := math.Abs(w)
		if a < minReason {
			continue
		}
		if w > 0 {
			if len(up) < maxReasons || math.Abs(up[maxReasons-1].w) < a { // else keepTop keeps top as is
				up = keepTop(up, contribution{f: o.f, i: int(o.i), j: int(o.j), w: w})
			}
		} else if len(down) < maxReasons || math.Abs(down[maxReasons-1].w) < a {
			down = keepTop(down, contribution{f: o.f, i: int(o.i), j: int(o.j), w: w})
		}
	}
	return z, up, down
}
