package scoring

import (
	"strings"
	"testing"

	"github.com/claimsvc/claimsvc/internal/claim"
)

// benchSentences are news-like sentences written for the benchmark (no corpus
// text): attributions, quotes, numbers, hedges, boosters and plain statements.
var benchSentences = []string{
	`Russian Deputy Foreign Minister Sergei Ryabkov said on Tuesday that Moscow and Washington currently maintain no direct, formal line of communication on strategic stability.`,
	`"We may be able to reopen some of these channels if the other side shows goodwill," he told reporters, adding that no talks were scheduled.`,
	`A senior Pentagon spokesperson made clear that the military-to-military deconfliction line established in 2022 remains open and is tested regularly.`,
	`According to two officials familiar with the matter, the administration is reportedly considering new sanctions that could take effect as early as May 20.`,
	`Analysts suggested the announcement was likely aimed at a domestic audience, though it remains unclear whether it signals a change in policy.`,
	`The ministry confirmed that 1,200 troops had been withdrawn from the border region by the end of March, a figure that could not be independently verified.`,
	`Officials in Kyiv claimed the strikes destroyed three air-defence systems; Moscow denied the so-called attack ever took place.`,
	`Trade between the two countries fell by 35 percent last year, the lowest level since 2009, according to customs data published on Monday.`,
}

func benchText() (string, int) {
	text := strings.Join(benchSentences, " ")
	return text, len(text)
}

func BenchmarkHedge(b *testing.B) {
	s := newScorer(b)
	_, n := benchText()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range benchSentences {
			s.Hedge(x)
		}
	}
}

func BenchmarkCheckWorthiness(b *testing.B) {
	s := newScorer(b)
	_, n := benchText()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range benchSentences {
			s.CheckWorthiness(x)
		}
	}
}

// BenchmarkScore scores one claim per sentence (content = the sentence's second
// half, cue = its first "said"/"claimed"/"confirmed" if any), as the pipeline does.
func BenchmarkScore(b *testing.B) {
	s := newScorer(b)
	text, n := benchText()
	var claims []claim.Claim
	off := 0
	for _, x := range benchSentences {
		half := len(x) / 2
		for half < len(x) && x[half] != ' ' {
			half++
		}
		c := claim.Claim{Span: claim.Span{Start: off + half, End: off + len(x)}, Sentence: claim.Span{Start: off, End: off + len(x)}}
		for _, cue := range []string{"said", "claimed", "confirmed", "made clear"} {
			if k := strings.Index(x, cue); k >= 0 {
				c.Attribution = claim.Attribution{Cue: cue, CueSpan: claim.Span{Start: off + k, End: off + k + len(cue)}}
				break
			}
		}
		claims = append(claims, c)
		off += len(x) + 1
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for i := range claims {
			c := claims[i]
			s.Score(text, &c)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
