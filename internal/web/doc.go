// Package web is claimsvc's page for people: a single HTML/CSS/JS page, embedded
// in the binary and served at "/", that sends an article to the REST gateway and
// shows what the service found — claims highlighted in the text, speakers and
// attribution cues marked, hedging as a colour scale, check-worthiness as a
// badge and contradiction links drawn between claims, across articles when
// several are loaded. It exists so the API can be shown to someone without a
// client of their own.
//
// The page needs no build step and no network beyond the server itself: the
// static files under static/ are plain ES2020, CSS and HTML, embedded with
// go:embed, and the page talks only to /v1/claims:* and /examples.
//
// The examples the page offers come from a folder of .txt articles when one is
// configured or found (the shared seed articles on a development machine; they
// belong to their publishers and are never copied into the binary), and
// otherwise from a few short articles written for this package (examples/).
// GET /examples lists them and GET /examples/{name} returns one, as JSON.
package web
