package dataset

// Attribution is one gold attribution relation of a PolNeAR article. Spans are
// [start, end) UTF-8 byte offsets into the article text; each field may hold several
// discontinuous spans, and Source is empty when the speaker is implicit.
type Attribution struct {
	Source      [][2]int `json:"source"`
	SourceText  string   `json:"source_text"`
	Cue         [][2]int `json:"cue"`
	CueText     string   `json:"cue_text"`
	Content     [][2]int `json:"content"`
	ContentText string   `json:"content_text"`
	QuoteType   string   `json:"quote_type"` // direct, indirect, mixed or no_content
}

// AttributionArticle is one record of attribution/polnear-*.jsonl: an article and
// every attribution relation annotated in it.
type AttributionArticle struct {
	ID           string        `json:"id"`
	Publisher    string        `json:"publisher"`
	Text         string        `json:"text"`
	Attributions []Attribution `json:"attributions"`
}

// ReadAttribution reads a polnear-*.jsonl file.
func ReadAttribution(path string) ([]AttributionArticle, error) {
	return ReadJSONL[AttributionArticle](path)
}
