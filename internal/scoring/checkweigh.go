package scoring

// weigh adds the weights of feats to z, in order (so the sum is the same to
// the bit however it is computed elsewhere), and with reasons appends to up
// and down the strongest positive and negative contributions of at least
// minReason, strongest first (ties keep the earlier feature). It is apart
// from checkTokens, and keeps the strongest in topReasons rather than slices
// of contributions, so its loop calls nothing and keeps its values in
// registers.
func (m *checkModel) weigh(feats []featOcc, z float64, reasons bool, up, down []contribution) (float64, []contribution, []contribution) {
	if !reasons {
		for k := range feats {
			z += m.weight(feats[k].f)
		}
		return z, up, down
	}
	var pos, neg topReasons
	for k := range feats {
		w := m.weight(feats[k].f)
		z += w
		// add keeps a full top as it is unless w is stronger than its last
		if w >= minReason && (pos.n < maxReasons || pos.a[maxReasons-1] < w) {
			pos.add(w, k)
		} else if w <= -minReason && (neg.n < maxReasons || neg.a[maxReasons-1] < -w) {
			neg.add(-w, k)
		}
	}
	for r := range pos.n {
		o := &feats[pos.k[r]]
		up = append(up, contribution{f: o.f, i: int(o.i), j: int(o.j), w: pos.a[r]})
	}
	for r := range neg.n {
		o := &feats[neg.k[r]]
		down = append(down, contribution{f: o.f, i: int(o.i), j: int(o.j), w: -neg.a[r]})
	}
	return z, up, down
}

// topReasons is the strongest maxReasons contributions of one sign seen so
// far: their |w| in descending order and their occurrences' indices, a later
// one of equal |w| after the earlier (the first maxReasons of all of them
// stably sorted by |w| descending).
type topReasons struct {
	n int
	a [maxReasons]float64
	k [maxReasons]int
}

// add offers the contribution of |w| a of occurrence k, which must be
// stronger than the last of a full top (weigh tests that first, which keeps
// add small enough to inline).
func (t *topReasons) add(a float64, k int) {
	p := t.n
	for p > 0 && t.a[p-1] < a {
		p--
	}
	if t.n < maxReasons {
		t.n++
	}
	for m := t.n - 1; m > p; m-- {
		t.a[m], t.k[m] = t.a[m-1], t.k[m-1]
	}
	t.a[p], t.k[p] = a, k
}
