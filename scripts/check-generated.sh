#!/usr/bin/env bash
# CI gate for the API definition and everything generated from it:
#   1. regenerates (scripts/generate.sh: buf format -w, buf generate, gen/openapi/openapi.go)
#      and fails, listing the files, if that changed anything under gen/ or proto/
#      (stale generated code, unformatted protos, or generated files not committed);
#   2. buf lint (STANDARD + COMMENTS on proto/; third_party/proto is ignored);
#   3. buf breaking for proto/ against the previous commit (FILE rules), skipped with a
#      message when there is no previous commit or it has no proto/ to compare with.
#
# Needs git (a clone of the repo) and the Go module cache filled for both go.mod and
# tools/go.mod; it works offline. Usage: bash scripts/check-generated.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

buf() { go tool -modfile=tools/go.mod buf "$@"; }

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "check-generated: not inside a git work tree; this check compares against git and needs a clone" >&2
	exit 1
fi

echo "check-generated: regenerating"
bash scripts/generate.sh

changes=$(git status --porcelain --untracked-files=all -- gen proto)
if [[ -n "$changes" ]]; then
	{
		echo "check-generated: FAIL: regenerating changed files under gen/ or proto/:"
		echo "$changes" | sed 's/^/  /'
		echo "Run 'bash scripts/generate.sh' and commit the result (generated code must match the protos,"
		echo "and the protos must be formatted with 'buf format')."
		git --no-pager diff --stat -- gen proto
	} >&2
	exit 1
fi
echo "check-generated: gen/ and proto/ are up to date"

echo "check-generated: buf lint"
buf lint

# buf breaking needs the previous commit. A shallow CI clone may not have it: deepen
# by one commit (cheap) when possible, otherwise skip with a message.
if ! git rev-parse --verify --quiet 'HEAD~1^{commit}' >/dev/null; then
	if [[ "$(git rev-parse --is-shallow-repository)" == "true" ]]; then
		echo "check-generated: shallow clone; fetching one more commit for buf breaking"
		git fetch --quiet --deepen=1 2>/dev/null || true
	fi
fi
if ! git rev-parse --verify --quiet 'HEAD~1^{commit}' >/dev/null; then
	if [[ "$(git rev-parse --is-shallow-repository)" == "true" ]]; then
		echo "check-generated: SKIP buf breaking: shallow clone without the previous commit (could not deepen)"
	else
		echo "check-generated: SKIP buf breaking: HEAD is the first commit, nothing to compare with"
	fi
elif ! git cat-file -e 'HEAD~1:proto' 2>/dev/null || ! git cat-file -e 'HEAD~1:buf.yaml' 2>/dev/null; then
	echo "check-generated: SKIP buf breaking: the previous commit has no proto/ module (API introduced in HEAD)"
else
	echo "check-generated: buf breaking proto against HEAD~1"
	buf breaking proto --against '.git#ref=HEAD~1,subdir=proto'
fi

echo "check-generated: OK"
