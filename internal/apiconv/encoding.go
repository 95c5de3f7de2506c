package apiconv

import (
	claimsv1 "github.com/claimsvc/claimsvc/gen/go/claims/v1"
	"github.com/claimsvc/claimsvc/internal/offsets"
)

// EncodingUnit maps a request's encoding to the offsets unit and to the encoding
// the response reports; unspecified (or unknown) means UTF-8 bytes.
func EncodingUnit(e claimsv1.EncodingType) (offsets.Unit, claimsv1.EncodingType) {
	switch e {
	case claimsv1.EncodingType_ENCODING_TYPE_UTF16:
		return offsets.UTF16, e
	case claimsv1.EncodingType_ENCODING_TYPE_UTF32:
		return offsets.UTF32, e
	}
	return offsets.UTF8, claimsv1.EncodingType_ENCODING_TYPE_UTF8
}
