// Package claim defines the plain data types that flow through the claim pipeline:
// an Article goes in, Claims (with Speaker, Attribution, Hedging and check-worthiness)
// and contradiction Links come out.
//
// The types are deliberately free of behaviour and of any transport concern: the
// extractor fills the text, span, speaker and attribution fields; the scorers fill
// Hedging and CheckWorthiness; the contradiction linker produces Links. Keeping them
// in one leaf package lets every stage depend on the data without depending on each
// other. All offsets here are UTF-8 byte offsets into the original article text; the
// API edge converts them to the encoding a client asks for.
package claim

import "time"

// Span is a half-open range [Start, End) of UTF-8 byte offsets into the original,
// uncleaned article text, so text[s.Start:s.End] is always the exact characters meant.
type Span struct {
	Start int
	End   int
}

// Empty reports whether the span covers no text; an empty span means "absent".
func (s Span) Empty() bool { return s.End <= s.Start }

// Article is one document handed to the pipeline. ID is the client's, echoed back.
type Article struct {
	ID          string
	Text        string
	Title       string
	URL         string
	Language    string    // BCP-47 tag as given by the client; empty means unknown
	Published   time.Time // zero when unknown
	ContentType ContentType
}

// ContentType says how Article.Text is read.
type ContentType int

// Content types. ContentHTML makes the pipeline extract the page's main body and
// metadata first (package htmlpage) and read the extracted text.
const (
	ContentPlain ContentType = iota // text/plain, the default
	ContentHTML                     // text/html: a web page
)

// Document is what the pipeline read from a web page: the plain text of its main
// body, which every span of the article's claims then points into, and the page's
// metadata. EmptyReason says why Text is empty when it is.
type Document struct {
	Text        string
	Title       string
	Author      string // the byline as the page gives it
	SiteName    string // the outlet
	URL         string // canonical URL
	Language    string // BCP-47
	Published   time.Time
	EmptyReason string
}

// SpeakerKind says what sort of entity a speaker is.
type SpeakerKind int

// Speaker kinds. SpeakerArticle is the article's own voice: an assertion the
// reporter makes without attributing it to anyone.
const (
	SpeakerUnspecified SpeakerKind = iota
	SpeakerPerson
	SpeakerOrganization
	SpeakerGroup     // a plural, unnamed set of people: "analysts", "Russian officials"
	SpeakerAnonymous // an unnamed individual source: "a senior Pentagon spokesperson"
	SpeakerArticle
)

// Resolution says how the speaker of a claim was found, so a client can tell a
// speaker named next to the cue from one inferred from an earlier sentence.
type Resolution int

// Resolution methods.
const (
	ResolutionUnspecified  Resolution = iota
	ResolutionExplicit                // the mention next to the cue names the speaker ("Sergei Lavrov said")
	ResolutionPronoun                 // "he", "she", "they" resolved to an earlier speaker
	ResolutionDescription             // "the minister", "the spokesperson" resolved to an earlier speaker
	ResolutionSurname                 // a bare surname ("Lavrov") resolved to the full name seen earlier
	ResolutionContinuation            // a quote continuing across sentences or paragraphs, no cue of its own
	ResolutionNone                    // no speaker: the article's own voice
)

// Speaker is who a claim is attributed to.
type Speaker struct {
	Mention     string // the mention as written next to the cue ("he", "the minister", "Lavrov")
	MentionSpan Span   // where Mention stands in the text; empty for the article's own voice
	// SourceSpan is the whole source phrase as an annotator marks it: the mention
	// with its appositive, party–state tag or relative clause ("An engineer who
	// worked on the inspection", "Sen. Jane Doe, R-Neb.,"). Empty when it is the
	// mention itself.
	SourceSpan   Span
	Name         string // canonical name after resolution ("Sergei Lavrov"); for groups the head phrase
	Title        string // role or title when known ("Foreign Minister", "deputy foreign minister")
	Organization string // affiliation when known ("Russia", "the Pentagon")
	Kind         SpeakerKind
	Resolution   Resolution
}

// AttributionKind is how the content is attributed to its speaker.
type AttributionKind int

