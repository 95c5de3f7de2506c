package main

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimsvc/claimsvc/internal/devcert"
)

// testCA is a certificate authority made for one test, writing what it signs as
// PEM files in the test's temporary folder.
type testCA struct {
	t    *testing.T
	dir  string
	ca   *devcert.CA
	file string // the CA certificate, PEM
}

func newTestCA(t *testing.T, name string) *testCA {
	t.Helper()
	ca, err := devcert.NewCA(name, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c := &testCA{t: t, dir: t.TempDir(), ca: ca}
	c.file = c.write(name+"-ca.pem", ca.PEM)
	return c
}

func (c *testCA) write(name string, data []byte) string {
	c.t.Helper()
	path := filepath.Join(c.dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		c.t.Fatal(err)
	}
	return path
}

// issued is a certificate the CA signed: its files and its tls form.
type issued struct {
	certFile, keyFile string
	pair              tls.Certificate
}

// issue signs a server or client certificate valid from notBefore to notAfter.
func (c *testCA) issue(name string, client bool, notBefore, notAfter time.Time) issued {
	c.t.Helper()
	is, err := c.ca.Issue(name, client, notBefore, notAfter)
	if err != nil {
		c.t.Fatal(err)
	}
	out := issued{certFile: c.write(name+".pem", is.CertPEM), keyFile: c.write(name+"-key.pem", is.KeyPEM)}
	if out.pair, err = tls.X509KeyPair(is.CertPEM, is.KeyPEM); err != nil {
		c.t.Fatal(err)
	}
	return out
}

func (c *testCA) pool() *x509.CertPool { return c.ca.Pool() }
