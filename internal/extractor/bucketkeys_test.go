package extractor

import "testing"

// TestBucketKeys checks every bucketed table against the hashes it stands for,
// over counts and shifts past both ends of bucket's range.
func TestBucketKeys(t *testing.T) {
	type table struct {
		name string
		t    *bucketKeys
		h    uint32 // the prefix the table stands for
	}
	tables := []table{
		{"ds", &shiftSKeys, kShiftS},
		{"de", &shiftEKeys, kShiftE},
		{"len", &lenKeys, kLen},
		{"commas", &commasKeys, kCommas},
	}
	for k := range kindDSKeys {
		tables = append(tables, table{"ckind|side|ds", &kindDSKeys[k], hashInt(kKindDS, k)},
			table{"ckind|side|de", &kindDEKeys[k], hashInt(kKindDE, k)})
	}
	for k := range qkindDEKeys {
		tables = append(tables, table{"qkind|de", &qkindDEKeys[k], hashInt(kQKindDE, k)})
	}
	for _, tb := range tables {
		for n := -40; n <= 40; n++ {
			if got, want := tb.t.key(n), hashInt(tb.h, bucket(n)); got != want {
				t.Errorf("%s key(%d) = %#x, want hashInt(prefix, bucket(%d)) = %#x", tb.name, n, got, n, want)
			}
		}
	}
	if got, want := len(kindDSKeys), int(cuePoll)<<2|1; got <= want {
		t.Errorf("kind tables have %d rows, need more than %d (the largest cue kind<<2|side)", got, want)
	}
}
