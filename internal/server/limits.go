package server

// Limits bound what one request may ask of the service, so that no client can make it
// buffer or compute without end. Requests over a limit fail with RESOURCE_EXHAUSTED
// naming the limit; they are never silently truncated.
type Limits struct {
	// MaxArticleBytes bounds one article's text.
	MaxArticleBytes int
	// MaxHTMLBytes bounds one article sent as a web page (content type
	// text/html): pages carry markup, scripts and styles around the text, so they
	// get more room. Zero means MaxArticleBytes.
	MaxHTMLBytes int
	// MaxBatchArticles bounds the number of articles in one BatchExtractClaims call.
	MaxBatchArticles int
	// MaxBatchBytes bounds the total text of one BatchExtractClaims call.
	MaxBatchBytes int
	// MaxStatementBytes bounds each statement of a CompareClaims call.
	MaxStatementBytes int
	// MaxIDBytes bounds a client's article ID.
	MaxIDBytes int
}

// DefaultLimits are the limits the service runs with when not configured: room for
// any real news article (the longest PolNeAR article is under 60 KB) with a wide margin.
func DefaultLimits() Limits {
	return Limits{
		MaxArticleBytes:   1 << 20,
		MaxHTMLBytes:      4 << 20,
		MaxBatchArticles:  64,
		MaxBatchBytes:     8 << 20,
		MaxStatementBytes: 64 << 10,
		MaxIDBytes:        256,
	}
}

// htmlBytes is the limit for a web page.
func (l Limits) htmlBytes() int {
	if l.MaxHTMLBytes > 0 {
		return l.MaxHTMLBytes
	}
	return l.MaxArticleBytes
}
