package server

import (
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
)

// proto.Marshal refuses a string field that is not valid UTF-8; vtprotobuf's
// marshal code writes it as it is. For the responses the service sends on its
// hot paths the codec finds out which it would be by walking the message
// itself, string by string, before encoding: a few loads per field where
// stringsValid, which works for any message, decodes every tag and length of
// the encoded bytes (it was 3.6 % of the server's instructions per
// ExtractClaims call). Every other message type, and a stream response that
// carries an error (google.rpc.Status holds Any), still goes through
// stringsValid. TestVTMarshalPlanted plants invalid UTF-8 in every string field
// reachable from every response type and checks that the codec refuses it as
// proto.Marshal does, so a string field added to the protos and not walked here
// fails a test instead of reaching clients.

// walkedStringsValid reports whether every string in m is valid UTF-8, for the
// message types it walks (walked true); walked is false for any other message,
// whose strings the caller must check another way.
func walkedStringsValid(m proto.Message) (valid, walked bool) {
	switch m := m.(type) {
	case *claimsv1.ExtractClaimsResponse:
		return resultStringsValid(m.GetResult()), true
	case *claimsv1.BatchExtractClaimsResponse:
		for _, r := range m.GetResults() {
			if !resultStringsValid(r) {
				return false, true
			}
		}
		return linksStringsValid(m.GetCrossArticleLinks()) && groupsStringsValid(m.GetGroups()), true
	case *claimsv1.StreamExtractClaimsResponse:
		if m.GetError() != nil {
			return false, false
		}
		return resultStringsValid(m.GetResult()) && linksStringsValid(m.GetCrossArticleLinks()) && groupsStringsValid(m.GetGroups()), true
	}
	return false, false
}

func resultStringsValid(r *claimsv1.ArticleResult) bool {
	if r == nil {
		return true
	}
	if !utf8.ValidString(r.GetArticleId()) || !utf8.ValidString(r.GetDocumentText()) || !utf8.ValidString(r.GetEmptyReason()) {
		return false
	}
	if md := r.GetMetadata(); md != nil && !(utf8.ValidString(md.GetTitle()) && utf8.ValidString(md.GetAuthor()) &&
		utf8.ValidString(md.GetSiteName()) && utf8.ValidString(md.GetCanonicalUrl()) && utf8.ValidString(md.GetLanguageCode())) {
		return false
	}
	for _, c := range r.GetClaims() {
		if !claimStringsValid(c) {
			return false
		}
	}
	return linksStringsValid(r.GetLinks()) && linksStringsValid(r.GetStoredLinks()) && groupsStringsValid(r.GetGroups())
}

func claimStringsValid(c *claimsv1.Claim) bool {
	if c == nil {
		return true
	}
	if !utf8.ValidString(c.GetId()) || !utf8.ValidString(c.GetText()) || !utf8.ValidString(c.GetAttribution().GetCue()) {
		return false
	}
	if s := c.GetSpeaker(); s != nil && !(utf8.ValidString(s.GetMention()) && utf8.ValidString(s.GetCanonicalName()) &&
		utf8.ValidString(s.GetTitle()) && utf8.ValidString(s.GetOrganization())) {
		return false
	}
	for _, cue := range c.GetHedging().GetCues() {
		if !utf8.ValidString(cue.GetText()) {
			return false
		}
	}
	for _, r := range c.GetCheckWorthinessReasons() {
		if !utf8.ValidString(r.GetFeature()) || !utf8.ValidString(r.GetText()) {
			return false
		}
	}
	return true
}

func linksStringsValid(ls []*claimsv1.ContradictionLink) bool {
	for _, l := range ls {
		if !utf8.ValidString(l.GetClaimId()) || !utf8.ValidString(l.GetOtherClaimId()) || !utf8.ValidString(l.GetExplanation()) ||
			!linkedStringsValid(l.GetFirst()) || !linkedStringsValid(l.GetSecond()) ||
			!storedStringsValid(l.GetStoredClaim()) || !storedStringsValid(l.GetOtherStoredClaim()) {
			return false
		}
	}
	return true
}

func linkedStringsValid(c *claimsv1.LinkedClaim) bool {
	if c == nil {
		return true
	}
	if !utf8.ValidString(c.GetClaimId()) || !utf8.ValidString(c.GetArticleId()) || !utf8.ValidString(c.GetText()) ||
		!utf8.ValidString(c.GetSpeaker()) || !utf8.ValidString(c.GetArticleUrl()) {
		return false
	}
	for _, e := range c.GetEvidenceSpans() {
		if !utf8.ValidString(e.GetText()) {
			return false
		}
	}
	for _, d := range c.GetDates() {
		if !utf8.ValidString(d) {
			return false
		}
	}
	return true
}

func storedStringsValid(s *claimsv1.StoredClaimRef) bool {
	return s == nil || utf8.ValidString(s.GetName()) && utf8.ValidString(s.GetText()) && utf8.ValidString(s.GetSpeaker()) &&
		utf8.ValidString(s.GetArticleId()) && utf8.ValidString(s.GetArticleUrl()) && utf8.ValidString(s.GetArticleTitle())
}

func groupsStringsValid(gs []*claimsv1.ClaimGroup) bool {
	for _, g := range gs {
		if !utf8.ValidString(g.GetLabel()) {
			return false
		}
		for _, m := range g.GetMembers() {
			if !utf8.ValidString(m.GetClaimId()) || !utf8.ValidString(m.GetArticleId()) || !utf8.ValidString(m.GetText()) || !utf8.ValidString(m.GetSpeaker()) {
				return false
			}
		}
	}
	return true
}
