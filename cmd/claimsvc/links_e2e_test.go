package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/dataset"
)

// TestSeedBatchLinksOverHTTP sends the five seed articles to claims:batchExtract
// with UTF-16 offsets, the way the web page does, and checks what a fact-checker
// reads: propositions with stances, the Pentagon-versus-Ryabkov dispute and an
// agreement across articles, every link naming both claims (text, speaker,
// article, stance) with evidence spans that slice each claim's text exactly, and
// an explanation quoting the claims' words.
func TestSeedBatchLinksOverHTTP(t *testing.T) {
	seeds, err := dataset.ReadSeeds()
	if err != nil {
		t.Skip("seed articles not available:", err)
	}
	_, base := testServer(t, nil)
	var arts []map[string]string
	for _, s := range seeds {
		arts = append(arts, map[string]string{"id": s.Name[:3], "text": s.Text})
	}
	body, _ := json.Marshal(map[string]any{"articles": arts, "encodingType": "ENCODING_TYPE_UTF16"})
	resp, err := http.Post(base+"/v1/claims:batchExtract", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, raw)
	}
	type end struct {
		ClaimID       string `json:"claimId"`
		ArticleID     string `json:"articleId"`
		Text          string `json:"text"`
		Speaker       string `json:"speaker"`
		Stance        string `json:"stance"`
		ClaimType     string `json:"claimType"`
		EvidenceSpans []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"evidenceSpans"`
	}
	type link struct {
		ClaimID      string `json:"claimId"`
		OtherClaimID string `json:"otherClaimId"`
		Relation     string `json:"relation"`
		Explanation  string `json:"explanation"`
		First        end    `json:"first"`
		Second       end    `json:"second"`
	}
	var out struct {
		Results []struct {
			Links []link `json:"links"`
		} `json:"results"`
		CrossArticleLinks []link `json:"crossArticleLinks"`
		Groups            []struct {
			Label   string `json:"label"`
			Members []struct {
				ClaimID string `json:"claimId"`
				Stance  string `json:"stance"`
			} `json:"members"`
		} `json:"groups"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	all := out.CrossArticleLinks
	for _, r := range out.Results {
		all = append(all, r.Links...)
	}
	dispute, agree := false, false
	for _, l := range all {
		for _, e := range []end{l.First, l.Second} {
			if e.Text == "" || e.ArticleID == "" || e.Stance == "" || e.ClaimType == "" {
				t.Errorf("link %s ~ %s: end %s lacks text, article, stance or type: %+v", l.ClaimID, l.OtherClaimID, e.ClaimID, e)
			}
			u := utf16Units(e.Text)
			for _, s := range e.EvidenceSpans {
				if s.Start < 0 || s.End > len(u) || s.Start >= s.End || string(utf16Decode(u[s.Start:s.End])) != s.Text {
					t.Errorf("evidence span [%d,%d) %q does not slice %q", s.Start, s.End, s.Text, e.Text)
				}
			}
		}
		if l.First.ClaimID != l.ClaimID || l.Second.ClaimID != l.OtherClaimID {
			t.Errorf("link %s ~ %s: ends are %s, %s", l.ClaimID, l.OtherClaimID, l.First.ClaimID, l.Second.ClaimID)
		}
		if strings.Contains(l.First.Text+l.Second.Text, "direct contact between Washington and Moscow") &&
			strings.Contains(l.First.Text+l.Second.Text, "no direct, formal line") && l.Relation == "RELATION_DISPUTE" {
			dispute = true
			if !strings.Contains(l.Explanation, "Sergei Ryabkov says") || !strings.Contains(l.Explanation, "direct contact") {
				t.Errorf("the dispute's explanation does not quote both sides: %s", l.Explanation)
			}
		}
		if l.Relation == claimsv1.Relation_RELATION_AGREES.String() {
			agree = true
		}
	}
	if !dispute {
		t.Error("the Pentagon spokesperson's direct contact is not disputed against Ryabkov's no direct, formal line")
	}
	if !agree {
		t.Error("no agreement across the seed articles (001, 002 and 004 agree formal contact is scarce)")
	}
	if len(out.Groups) == 0 {
		t.Fatal("no proposition groups")
	}
	stances := map[string]bool{}
	for _, m := range out.Groups[0].Members {
		stances[m.Stance] = true
	}
	if !stances["STANCE_ASSERTS"] || !stances["STANCE_DENIES"] {
		t.Errorf("the first proposition (%q) should have members asserting and denying it: %v", out.Groups[0].Label, stances)
	}
}

// TestCompareAgreesOverGRPC compares two statements written for this test that
// deny the same thing in different words: an agreement, not a contradiction,
// with each statement's stance and evidence words.
func TestCompareAgreesOverGRPC(t *testing.T) {
	conn, _ := testServer(t, nil)
	client := claimsv1.NewClaimsServiceClient(conn)
	r, err := client.CompareClaims(t.Context(), &claimsv1.CompareClaimsRequest{
		First:  &claimsv1.Statement{Text: "Ferry service between Calais and Dover has been rare this winter."},
		Second: &claimsv1.Statement{Text: "There is no ferry link between Dover and Calais."},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.GetContradicts() || r.GetRelation() != claimsv1.Relation_RELATION_AGREES {
		t.Fatalf("relation %v contradicts %v (%s), want an agreement", r.GetRelation(), r.GetContradicts(), r.GetExplanation())
	}
	for _, e := range []*claimsv1.LinkedClaim{r.GetFirst(), r.GetSecond()} {
		if e.GetStance() != claimsv1.Stance_STANCE_DENIES || len(e.GetEvidenceSpans()) == 0 {
			t.Errorf("end %q: stance %v evidence %v, want a denial with its words", e.GetText(), e.GetStance(), e.GetEvidenceSpans())
		}
		for _, s := range e.GetEvidenceSpans() {
			if e.GetText()[s.GetStart():s.GetEnd()] != s.GetText() {
				t.Errorf("evidence [%d,%d) does not slice %q to %q", s.GetStart(), s.GetEnd(), e.GetText(), s.GetText())
			}
		}
	}
}
