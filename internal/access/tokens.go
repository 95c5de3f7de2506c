package access

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"os"
	"strings"
)

// Tokens is the set of bearer tokens a server accepts. A nil or empty set turns
// authentication off.
type Tokens struct {
	digests [][sha256.Size]byte
}

// minTokenLen rejects tokens too short to resist guessing.
const minTokenLen = 16

// LoadTokens reads tokens from file (one per line; blank lines and lines
// starting with # are skipped) and from list (comma-separated, as an environment
// variable carries them). Either may be empty; both empty yields an empty set.
func LoadTokens(file, list string) (*Tokens, error) {
	var raw []string
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("access: tokens file: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
				raw = append(raw, line)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("access: tokens file %s: %w", file, err)
		}
	}
	for _, t := range strings.Split(list, ",") {
		if t = strings.TrimSpace(t); t != "" {
			raw = append(raw, t)
		}
	}
	ts := &Tokens{}
	for i, t := range raw {
		if len(t) < minTokenLen {
			return nil, fmt.Errorf("access: token %d is %d characters long, want at least %d", i+1, len(t), minTokenLen)
		}
		ts.digests = append(ts.digests, sha256.Sum256([]byte(t)))
	}
	return ts, nil
}

// Enabled reports whether any token is configured, that is whether callers must
// present one.
func (ts *Tokens) Enabled() bool { return ts != nil && len(ts.digests) > 0 }

// Valid reports whether presented is one of the tokens. It compares SHA-256
// digests (equal length whatever was sent) with subtle.ConstantTimeCompare and
// looks at every token, so the time taken says nothing about how much of a
// token was right or which token matched.
func (ts *Tokens) Valid(presented string) bool {
	if !ts.Enabled() {
		return true
	}
	d := sha256.Sum256([]byte(presented))
	ok := 0
	for i := range ts.digests {
		ok |= subtle.ConstantTimeCompare(d[:], ts.digests[i][:])
	}
	return ok == 1 && presented != ""
}

// bearer extracts the token of an "Authorization: Bearer <token>" value.
func bearer(header string) (string, bool) {
	const prefix = "bearer "
	if len(header) <= len(prefix) || !strings.EqualFold(header[:len(prefix)], prefix) {
		return "", false
	}
	return strings.TrimSpace(header[len(prefix):]), true
}
