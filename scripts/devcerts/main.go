// Command devcerts writes a throw-away CA and certificates for trying claimsvc's
// TLS and mutual TLS on this machine (valid for 127.0.0.1 and localhost, 30
// days): ca.pem, server.pem + server-key.pem for -tls-cert/-tls-key, and
// client.pem + client-key.pem for a client when the server runs with
// -tls-client-ca ca.pem. See README "Exposing it safely". Not for production.
//
//	go run ./scripts/devcerts -dir certs
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/claimsvc/claimsvc/internal/devcert"
)

func main() {
	dir := flag.String("dir", "certs", "folder to write the PEM files to (created if missing)")
	flag.Parse()
	if err := write(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "devcerts:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	const valid = 30 * 24 * time.Hour
	ca, err := devcert.NewCA("claimsvc development CA", valid)
	if err != nil {
		return err
	}
	now := time.Now()
	srv, err := ca.Issue("claimsvc", false, now.Add(-time.Hour), now.Add(valid))
	if err != nil {
		return err
	}
	cli, err := ca.Issue("claimsvc client", true, now.Add(-time.Hour), now.Add(valid))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"ca.pem": ca.PEM, "server.pem": srv.CertPEM, "server-key.pem": srv.KeyPEM,
		"client.pem": cli.CertPEM, "client-key.pem": cli.KeyPEM,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return err
		}
	}
	fmt.Printf("wrote ca.pem, server.pem, server-key.pem, client.pem, client-key.pem to %s\n", dir)
	return nil
}
