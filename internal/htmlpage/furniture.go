package htmlpage

import (
	_ "embed"
	"regexp"
	"strings"
)

// Furniture inside the body. Extraction keeps some reader-facing paragraphs that
// are no part of the article (newsletter prompts, "Follow us on Twitter", reprint
// notices, credit lines); they would become claims in the page's own voice, so a
// short paragraph holding one of the phrases of furniture.txt, an e-mail address,
// and no quotation is dropped.

//go:embed furniture.txt
var furnitureList string

// furniture is the parsed list: phrases anywhere, and phrases that must open the
// paragraph.
var furniture = parseFurniture(furnitureList)

type furniturePhrases struct{ anywhere, leading []string }

func parseFurniture(list string) furniturePhrases {
	var f furniturePhrases
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "^"):
			f.leading = append(f.leading, line[1:])
		default:
			f.anywhere = append(f.anywhere, line)
		}
	}
	return f
}

// maxFurnitureWords is the longest paragraph read as furniture: a prompt or a
// credit line is short; a long paragraph that mentions a newsletter is reporting.
const maxFurnitureWords = 40

// emailAddress finds an e-mail address ("letters@example.com").
var emailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)

// isFurniture says whether a body paragraph is reader-facing furniture.
func isFurniture(p string) bool {
	if len(strings.Fields(p)) > maxFurnitureWords || strings.ContainsAny(p, "\"“”«»") {
		return false
	}
	low := strings.ToLower(p)
	for _, s := range furniture.leading {
		if strings.HasPrefix(low, s) {
			return true
		}
	}
	for _, s := range furniture.anywhere {
		if strings.Contains(low, s) {
			return true
		}
	}
	return emailAddress.MatchString(p)
}
