// Package htmlpage reads a news web page: it extracts the article's main body as
// plain text, with paragraphs, headings and list items kept apart, and the page's
// metadata (title, byline, publication date, site name, canonical URL, language),
// so the claim pipeline can read a page as it reads plain text. It also maps
// ranges of the extracted text back to byte ranges of the page as sent.
//
// Extraction is done by github.com/markusmobius/go-trafilatura (Apache-2.0, pure
// Go), chosen over go-readability after measuring both on 181 real news pages of
// the Zyte article-extraction benchmark: body F1 0.952 against 0.945 (readeck
// go-readability v2) and 0.913 (go-shiori go-readability, deprecated), with the
// better precision (0.941 against 0.914) and a publication date on 177 pages
// against 130; see BENCHMARKS.md.
//
// Pages are hostile input. Before parsing, Read bounds the nesting depth and the
// element count with a streaming tokenizer, so no page can make the parser or the
// library's recursive passes deep or slow; the context is honoured while the
// library runs. The page is read as the UTF-8 string it arrives as: a declared
// meta charset is ignored, since the API's strings are UTF-8 already.
package htmlpage
