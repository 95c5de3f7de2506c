package scoretrain

import (
	"fmt"
	"io"
	"sort"

	"github.com/claimsvc/claimsvc/internal/learn"
	"github.com/claimsvc/claimsvc/internal/metrics"
)

// newsDomain is the Szeged domain closest to the service's input: FactBank
// newswire.
const newsDomain = "factbank"

// scoredSet is a set of scored sentences with gold labels and Szeged domains.
// hedged says whether a sentence's evidence holds a hedge
// (scoring.HasHedgeEvidence): without one it is never judged uncertain.
type scoredSet struct {
	domains []string
	scores  []float64
	labels  []bool
	hedged  []bool
}

func (s *scoredSet) add(domain string, score float64, label, hedged bool) {
	s.domains = append(s.domains, domain)
	s.scores = append(s.scores, score)
	s.labels = append(s.labels, label)
	s.hedged = append(s.hedged, hedged)
}

// f1 is the uncertain-class F1 of the scorer's verdicts at threshold t over the sentences of domain
// ("" for all).
func (s *scoredSet) f1(t float64, domain string) float64 {
	var c metrics.Confusion
	for i, sc := range s.scores {
		if domain == "" || s.domains[i] == domain {
			c.Add(sc >= t && s.hedged[i], s.labels[i])
		}
	}
	return c.F1()
}

// report prints overall and per-domain F1 at threshold t and the AUROC.
func (s *scoredSet) report(w io.Writer, name string, t float64) {
	fmt.Fprintf(w, "hedging %s: F1 %.4f AUROC %.4f", name, s.f1(t, ""), metrics.AUROC(s.scores, s.labels))
	seen := map[string]bool{}
	for _, d := range s.domains {
		seen[d] = true
	}
	var ds []string
	for d := range seen {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	for _, d := range ds {
		fmt.Fprintf(w, "  %s %.4f", d, s.f1(t, d))
	}
	fmt.Fprintln(w)
}

// hedgeThreshold picks the default hedging threshold. The dev split alone has
// 46 uncertain newswire sentences, too few to set the threshold the service
// applies to news, so the choice pools the dev scores with the out-of-fold
// scores of the training documents (honest: no cue model saw its own
// documents) and maximises the mean of overall F1 and newswire F1, smoothed
// (learn.BestThresholdBy).
func hedgeThreshold(sets ...*scoredSet) float64 {
	var pooled scoredSet
	for _, s := range sets {
		pooled.domains = append(pooled.domains, s.domains...)
		pooled.scores = append(pooled.scores, s.scores...)
		pooled.labels = append(pooled.labels, s.labels...)
		pooled.hedged = append(pooled.hedged, s.hedged...)
	}
	t, _ := learn.BestThresholdBy(func(t float64) float64 {
		return (pooled.f1(t, "") + pooled.f1(t, newsDomain)) / 2
	})
	return t
}
