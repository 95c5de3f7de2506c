package contradiction

import "testing"

// TestPostKeepsWindow checks that a key's list, however many claims post to
// it, ends with the same last postingWindow entries as the full list would and
// stays bounded.
func TestPostKeepsWindow(t *testing.T) {
	ix := &Index{lists: make([][]int32, 3)}
	for i := range int32(5000) {
		ix.post(0, i)
		if i%3 == 0 {
			ix.post(1, i) // lists carved from one block side by side
		}
		l := ix.lists[0]
		if len(l) > 2*postingWindow+1 || cap(l) > 4*postingWindow {
			t.Fatalf("after %d posts: len %d cap %d", i+1, len(l), cap(l))
		}
		w := min(int(i)+1, postingWindow)
		for k := range w {
			if want := i - int32(w-1-k); l[len(l)-w+k] != want {
				t.Fatalf("after %d posts: entry %d from the end is %d, want %d", i+1, w-k, l[len(l)-w+k], want)
			}
		}
	}
	if l := ix.lists[1]; l[len(l)-1] != 4998 {
		t.Errorf("second list ends with %d, want 4998", l[len(l)-1])
	}
}
