package contradiction

// Restater returns Restates with each text's content keys computed once: pruning
// asks about the same few claims over and over (each kept claim against every
// weaker link of its end), and analysing both texts anew for every question was
// the largest cost of a call. The function it returns is for one pruning pass,
// by one goroutine; its memory grows with the distinct texts it is asked about.
func (c *Classifier) Restater() func(a, b string) bool {
	keys := map[string][]string{}
	keysOf := func(s string) []string {
		k, ok := keys[s]
		if !ok {
			k = c.lx.analyze(s).keys()
			keys[s] = k
		}
		return k
	}
	return func(a, b string) bool { return restatesKeys(a, b, keysOf(a), keysOf(b)) }
}
