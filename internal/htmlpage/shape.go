package htmlpage

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Limits a page must respect before it is parsed.
const (
	// MaxDepth bounds how deeply elements nest. Real pages stay under 60 levels;
	// deeper nesting is generated or hostile and would make recursive passes slow.
	MaxDepth = 512
	// MaxElements bounds the number of start tags (a 5 MB news page has about
	// 60,000), so the parsed tree stays a bounded multiple of the input.
	MaxElements = 200_000
)

// ErrTooDeep is returned for a page whose elements nest deeper than MaxDepth.
var ErrTooDeep = errors.New("htmlpage: elements nest too deeply")

// ErrTooManyElements is returned for a page with more than MaxElements elements.
var ErrTooManyElements = errors.New("htmlpage: too many elements")

// ctxCheckTokens is how many tokens the shape check reads between context checks.
const ctxCheckTokens = 4096

// CheckShape streams through page once and fails when its nesting or element
// count exceeds the limits. Depth follows start and end tags as written (void
// elements and self-closing tags do not nest; an end tag closes back to its
// nearest open match, a stray one is ignored), which bounds the parser's tree.
func CheckShape(ctx context.Context, page string) error {
	z := html.NewTokenizer(strings.NewReader(page))
	var stack []string
	elements := 0
	for n := 0; ; n++ {
		if n%ctxCheckTokens == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("htmlpage: %w", err)
			}
		}
		switch z.Next() {
		case html.ErrorToken:
			return nil // io.EOF: the tokenizer reads a string, so no other error
		case html.StartTagToken:
			elements++
			if elements > MaxElements {
				return fmt.Errorf("%w: more than %d", ErrTooManyElements, MaxElements)
			}
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				continue
			}
			stack = closeImplied(stack, tag)
			stack = append(stack, tag)
			if len(stack) > MaxDepth {
				return fmt.Errorf("%w: more than %d levels", ErrTooDeep, MaxDepth)
			}
		case html.SelfClosingTagToken:
			elements++
			if elements > MaxElements {
				return fmt.Errorf("%w: more than %d", ErrTooManyElements, MaxElements)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for i := len(stack) - 1; i >= 0 && i >= len(stack)-MaxDepth; i-- {
				if stack[i] == string(name) {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// impliedWindow is how far back closeImplied looks for an element a start tag
// closes implicitly.
const impliedWindow = 8

// closeImplied pops the elements that a start tag of tag closes without an end
// tag, as the parser does: a new <p>, <li>, <td> … closes the open one of its
// kind, and a block element closes an open <p>. Old pages leave thousands of <p>
// unclosed; counting them as nesting would refuse real articles.
func closeImplied(stack []string, tag string) []string {
	closes := tag
	if tag != "p" && closesP[tag] {
		closes = "p"
	} else if !selfClosing[tag] {
		return stack
	}
	for i := len(stack) - 1; i >= 0 && i >= len(stack)-impliedWindow; i-- {
		if stack[i] == closes {
			return stack[:i]
		}
	}
	return stack
}

// selfClosing are the elements a start tag of the same kind closes.
var selfClosing = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "option": true, "tr": true, "td": true,
	"th": true, "thead": true, "tbody": true, "tfoot": true, "rt": true, "rp": true,
}

// closesP are the block elements whose start tag closes an open <p>.
var closesP = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "div": true, "dl": true,
	"fieldset": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "main": true, "nav": true,
	"ol": true, "pre": true, "section": true, "table": true, "ul": true, "figcaption": true,
}

// voidElements never have content or an end tag (HTML Living Standard §13.1.2).
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"param": true, "keygen": true,
}
