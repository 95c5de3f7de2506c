package extractor

import "github.com/claimsvc/claimsvc/internal/claim"

// The span features name most counts by a prefix hash and a bucket
// (hashInt(prefix, bucket(n))): a dozen per candidate, each four rounds of
// FNV. The prefixes are constants and bucket has twelve values, so those
// hashes are tables, read by bucket's position instead of hashed again.

// bucketValues are the values bucket returns, in order; bucketIndex(n) is
// bucket(n)'s position among them.
var bucketValues = [...]int{-10, -4, -3, -2, -1, 0, 1, 2, 3, 4, 10, 20}

// bucketIndex is the position of bucket(n) in bucketValues. bucket is constant
// below -10 and from 20 up, so n clamped to [-10,20] indexes a table
// (bucketIndexOf): no branches, where bucket's switch took a few per count.
func bucketIndex(n int) int {
	return int(bucketIndexOf[min(max(n, -10), 20)+10])
}

// bucketIndexOf is, for n+10 with n in [-10,20], the position of bucket(n) in
// bucketValues. Read-only after package initialisation.
var bucketIndexOf = func() (t [31]uint8) {
	for k := range t {
		for i, v := range bucketValues {
			if v == bucket(k-10) {
				t[k] = uint8(i)
			}
		}
	}
	return t
}()

// bucketKeys holds hashInt(h, v) for one prefix h and every v bucket returns,
// by bucketIndex: key(n) is hashInt(h, bucket(n)).
type bucketKeys [len(bucketValues)]uint32

// newBucketKeys is the table of prefix h.
func newBucketKeys(h uint32) (t bucketKeys) {
	for i, v := range bucketValues {
		t[i] = hashInt(h, v)
	}
	return t
}

// key is hashInt(h, bucket(n)) for the table's prefix h.
func (t *bucketKeys) key(n int) uint32 { return t[bucketIndex(n)] }

// Span features' bucketed keys (spanFeatures). The kind tables are by the
// second value hashed into the prefix: a cue's kind<<2|side for kKindDS and
// kKindDE (cueKind has five values, side two), the content's
// claim.AttributionKind (six values) for kQKindDE.
var (
	shiftSKeys  = newBucketKeys(kShiftS)
	shiftEKeys  = newBucketKeys(kShiftE)
	lenKeys     = newBucketKeys(kLen)
	commasKeys  = newBucketKeys(kCommas)
	kindDSKeys  = prefixedBucketKeys(kKindDS, (int(cuePoll)+1)<<2)
	kindDEKeys  = prefixedBucketKeys(kKindDE, (int(cuePoll)+1)<<2)
	qkindDEKeys = prefixedBucketKeys(kQKindDE, int(claim.AttributionUnattributed)+1)
)

// prefixedBucketKeys is, for every k below n, the table of prefix
// hashInt(h, k).
func prefixedBucketKeys(h uint32, n int) []bucketKeys {
	t := make([]bucketKeys, n)
	for k := range t {
		t[k] = newBucketKeys(hashInt(h, k))
	}
	return t
}
