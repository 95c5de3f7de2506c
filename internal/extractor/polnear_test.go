package extractor

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/claimsvc/claimsvc/internal/attreval"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// Floors for the PolNeAR dev regression guard, set a little below the figures the
// extractor reaches (see README.md): a drop under them is a regression.
const (
	floorSpeechQuoteF1     = 0.87  // speech subset, content F1 at 0.3 coverage (dev: 0.884)
	floorSpeechSpeakerF1   = 0.855 // speech subset, speaker F1 at 0.3 coverage (dev: 0.871)
	floorAllCueExactF1     = 0.65  // all relations, exact cue-span F1 (dev: 0.665)
	floorAllSourceExactF1  = 0.665 // all relations, exact source-span F1 (dev: 0.682)
	floorAllContentExactF1 = 0.49  // all relations, exact content-span F1 (dev: 0.507)
	floorAttributedP       = 0.81  // attributed-claim precision, all relations (dev: 0.827)
)

// TestPolNeARDev runs the extractor on PolNeAR dev and fails when attribution
// quality falls below the floors. It skips without the shared data folder.
func TestPolNeARDev(t *testing.T) {
	path, err := dataset.Path("attribution/polnear-dev.jsonl")
	if err != nil {
		t.Skipf("PolNeAR dev not available (%v)", err)
	}
	arts, err := dataset.ReadAttribution(path)
	if err != nil {
		t.Skipf("PolNeAR dev not readable: %v", err)
	}
	verbs, err := attreval.LoadSpeechVerbs(filepath.Join(filepath.Dir(filepath.Dir(path)), "lexicons", "quote-verbs-ggt.txt"))
	if err != nil {
		t.Skipf("speech verb list not available: %v", err)
	}
	e := newTestExtractor(t)
	scored := make([]attreval.Article, 0, len(arts))
	for _, a := range arts {
		cs, err := e.Extract(context.Background(), a.Text)
		if err != nil {
			t.Fatal(err)
		}
		gold := make([]attreval.Relation, 0, len(a.Attributions))
		for _, g := range a.Attributions {
			gold = append(gold, attreval.Relation{Source: g.Source, Cue: g.Cue, Content: g.Content, CueText: g.CueText})
		}
		scored = append(scored, attreval.Article{Gold: gold, Pred: attreval.FromClaims(cs)})
	}
	all := attreval.Score(scored, nil)
	speech := attreval.Score(scored, verbs.IsSpeech)
	t.Logf("speech quote_f1_03=%.3f speaker_f1_03=%.3f; all cue_exact_f1=%.3f", speech.QuoteF103, speech.SpeakerF1, all.CueF1)
	if speech.QuoteF103 < floorSpeechQuoteF1 {
		t.Errorf("speech quote_f1_03 = %.3f, below floor %.2f", speech.QuoteF103, floorSpeechQuoteF1)
	}
	if speech.SpeakerF1 < floorSpeechSpeakerF1 {
		t.Errorf("speech speaker_f1_03 = %.3f, below floor %.2f", speech.SpeakerF1, floorSpeechSpeakerF1)
	}
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"all cue_exact_f1", all.CueF1, floorAllCueExactF1},
		{"all source_exact_f1", all.SourceF1, floorAllSourceExactF1},
		{"all content_exact_f1", all.ContentF1, floorAllContentExactF1},
		{"all attributed_claim_p", all.AttributedP, floorAttributedP},
	} {
		if f.got < f.floor {
			t.Errorf("%s = %.3f, below floor %.3f", f.name, f.got, f.floor)
		}
	}
}
