package dataset

// CheckworthySentence is one record of checkworthy/ct24-*.jsonl: a sentence from
// a political debate and whether it is a check-worthy factual claim.
type CheckworthySentence struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Checkworthy bool   `json:"checkworthy"`
}

// ReadCheckworthy reads a ct24-*.jsonl file.
func ReadCheckworthy(path string) ([]CheckworthySentence, error) {
	return ReadJSONL[CheckworthySentence](path)
}
