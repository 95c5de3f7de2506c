// Tests the Node.js client against a running claimsvc: ExtractClaims with
// UTF-16 offsets (JavaScript string indices), StreamExtractClaims with a bad
// article in the middle and a link across articles, CompareClaims, and an
// error's status code. cmd/claimsvc/polyglot_test.go starts the real server
// in-process and runs this with CLAIMSVC_GRPC_ADDR set; by hand:
//
//	go run ./cmd/claimsvc &   # then
//	CLAIMSVC_GRPC_ADDR=localhost:8081 node clients/node/client.test.mjs

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import grpc from '@grpc/grpc-js';
import { connect } from './client.mjs';

const addr = process.env.CLAIMSVC_GRPC_ADDR;
if (!addr) {
  console.error('CLAIMSVC_GRPC_ADDR is not set (host:port of a running claimsvc)');
  process.exit(2);
}
const claims = connect(addr);
after(() => claims.close());

// Two short reports written for this test. The emoji (two UTF-16 code units,
// four UTF-8 bytes) and the curly quotes come before the claims, so offsets in
// any unit but UTF-16 would slice the wrong characters in JavaScript.
const cityReport = `Bridge Row 🌉 Deepens

Mayor Dana Whitfield said on Monday that the Harbor Bridge will reopen to traffic in May. “The repairs are on schedule,” she told reporters.`;
const unionReport = `The Harbor Bridge will not reopen to traffic in May, according to the ironworkers’ union. Union leader Marco Pell said the repairs are behind schedule.`;

// checkSpans asserts that every span of a result slices text exactly.
function checkSpans(text, result) {
  for (const c of result.claims) {
    assert.equal(text.slice(c.span.start, c.span.end), c.text, `claim ${c.id}: span slices the claim text`);
    if (c.speaker.mention) {
      assert.equal(text.slice(c.speaker.mentionSpan.start, c.speaker.mentionSpan.end), c.speaker.mention, `claim ${c.id}: speaker mention span`);
    }
    if (c.attribution.cue) {
      assert.equal(text.slice(c.attribution.cueSpan.start, c.attribution.cueSpan.end), c.attribution.cue, `claim ${c.id}: cue span`);
    }
    for (const h of c.hedging.cues) assert.equal(text.slice(h.span.start, h.span.end), h.text, `claim ${c.id}: hedge cue span`);
  }
}

test('ExtractClaims returns attributed claims with UTF-16 offsets', async () => {
  const res = await claims.extractClaims({ article: { id: 'city', text: cityReport }, encodingType: 'ENCODING_TYPE_UTF16' });
  assert.equal(res.encodingType, 'ENCODING_TYPE_UTF16');
  assert.equal(res.result.articleId, 'city');
  assert.ok(res.result.claims.length >= 2, `want at least 2 claims, got ${res.result.claims.length}`);
  checkSpans(cityReport, res.result);
  res.result.claims.forEach((c, i) => assert.equal(c.id, `city#${i + 1}`));

  const reopen = res.result.claims.find((c) => c.text.includes('will reopen to traffic in May'));
  assert.ok(reopen, 'the reopening claim is found');
  assert.equal(reopen.speaker.canonicalName, 'Dana Whitfield');
  assert.equal(reopen.speaker.kind, 'SPEAKER_KIND_PERSON');
  assert.equal(reopen.attribution.cue, 'said');
  assert.ok(reopen.hedging.score >= 0 && reopen.hedging.score <= 1, 'hedging score in [0,1]');
  assert.ok(reopen.checkWorthiness >= 0 && reopen.checkWorthiness <= 1, 'check-worthiness in [0,1]');

  const quote = res.result.claims.find((c) => c.text.includes('repairs are on schedule'));
  assert.ok(quote, 'the quote is a claim');
  assert.equal(quote.attribution.kind, 'ATTRIBUTION_KIND_DIRECT_QUOTE');
  assert.equal(quote.speaker.mention, 'she');
  assert.equal(quote.speaker.canonicalName, 'Dana Whitfield', '"she" resolves to the earlier speaker');
  assert.equal(quote.speaker.resolution, 'SPEAKER_RESOLUTION_PRONOUN');
});

