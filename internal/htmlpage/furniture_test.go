package htmlpage

import "testing"

// TestIsFurniture checks reader-facing furniture against reporting that shares
// some of its words.
func TestIsFurniture(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"Sign up for our free morning newsletter", true},
		{"Follow us on Twitter and Instagram", true},
		{"Reporting by Ana Ruiz; editing by Tom Lee", true},
		{"Write to the desk at harbour@gazette.example", true},
		{"This copy is for your personal, non-commercial use only.", true},
		{"The mayor said on Twitter that the bridge would reopen in March.", false},
		{"Subscription revenue rose 4 percent in the third quarter, the company said.", false},
		{"“Sign up now,” the campaign told voters in a newsletter on Monday.", false},
		{"The council followed the engineers' advice and closed the bridge.", false},
	}
	for _, tc := range tests {
		if got := isFurniture(tc.p); got != tc.want {
			t.Errorf("isFurniture(%q) = %v, want %v", tc.p, got, tc.want)
		}
	}
}