// Attribution kinds.
const (
	AttributionUnspecified  AttributionKind = iota
	AttributionDirect                       // all of the content is inside quotation marks
	AttributionIndirect                     // reported speech without quotation marks
	AttributionMixed                        // reported speech that quotes some words verbatim
	AttributionAccordingTo                  // "according to X", "X's statement shows"
	AttributionUnattributed                 // the article's own assertion
)

// Attribution ties a claim's content to its speaker through a cue.
type Attribution struct {
	Cue     string // cue as written: "said", "has emphasized", "made clear", "according to", ":"
	CueSpan Span   // empty for unattributed claims and cue-less continuations
	Kind    AttributionKind
}

// HedgeCue is one word or phrase that moved a claim's hedging score.
type HedgeCue struct {
	Text string
	Span Span // into the article text (or the scored sentence when scoring a bare sentence)
	// Kind names the cue's class: "modal", "speculative_verb", "adverb", "conditional",
	// "weak_attribution", "booster", "negated_hedge" …
	Kind string
	// Weight is the cue's signed contribution: positive hedges, negative boosts.
	Weight float64
	// Weak marks a hedge candidate below the cue threshold, listed only because
	// such weak candidates together made the claim uncertain.
	Weak bool
}

// Hedging is how tentatively a claim is asserted.
type Hedging struct {
	// Score in [0,1]: 0 = stated as certain fact, 1 = pure speculation.
	Score float64
	// Uncertain is Score at or above the scorer's default threshold (chosen on dev data).
	Uncertain bool
	Cues      []HedgeCue
}

// Claim is one assertion found in an article.
type Claim struct {
	// ID is unique within a response: "<article id>#<n>", n counting from 1 in text order.
	ID string
	// Text is the asserted content (what was said), not the whole sentence; it equals
	// the article text at Span.
	Text string
	Span Span
	// Sentence is the span of the sentence (or sentences, for a multi-sentence quote)
	// the claim was found in; scorers use it for context.
	Sentence    Span
	Speaker     Speaker
	Attribution Attribution
	Hedging     Hedging
	// CheckWorthiness in [0,1]: the probability the claim is a factual statement
	// worth checking (ClaimBuster / CLEF CheckThat! sense).
	CheckWorthiness float64
	// CheckWorthy is CheckWorthiness at or above the scorer's default threshold.
	CheckWorthy bool
	// CheckWorthinessReasons are the features that moved CheckWorthiness most,
	// strongest first, so a reader can see why a claim is (not) worth checking.
	CheckWorthinessReasons []ScoreReason
	// HTMLSpan is, for an article sent as a web page, the byte range of the page
	// from the claim's first character to its last; empty for plain text and where
	// the extracted text cannot be traced back to the page.
	HTMLSpan Span
	// Type is what kind of assertion the claim is (event, fact, prediction …), or
	// TypeNotProposition for headings, filler and bare noun phrases; linking reads it.
	Type Type
}

// ScoreReason is one feature that moved a score.
type ScoreReason struct {
	// Feature names it: a genre-general feature of the check-worthiness model
	// ("number", "date", "named_entity", "change_verb", "first_person_opinion",
	// "length_up_to_6", …; see scoring.CheckFeatureNames) or "words" for a
	// lexical unigram or bigram.
	Feature string
	// Text is the words that fired it as written ("agreed", "last year"); empty
	// for features of the whole claim (its length, two or more numbers).
	Text string
	// Span is where Text stands in the article; empty when Text is.
	Span Span
	// Contribution is the feature's signed weight in the score's log-odds:
	// positive raises the score, negative lowers it.
	Contribution float64
}

// Type is what kind of assertion a claim is.
type Type int

// Claim types. Only propositions (TypeEvent … TypeRecommendation) anchor links.
const (
	TypeUnspecified    Type = iota
	TypeEvent               // something happened: "the presidents spoke by telephone"
	TypeFact                // a state of affairs: "contact has been scarce"
	TypePrediction          // a prediction or plan: "talks will resume", "to reopen the border" after "promised"
	TypeOpinion             // an opinion or assessment: "dialogue is preferable"
	TypeRecommendation      // what should be done: "both capitals would need to appoint emissaries"
	TypeMeta                // talk about talk: "his statements fit into a broader pattern"
	TypeNotProposition      // a heading, filler or bare noun phrase: "the continuity of diplomatic channels"
)

