package htmlpage

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // RFC3339 in UTC, "" for no date
	}{
		{"2024-05-06T07:08:09Z", "2024-05-06T07:08:09Z"},
		{"2024-05-06T07:08:09+02:00", "2024-05-06T05:08:09Z"},
		{"2024-05-06T07:08:09.123-0500", "2024-05-06T12:08:09Z"},
		{"2024-05-06 07:08:09", "2024-05-06T07:08:09Z"},
		{"2024-05-06", "2024-05-06T00:00:00Z"},
		{"  2024-05-06  ", "2024-05-06T00:00:00Z"},
		{"06 May 2024 07:08 GMT", "2024-05-06T07:08:00Z"},
		{"0001-01-01T00:00:00Z", ""}, // a template's zero date is no date
		{"yesterday", ""},
		{"", ""},
		{strings.Repeat("2", 100), ""},
	} {
		got, ok := parseDate(tc.in)
		if tc.want == "" {
			if ok {
				t.Errorf("parseDate(%q) = %v, want no date", tc.in, got)
			}
			continue
		}
		if !ok || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", tc.in, got, ok, tc.want)
		}
	}
}

func TestMetadata(t *testing.T) {
	for _, tc := range []struct {
		name, page, date, canonical string
	}{
		{"article meta wins over time element",
			`<head><meta property="article:published_time" content="2025-01-02T03:04:05Z"><link rel="canonical" href="https://x.example/a"></head><body><time datetime="2020-01-01">old</time></body>`,
			"2025-01-02", "https://x.example/a"},
		{"JSON-LD in a graph",
			`<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-11-30T10:00:00+01:00"}]}</script>`,
			"2024-11-30", ""},
		{"JSON-LD with a trailing comma",
			`<script type="application/ld+json">{"keywords":["a",], "dateCreated": "2023-07-08"}</script>`,
			"2023-07-08", ""},
		{"microdata on a time element, og:url as the URL",
			`<meta property="og:url" content="https://y.example/b"><p>By Ann <time itemprop="datePublished" datetime="2022-02-03T04:05">3 Feb</time></p>`,
			"2022-02-03", "https://y.example/b"},
		{"prose date only", `<p>Published on the third of March</p>`, "", ""},
	} {
		doc, err := html.Parse(strings.NewReader(tc.page))
		if err != nil {
			t.Fatal(err)
		}
		m := metadata(doc)
		got := ""
		if !m.published.IsZero() {
			got = m.published.UTC().Format("2006-01-02")
		}
		if got != tc.date || m.canonical != tc.canonical {
			t.Errorf("%s: date %q canonical %q, want %q %q", tc.name, got, m.canonical, tc.date, tc.canonical)
		}
	}
}

func TestPrune(t *testing.T) {
	page := `<div><p>The council said on Monday that the bridge <a href="/r">would reopen</a> in spring after repairs.</p>` +
		`<ul><li><a href="/1">Another story about a fire</a></li><li><a href="/2">A second unrelated story</a></li></ul>` +
		`<p><a href="/x">Read more</a> about it</p><aside>Sidebar text</aside></div>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	prune(doc)
	got := render(doc)
	want := "The council said on Monday that the bridge would reopen in spring after repairs."
	if got != want {
		t.Errorf("pruned text = %q, want %q", got, want)
	}
}

func TestDropFurniture(t *testing.T) {
	page := `<body class="share-enabled"><article><p>Body text.</p><figure><span class="image-credit">Photo: Agency</span></figure>` +
		`<div id="newsletter-signup">Sign up now</div><section class="comments">A comment</section></article></body>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	dropFurniture(doc)
	if got := render(doc); got != "Body text." {
		t.Errorf("text after dropping furniture = %q, want %q", got, "Body text.")
	}
}
