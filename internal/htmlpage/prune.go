package htmlpage

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Pruning: go-readability keeps a container's blocks whole, so teaser lists of
// other stories ("Read more: …", a list of headline links), link rows and
// sponsored headline grids inside the article container reach the text and
// become claims from outside the article. A block most of whose text is link
// text is navigation, not prose; an article paragraph that cites a source has a
// link on a few words only.

// pruneTags are the blocks judged by their link density.
var pruneTags = map[string]bool{"p": true, "li": true, "ul": true, "ol": true, "dl": true, "table": true, "div": true, "section": true, "aside": true, "nav": true}

// maxLinkShare is the share of a block's letters in links above which it is dropped.
const maxLinkShare = 0.5

// prune removes link-dense blocks (and asides and navs outright) from the
// library's content tree, bottom-up so a list goes before its container is judged.
func prune(root *html.Node) {
	var visit func(n *html.Node, depth int) (all, linked int)
	visit = func(n *html.Node, depth int) (all, linked int) {
		if depth > maxRenderDepth {
			return 0, 0
		}
		if n.Type == html.TextNode {
			c := letters(n.Data)
			return c, 0
		}
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return 0, 0
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			a, l := visit(c, depth+1)
			all += a
			linked += l
			c = next
		}
		if n.Data == "a" {
			linked = all
		}
		if n.Type == html.ElementNode && n.Parent != nil && n != root && pruneTags[n.Data] &&
			(n.Data == "nav" || n.Data == "aside" || (all > 0 && float64(linked) > maxLinkShare*float64(all))) {
			n.Parent.RemoveChild(n)
			return 0, 0
		}
		return all, linked
	}
	visit(root, 0)
}

// letters counts the letters and digits of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// furnitureNames are words in a class or id that mark page furniture rather than
// article text: captions and credits, share and follow rows, newsletter and
// subscription boxes, related-story and sponsored grids, cookie notices and
// comment sections. go-readability drops class names before it scores, so
// these are removed from the page before the library runs.
var furnitureNames = []string{
	"caption", "credit", "newsletter", "subscribe", "related", "promo", "share", "social",
	"cookie", "comment", "disclosure", "sponsor", "outbrain", "taboola", "author-bio", "authorbio",
	"about-author", "recommend", "trending",
}

// keepTags are never removed by their class name: they hold the whole page.
var keepTags = map[string]bool{"html": true, "head": true, "body": true, "main": true, "article": true}

// dropFurniture removes the elements of doc whose class or id names furniture.
func dropFurniture(doc *html.Node) {
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && !keepTags[c.Data] && namesFurniture(c) {
				n.RemoveChild(c)
			} else {
				stack = append(stack, c)
			}
			c = next
		}
	}
}

func namesFurniture(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, w := range furnitureNames {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}
