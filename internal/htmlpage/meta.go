package htmlpage

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Metadata the extraction library does not give: the publication date and the
// canonical URL, read from the page's own markup. Dates come only from places
// where the publisher states them in machine form (meta tags, schema.org
// microdata and JSON-LD, <time datetime>), parsed with a few ISO 8601 layouts:
// a free-text date parser would cost start-up time and memory in every binary
// and guess wrong on prose dates.

// dateMetaNames are the meta tags (property or name, lower case) that state the
// publication date, best first.
var dateMetaNames = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"datepublished", "article.published", "publishdate", "pubdate", "publish-date",
	"parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date",
	"date", "article:published", "cxenseparse:recs:publishtime",
}

// dateLayouts are the machine forms a page states a date in.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	"2006-01-02 15:04:05 MST",
	time.RFC1123Z,
	time.RFC1123,
	"02 Jan 2006 15:04 MST",
	"2 Jan 2006 15:04 MST",
	"January 2, 2006, 03:04 PM MST",
	"January 2, 2006 03:04 PM MST",
	"January 2, 2006 15:04",
	"January 2, 2006",
}

// parseDate reads s in one of dateLayouts; a year outside 1990–2100 is no date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if y := t.Year(); y < 1990 || y > 2100 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// pageMeta is what metadata reads from the tree.
type pageMeta struct {
	published time.Time
	canonical string
}

// metadata walks the parsed page once (iteratively: CheckShape bounded its
// depth, but no recursion is needed) and collects the date and canonical URL.
func metadata(doc *html.Node) pageMeta {
	metaDates := map[string]string{}
	var itemprop, jsonld, timeEl, timePub, canonical, ogURL string
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			key := strings.ToLower(attr(n, "property"))
			if key == "" {
				key = strings.ToLower(attr(n, "name"))
			}
			content := attr(n, "content")
			if key == "og:url" && ogURL == "" {
				ogURL = strings.TrimSpace(content)
			}
			if key != "" && metaDates[key] == "" {
				metaDates[key] = content
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && itemprop == "" {
				itemprop = content
			}
		case atom.Link:
			if strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") && canonical == "" {
				canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Script:
			if jsonld == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
				if s, ok := jsonLDDate(n.FirstChild.Data); ok {
					jsonld = s
				}
			}
		case atom.Time:
			dt := attr(n, "datetime")
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && itemprop == "" {
				itemprop = dt
			}
			if hasAttr(n, "pubdate") && timePub == "" {
				timePub = dt
			}
			if timeEl == "" {
				timeEl = dt
			}
		default:
			if itemprop == "" && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
				itemprop = attr(n, "content")
				if itemprop == "" {
					itemprop = attr(n, "datetime")
				}
			}
		}
	}
	m := pageMeta{canonical: canonical}
	if m.canonical == "" {
		m.canonical = ogURL
	}
	candidates := make([]string, 0, len(dateMetaNames)+4)
	for _, k := range dateMetaNames {
		candidates = append(candidates, metaDates[k])
	}
	candidates = append(candidates, itemprop, jsonld, timePub, timeEl)
	for _, c := range candidates {
		if t, ok := parseDate(c); ok {
			m.published = t
			break
		}
	}
	return m
}

// jsonLDDate finds datePublished (else dateCreated) in a JSON-LD block, at any
// depth (a NewsArticle inside @graph or a list).
func jsonLDDate(src string) (string, bool) {
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		// Hand-written JSON-LD often has a trailing comma; the date is still
		// stated as "datePublished": "…".
		for _, re := range []*regexp.Regexp{jsonLDPublished, jsonLDCreated} {
			if m := re.FindStringSubmatch(src); m != nil {
				if _, ok := parseDate(m[1]); ok {
					return m[1], true
				}
			}
		}
		return "", false
	}
	for _, key := range []string{"datePublished", "dateCreated"} {
		if s, ok := findKey(v, key); ok {
			return s, true
		}
	}
	return "", false
}

// jsonLDPublished and jsonLDCreated read a date out of JSON-LD that does not parse.
var (
	jsonLDPublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{1,64})"`)
	jsonLDCreated   = regexp.MustCompile(`"dateCreated"\s*:\s*"([^"]{1,64})"`)
)

// findKey returns the first string value of key in v, searched breadth-first
// without recursion (encoding/json bounds the nesting).
func findKey(v any, key string) (string, bool) {
	queue := []any{v}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		switch t := x.(type) {
		case map[string]any:
			if s, ok := t[key].(string); ok && strings.TrimSpace(s) != "" {
				if _, ok := parseDate(s); ok {
					return s, true
				}
			}
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys) // map order is random; the answer must not be
			for _, k := range keys {
				queue = append(queue, t[k])
			}
		case []any:
			queue = append(queue, t...)
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
