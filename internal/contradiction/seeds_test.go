package contradiction

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/claimsvc/claimsvc/internal/claim"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// seedSpeakers are the people the seed articles quote; a test claim is attributed to
// the one its sentence names, or to the last one named in its article when it
// starts with "He". This stands in for the extractor, which attributes properly.
var seedSpeakers = []string{"Sergei Ryabkov", "Sergei Lavrov", "Marco Rubio", "Anthony Blinken"}

// seedClaims reads every seed article and makes one claim per sentence, with IDs
// "<file prefix>#<n>", as the pipeline would for a batch of the five articles.
func seedClaims(t *testing.T) []claim.Claim {
	t.Helper()
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		t.Skipf("no seed articles (%v): seed tests need ../shared/seeds", err)
	}
	var claims []claim.Claim
	for _, sd := range seeds {
		prefix := sd.Name[:3]
		last := ""
		for n, s := range sentences(sd.Text) {
			sp := claim.Speaker{Kind: claim.SpeakerArticle}
			for _, name := range seedSpeakers {
				surname := name[strings.LastIndexByte(name, ' ')+1:]
				if strings.Contains(s, surname) {
					last = name
					sp = claim.Speaker{Name: name, Kind: claim.SpeakerPerson}
					break
				}
			}
			if sp.Name == "" && last != "" && strings.HasPrefix(s, "He ") {
				sp = claim.Speaker{Name: last, Kind: claim.SpeakerPerson}
			}
			claims = append(claims, claim.Claim{ID: prefix + "#" + itoa(n+1), Text: s, Speaker: sp})
		}
	}
	return claims
}

// sentences splits text at . ! ? followed by a space and a capital, and at line
// breaks; good enough for the seeds' prose.
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		rs := []rune(line)
		for i := 0; i < len(rs); i++ {
			if (rs[i] == '.' || rs[i] == '!' || rs[i] == '?') && i+2 < len(rs) && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
				if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
					out = append(out, s)
				}
				start = i + 2
			}
		}
		// keep the last piece only if it is a sentence: titles, menus and table rows
		// have no final stop, and the extractor does not return them as claims
		if s := strings.TrimSpace(string(rs[start:])); len(strings.Fields(s)) >= 4 && strings.HasSuffix(s, ".") {
			out = append(out, s)
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// seedLink locates a claim pair of the seed batch by article and a few words of
// each sentence (locators, not copies: the text is read from ../shared/seeds).
type seedLink struct {
	aFile, aWords, bFile, bWords string
	relations                    []claim.Relation // acceptable readings
	reasons                      []claim.Reason
}

// TestSeedBatch batches the five seed articles, one claim per sentence, and checks
// the conflicts the issue names are linked with sensible reasons, and that claims
// restating each other are not.
func TestSeedBatch(t *testing.T) {
	c := newClassifier(t)
	claims := seedClaims(t)
	links, err := c.Link(context.Background(), claims)
	if err != nil {
		t.Fatal(err)
	}
	find := func(file, words string) string {
		for _, cl := range claims {
			if strings.HasPrefix(cl.ID, file+"#") && strings.Contains(cl.Text, words) {
				return cl.ID
			}
		}
		t.Fatalf("seed %s has no sentence with %q (seeds changed?)", file, words)
		return ""
	}
	linked := map[[2]string]claim.Link{}
	for _, l := range links {
		if l.Reason == claim.ReasonUnspecified || l.Explanation == "" || l.Score < DefaultThreshold || l.Score > 1 {
			t.Errorf("link %+v lacks a reason, explanation or valid score", l)
		}
		linked[[2]string{l.A, l.B}] = l
		linked[[2]string{l.B, l.A}] = l
	}
	mustLink := []seedLink{
		// 000: Washington maintains open lines of communication; 002: Ryabkov, no direct formal line
		{"000", "maintaining open lines", "002", "no direct, formal line",
			[]claim.Relation{claim.RelationDispute, claim.RelationContradiction}, []claim.Reason{claim.ReasonNegation}},
		// 003: agreed to reopen military channels, after 002's "no line": a change over time
		{"003", "agreed to reopen military", "002", "no direct, formal line",
			[]claim.Relation{claim.RelationUpdate}, []claim.Reason{claim.ReasonChangeOfState}},
		// 004: Lavrov, little interest in dialogue / contact is rare
		{"004", "little interest", "000", "maintaining open lines",
			[]claim.Relation{claim.RelationDispute}, []claim.Reason{claim.ReasonQuantity}},
		{"004", "is rare", "000", "maintaining open lines",
			[]claim.Relation{claim.RelationDispute}, []claim.Reason{claim.ReasonQuantity}},
		// 001: Rubio, formal contact scarce for nearly two years
		{"001", "scarce for nearly", "000", "maintaining open lines",
			[]claim.Relation{claim.RelationDispute}, []claim.Reason{claim.ReasonQuantity}},
	}
	for _, m := range mustLink {
		a, b := find(m.aFile, m.aWords), find(m.bFile, m.bWords)
		l, ok := linked[[2]string{a, b}]
		if !ok {
			t.Errorf("%s (%q) and %s (%q) not linked", a, m.aWords, b, m.bWords)
			continue
		}
		if !slices.Contains(m.relations, l.Relation) || !slices.Contains(m.reasons, l.Reason) {
			t.Errorf("%s ~ %s: relation %v reason %v, want one of %v / %v (%s)", a, b, l.Relation, l.Reason, m.relations, m.reasons, l.Explanation)
		}
		t.Logf("%s ~ %s %.2f: %s", l.A, l.B, l.Score, l.Explanation)
	}
	mustNot := [][4]string{
		// the same negative claim said twice in 002
		{"002", "no direct, formal line", "002", "do not maintain a direct, formal mechanism"},
		// 000 restating its open channels
		{"000", "maintaining open lines", "000", "steady line of communication"},
		{"000", "maintaining open lines", "000", "keeping diplomatic lines open"},
		// 003 restating the agreement
		{"003", "agreed to reopen military", "003", "agreeing to restore"},
	}
	for _, m := range mustNot {
		a, b := find(m[0], m[1]), find(m[2], m[3])
		if l, ok := linked[[2]string{a, b}]; ok {
			t.Errorf("restatements %s (%q) and %s (%q) linked: %s", a, m[1], b, m[3], l.Explanation)
		}
	}
	// Lavrov's "rare", Rubio's "scarce" and Ryabkov's "no … line" corroborate each
	// other across articles: agreements, never oppositions
	mustAgree := [][4]string{
		{"004", "is rare", "001", "scarce for nearly"},
		{"004", "is rare", "002", "no direct, formal line"},
		{"001", "scarce for nearly", "002", "no direct, formal line"},
	}
	for _, m := range mustAgree {
		a, b := find(m[0], m[1]), find(m[2], m[3])
		l, ok := linked[[2]string{a, b}]
		if !ok || l.Relation != claim.RelationAgrees {
			t.Errorf("%s (%q) and %s (%q) should agree, got %+v", a, m[1], b, m[3], l)
			continue
		}
		t.Logf("%s ~ %s agree %.2f: %s", l.A, l.B, l.Score, l.Explanation)
	}
	t.Logf("%d sentences, %d links", len(claims), len(links))
}

func newClassifier(t testing.TB) *Classifier {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
