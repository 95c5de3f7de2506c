package access

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// TLSFiles names the PEM files of a server's TLS setup.
type TLSFiles struct {
	// Cert and Key are the server's certificate chain and private key; both or
	// neither.
	Cert, Key string
	// ClientCA, when set, turns on mutual TLS: clients must present a
	// certificate signed by one of these CAs (and valid now), or the handshake
	// fails.
	ClientCA string
}

// Enabled reports whether any TLS file is configured.
func (f TLSFiles) Enabled() bool { return f.Cert != "" || f.Key != "" || f.ClientCA != "" }

// ServerConfig loads the files into a TLS configuration for a listener: TLS 1.2
// or later, the certificate, and with ClientCA a verified client certificate
// required. nextProtos are the ALPN protocols to offer ("h2" for gRPC; "h2" and
// "http/1.1" for HTTP).
func (f TLSFiles) ServerConfig(nextProtos ...string) (*tls.Config, error) {
	if f.Cert == "" || f.Key == "" {
		return nil, errors.New("access: TLS needs both a certificate and a key file")
	}
	cert, err := tls.LoadX509KeyPair(f.Cert, f.Key)
	if err != nil {
		return nil, fmt.Errorf("access: load certificate: %w", err)
	}
	cfg := &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   nextProtos,
	}
	if f.ClientCA != "" {
		pool, err := loadPool(f.ClientCA)
		if err != nil {
			return nil, err
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}

// loadPool reads a PEM bundle of CA certificates.
func loadPool(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("access: client CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("access: client CA %s: no PEM certificate in it", file)
	}
	return pool, nil
}
