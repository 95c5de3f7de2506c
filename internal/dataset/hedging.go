package dataset

// HedgeCue is one gold uncertainty cue of a Szeged sentence.
type HedgeCue struct {
	Start int    `json:"start"` // UTF-8 byte offsets into the sentence text
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"` // e.g. "speculation_modal_probable_"
}

// HedgeSentence is one record of hedging/szeged-*.jsonl: a sentence, its domain
// (wiki, factbank, bio_bmc, bio_fly, bio_hbc), whether it is uncertain and its cues.
type HedgeSentence struct {
	ID        string     `json:"id"`
	Domain    string     `json:"domain"`
	Text      string     `json:"text"`
	Uncertain bool       `json:"uncertain"`
	Cues      []HedgeCue `json:"cues"`
}

// CertaintySentence is one record of hedging/certainty-*.jsonl: a science-news
// finding with its graded certainty, 1 (very uncertain) to 6 (certain).
type CertaintySentence struct {
	ID        string  `json:"id"`
	Text      string  `json:"text"`
	Certainty float64 `json:"certainty"`
}

// ReadHedging reads a szeged-*.jsonl file.
func ReadHedging(path string) ([]HedgeSentence, error) { return ReadJSONL[HedgeSentence](path) }

// ReadCertainty reads a certainty-*.jsonl file.
func ReadCertainty(path string) ([]CertaintySentence, error) {
	return ReadJSONL[CertaintySentence](path)
}
