package devcert

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"testing"
	"time"
)

func TestIssueVerifies(t *testing.T) {
	ca, err := NewCA("test", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := NewCA("other", time.Hour)
	now := time.Now()
	for _, tc := range []struct {
		name    string
		client  bool
		from    time.Time
		to      time.Time
		usage   x509.ExtKeyUsage
		trusted *CA
		ok      bool
	}{
		{"server", false, now.Add(-time.Minute), now.Add(time.Hour), x509.ExtKeyUsageServerAuth, ca, true},
		{"client", true, now.Add(-time.Minute), now.Add(time.Hour), x509.ExtKeyUsageClientAuth, ca, true},
		{"client used as server", true, now.Add(-time.Minute), now.Add(time.Hour), x509.ExtKeyUsageServerAuth, ca, false},
		{"expired", true, now.Add(-2 * time.Hour), now.Add(-time.Hour), x509.ExtKeyUsageClientAuth, ca, false},
		{"other CA", false, now.Add(-time.Minute), now.Add(time.Hour), x509.ExtKeyUsageServerAuth, other, false},
	} {
		is, err := ca.Issue(tc.name, tc.client, tc.from, tc.to)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tls.X509KeyPair(is.CertPEM, is.KeyPEM); err != nil {
			t.Fatalf("%s: key pair: %v", tc.name, err)
		}
		block, _ := pem.Decode(is.CertPEM)
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		_, err = cert.Verify(x509.VerifyOptions{Roots: tc.trusted.Pool(), DNSName: "localhost", KeyUsages: []x509.ExtKeyUsage{tc.usage}})
		if (err == nil) != tc.ok {
			t.Errorf("%s: verify error %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
