package contradiction

// Restater returns Restates with each text's content keys computed once and
// remembered: pruning tests one kept claim against every other link of a claim,
// and an article of thousands of near-identical claims made each test analyse
// both texts afresh (most of the CPU of such an article). The function is for
// one goroutine and one pruning pass; it holds every text it has seen.
func (c *Classifier) Restater() func(a, b string) bool {
	keys := map[string][]string{}
	keysOf := func(text string) []string {
		k, ok := keys[text]
		if !ok {
			k = c.lx.analyze(text).keys()
			keys[text] = k
		}
		return k
	}
	return func(a, b string) bool { return restates(keysOf(a), keysOf(b), a == b) }
}