test('StreamExtractClaims answers every article, reports a bad one and links across articles', async () => {
  const requests = [
    { article: { id: 'city', text: cityReport }, encodingType: 'ENCODING_TYPE_UTF16' },
    { article: { id: 'empty', text: '' }, encodingType: 'ENCODING_TYPE_UTF16' },
    { article: { id: 'union', text: unionReport }, encodingType: 'ENCODING_TYPE_UTF16' },
  ];
  const byIndex = new Map();
  for await (const r of claims.streamExtractClaims(requests)) {
    assert.ok(!byIndex.has(r.inputIndex), `one response per article (index ${r.inputIndex} twice)`);
    byIndex.set(r.inputIndex, r);
  }
  assert.deepEqual([...byIndex.keys()].sort(), [0, 1, 2]);

  const bad = byIndex.get(1);
  assert.equal(bad.error?.code, grpc.status.INVALID_ARGUMENT, 'the empty article gets INVALID_ARGUMENT in its own response');
  assert.match(bad.error.message, /article\.text/);

  for (const i of [0, 2]) {
    const r = byIndex.get(i);
    assert.equal(r.error, null, `article ${i} has no error`);
    assert.equal(r.encodingType, 'ENCODING_TYPE_UTF16');
    checkSpans(requests[i].article.text, r.result);
    assert.ok(r.result.claims.length > 0, `article ${i} has claims`);
  }
  const cross = [...byIndex.values()].flatMap((r) => r.crossArticleLinks);
  const opposing = cross.find((l) => [l.claimId, l.otherClaimId].some((id) => id.startsWith('city#')) &&
    [l.claimId, l.otherClaimId].some((id) => id.startsWith('union#')));
  assert.ok(opposing, `"will reopen in May" and "will not reopen in May" are linked across the stream; links: ${JSON.stringify(cross)}`);
  assert.ok(opposing.score > 0 && opposing.score <= 1);
  assert.notEqual(opposing.relation, 'RELATION_UNSPECIFIED');
  assert.ok(opposing.explanation.length > 0);
});

test('CompareClaims flags a negated statement', async () => {
  const res = await claims.compareClaims({
    first: { text: 'The Harbor Bridge will reopen to traffic in May.' },
    second: { text: 'The Harbor Bridge will not reopen to traffic in May.' },
  });
  assert.equal(res.contradicts, true, res.explanation);
  assert.equal(res.reason, 'REASON_NEGATION');
});

test('a malformed request fails with INVALID_ARGUMENT', async () => {
  await assert.rejects(claims.extractClaims({ article: { text: '' } }), (err) => {
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.match(err.details, /article\.text/);
    return true;
  });
});

test('streamExtractClaims takes an async iterable and reads while it writes', { timeout: 30_000 }, async () => {
  // Each request is produced only after the answer to the one before: a client
  // that wrote every request before reading any response would wait for ever.
  let answered = 0;
  let wake = () => {};
  async function* requests() {
    for (let i = 0; i < 3; i++) {
      yield { article: { id: `turn-${i}`, text: cityReport }, encodingType: 'ENCODING_TYPE_UTF16' };
      while (answered <= i) await new Promise((ok) => (wake = ok));
    }
  }
  const ids = [];
  for await (const r of claims.streamExtractClaims(requests())) {
    ids.push(r.result.articleId);
    answered++;
    wake();
  }
  assert.deepEqual(ids, ['turn-0', 'turn-1', 'turn-2']);
});

test('streamExtractClaims stops when the caller breaks out, and reports an input error', { timeout: 30_000 }, async () => {
  async function* endless() {
    for (let i = 0; ; i++) yield { article: { id: `n-${i}`, text: unionReport } };
  }
  let got = 0;
  for await (const r of claims.streamExtractClaims(endless())) {
    assert.equal(r.error, null);
    if (++got === 2) break;
  }
  assert.equal(got, 2);

  async function* failing() {
    yield { article: { id: 'ok', text: unionReport } };
    throw new Error('input broke');
  }
  await assert.rejects(async () => {
    for await (const r of claims.streamExtractClaims(failing())) void r;
  }, /input broke/);
});