// Proposition reports whether a claim of this type asserts something checkable
// enough to be linked: not meta-commentary, not a non-proposition. Unknown types
// (claims typed by no one) count as propositions.
func (t Type) Proposition() bool { return t != TypeMeta && t != TypeNotProposition }

// Relation is what a Link says about two claims.
type Relation int

// Relations between two claims about the same proposition.
const (
	RelationUnspecified Relation = iota
	// RelationContradiction: both cannot be true at the same time; neither is hedged
	// much and nothing indicates they speak of different times.
	RelationContradiction
	// RelationDispute: different speakers assert opposing things; the article(s)
	// report a disagreement rather than contradicting themselves.
	RelationDispute
	// RelationUpdate: a change of state over time ("no line exists" … "agreed to
	// reopen"); both can be true at their own times.
	RelationUpdate
	// RelationAgrees: claims of different articles assert the same proposition with
	// the same polarity, corroborating each other ("contact has been scarce" …
	// "contact is rare").
	RelationAgrees
)

// Reason is the kind of evidence that made two claims oppose each other.
type Reason int

// Reasons for a link.
const (
	ReasonUnspecified     Reason = iota
	ReasonNegation               // one side negates what the other asserts ("no line" vs "line")
	ReasonAntonym                // antonymous predicates (open/close, maintain/sever)
	ReasonNumericMismatch        // different numbers for the same quantity
	ReasonDateMismatch           // different dates or times for the same event
	ReasonQuantity               // opposing quantifiers ("little", "rare", "scarce" vs "open", "many")
	ReasonOpposingStance         // stance verbs in opposite directions (deny vs confirm)
	ReasonChangeOfState          // a reported change over time (reopen, resume, suspend)
	ReasonSameStance             // both assert, both deny or both report the change of one proposition (agreements)
)

// Link connects two claims that oppose each other.
type Link struct {
	A, B     string // claim IDs; A is the earlier claim in input order
	Score    float64
	Relation Relation
	Reason   Reason
	// Explanation is one readable line quoting the claims' own words, e.g.
	// `Sergei Ryabkov says "no direct, formal line of communication"; the article
	// says "maintaining open lines of communication"`.
	Explanation string
	// ClaimA and ClaimB describe the two claims (ClaimA.ID == A), so a link reads
	// on its own: text, speaker, article, stance and the words that oppose or agree.
	ClaimA, ClaimB LinkedClaim
}

// Stance is what a claim does with the proposition a link or group is about.
type Stance int

// Stances.
const (
	StanceUnspecified   Stance = iota
	StanceAsserts              // "Washington maintains open lines of communication"
	StanceDenies               // "there is no direct, formal line of communication"
	StanceReportsChange        // "the two sides agreed to reopen the channels"
)

// LinkedClaim is one end of a link, self-contained so a link can be read (and
// stored) without the article it came from.
type LinkedClaim struct {
	ID        string
	ArticleID string
	Text      string // the claim's text
	Speaker   string // canonical speaker name; "" for the article's own voice
	URL       string // the article's URL when known
	Published time.Time
	Type      Type
	Stance    Stance
	// Evidence are the words that oppose or agree (the cue, then the concept it
	// bears on), as byte ranges of Text.
	Evidence []Span
	// Dates are the dates the claim names, as written ("February 12").
	Dates []string
}

// Group is one proposition and the claims that take a stance on it, gathered from
// links: claims joined by any link (agreement or opposition) form one group.
type Group struct {
	// Label names the proposition from its claims' own words ("contact /
	// communication / dialogue").
	Label   string
	Members []GroupMember
}

// GroupMember is one claim of a group with its stance on the group's proposition.
type GroupMember struct {
	ClaimID, ArticleID, Text, Speaker string
	Stance                            Stance
}
