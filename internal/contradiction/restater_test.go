package contradiction

import "testing"

// TestRestaterAgreesWithRestates asks both the same questions, repeated and in
// both orders, so the cache can never change an answer.
func TestRestaterAgreesWithRestates(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Moscow and Washington have no direct line of communication.",
		"There is no direct line of communication between Russia and the United States.",
		"The ceasefire will hold through the winter.",
		"The truce holds.",
		"",
		"and the",
	}
	r := c.Restater()
	for round := range 2 {
		for _, a := range texts {
			for _, b := range texts {
				if got, want := r(a, b), c.Restates(a, b); got != want {
					t.Errorf("round %d: Restater(%q, %q) = %v, Restates = %v", round, a, b, got, want)
				}
			}
		}
	}
}
