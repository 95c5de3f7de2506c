// Browser test of claimsvc's web page: Debian's headless Chromium driven by
// playwright-core (no browser download). It loads the page from a running
// server, loads every example (one BatchExtractClaims call), and checks what a
// reader sees: each claim of the answer highlighted over exactly its text, the
// speaker and cue marks, a check-worthiness badge per claim, one arc and one
// list entry per contradiction link, keyboard selection with details, and no
// console error, CSP violation or request off the server. It saves
// screenshots at desktop and phone width.
//
// cmd/claimsvc/browser_test.go starts the real server in-process and runs
// this with the environment set; by hand:
//
//	go run ./cmd/claimsvc &   # then
//	CLAIMSVC_HTTP_URL=http://localhost:8080 node e2e/browser/page.test.mjs
//
// Environment: CLAIMSVC_HTTP_URL (required), CHROMIUM (default
// /usr/bin/chromium), CLAIMSVC_ARTIFACTS (screenshot folder, default
// ./artifacts), CLAIMSVC_SHOT_PREFIX (file name prefix, default "page").

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const base = process.env.CLAIMSVC_HTTP_URL?.replace(/\/$/, '');
if (!base) {
  console.error('CLAIMSVC_HTTP_URL is not set (base URL of a running claimsvc)');
  process.exit(2);
}
const artifacts = resolve(process.env.CLAIMSVC_ARTIFACTS || 'artifacts');
const prefix = process.env.CLAIMSVC_SHOT_PREFIX || 'page';
const shot = (name) => join(artifacts, `${prefix}-${name}.png`);

// The flags that work on a closed network: without the background-networking
// ones Chromium keeps trying to reach Google's hosts.
const chromiumArgs = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let browser;
before(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
});
after(async () => browser?.close());

// openPage opens the page in a fresh context and records what must not
// happen: console errors (CSP violations among them), uncaught exceptions and
// requests to any other origin.
async function openPage(viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('data:') && problems.push(`off-server request: ${r.url()}`));
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-state="ready"]');
  return { context, page, problems };
}

// loadAllExamples clicks "Load all examples" and returns the API's answer.
async function loadAllExamples(page) {
  const list = await (await page.request.get(`${base}/examples`)).json();
  assert.ok(list.examples.length >= 2, `the server offers at least two examples, got ${list.examples.length}`);
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/claims:batchExtract') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Load all examples', exact: true }).click();
  const res = await answer;
  assert.equal(res.status(), 200, 'batchExtract succeeds');
  await page.waitForSelector('body[data-state="ready"]');
  await page.waitForFunction((n) => document.querySelectorAll('#articles .doc').length === n, list.examples.length);
  return { examples: list.examples, body: await res.json() };
}

// pageClaims reads every highlighted claim: its ID, its text without the
// badges, and its badges.
function pageClaims(page) {
  return page.$$eval('#articles mark.claim', (marks) =>
    marks.map((m) => {
      const copy = m.cloneNode(true);
      copy.querySelectorAll('.cw, .lk').forEach((b) => b.remove());
      return {
        id: m.dataset.claim,
        text: copy.textContent,
        badge: m.querySelector('.cw')?.textContent ?? null,
        tabindex: m.getAttribute('tabindex'),
        label: m.getAttribute('aria-label'),
      };
    }),
  );
}

// lowContrast lists visible text whose colour has less than 4.5:1 contrast
// (WCAG AA) with the background it is drawn on: the claims over each hedging
// colour, the marks, the badges, buttons and the muted notes.
function lowContrast(page) {
  return page.evaluate(() => {
    const rgba = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (e) => {
      for (; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const out = [];
    const seen = new Set();
    const sel = '.claim, .mention, .cue, .hedge, .boost, .cw, .lk, .legend-text, .legend-title, .note, .status, .hint, button, summary, .meta, .expl, .sub, .where, .ln, h1, h2, h3, .tagline, .foot, .doc .text';
    for (const e of document.querySelectorAll(sel)) {
      if (!e.getClientRects().length || !e.textContent.trim()) continue;
      const st = getComputedStyle(e);
      const fg = lum(rgba(st.color));
      const bg = lum(background(e));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const key = `${e.className}|${st.color}|${ratio.toFixed(1)}`;
      if (ratio < 4.5 && !seen.has(key)) {
        seen.add(key);
        out.push(`${e.tagName.toLowerCase()}.${e.className}: ${st.color} on ${background(e)} = ${ratio.toFixed(2)}:1 ("${e.textContent.trim().slice(0, 30)}")`);
      }
    }
    return out;
  });
}

test('desktop: every example analysed, claims highlighted, contradiction links drawn', async () => {
  const { context, page, problems } = await openPage({ width: 1360, height: 900 });
  try {
    const { examples, body } = await loadAllExamples(page);
    assert.equal(body.encodingType, 'ENCODING_TYPE_UTF16', 'the page asks for UTF-16 offsets');
    const apiClaims = body.results.flatMap((r) => r.claims);
    const apiLinks = [...body.results.flatMap((r) => r.links), ...body.crossArticleLinks];
    assert.ok(apiClaims.length > 0, 'the examples have claims');
    assert.ok(apiLinks.length > 0, 'the examples have at least one contradiction link');

    // Every claim is highlighted over exactly its text (a claim that overlaps
    // an earlier one starts where that one ends, so it is checked as a suffix).
    const shown = new Map((await pageClaims(page)).map((c) => [c.id, c]));
    for (const r of body.results) {
      let prevEnd = 0;
      for (const c of r.claims) {
        const s = shown.get(c.id);
        const overlaps = c.span.start < prevEnd;
        prevEnd = Math.max(prevEnd, c.span.end);
        if (overlaps && c.span.end <= prevEnd && !s) continue; // swallowed by an earlier claim
        assert.ok(s, `claim ${c.id} is highlighted`);
        if (overlaps) assert.ok(c.text.endsWith(s.text), `claim ${c.id}: highlighted "${s.text}" ends its text`);
        else assert.equal(s.text, c.text, `claim ${c.id}: highlight covers exactly its text`);
        assert.equal(s.badge, String(Math.round(c.checkWorthiness * 100)), `claim ${c.id}: check-worthiness badge`);
        assert.equal(s.tabindex, '0', `claim ${c.id} is focusable`);
        assert.ok(s.label.includes(c.id), `claim ${c.id} has an accessible name`);
      }
    }
    const mentions = apiClaims.filter((c) => c.speaker.mention).length;
    assert.ok(mentions === 0 || (await page.locator('#articles .mention').count()) > 0, 'speaker mentions are marked');
    assert.ok((await page.locator('#articles .cue').count()) > 0, 'attribution cues are marked');

    // One arc and one list entry per link, across articles included.
    assert.equal(await page.locator('#links .arc-g').count(), apiLinks.length, 'one arc per link');
    assert.equal(await page.locator('#link-list li').count(), apiLinks.length, 'one list entry per link');
    const crossArcs = await page.locator('#links .arc-g.cross').count();
    assert.equal(crossArcs, body.crossArticleLinks.length, 'cross-article links are drawn');

    // Propositions first: the group list stands before the link list, one entry
    // per group the API returned, every member with its stance.
    const apiGroups = body.groups || [];
    assert.ok(apiGroups.length > 0, 'linked claims are gathered into propositions');
    assert.equal(await page.locator('#group-list > li').count(), apiGroups.length, 'one entry per proposition');
    const members = apiGroups.reduce((n, g) => n + g.members.length, 0);
    assert.equal(await page.locator('#group-list .member').count(), members, 'every member of every proposition is listed');
    assert.equal(await page.locator('#group-list .member .stance').count(), members, 'every member shows its stance');
    const groupsFirst = await page.evaluate(() => {
      const g = document.querySelector('.group-list');
      const l = document.querySelector('.link-list');
      return Boolean(g.compareDocumentPosition(l) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(groupsFirst, 'propositions come before the links');

    await page.screenshot({ path: shot('desktop'), fullPage: true });

    // Selecting a link from the list highlights both of its claims and shows
    // the explanation; the arc becomes the active one.
    const first = apiLinks.find((l) => body.crossArticleLinks.includes(l)) || apiLinks[0];
    const li = page.locator(`#link-list li[data-link="${apiLinks.indexOf(first)}"]`);
    await li.locator('.link-sel').click();
    await assert.doesNotReject(page.waitForSelector(`mark.claim.selected[data-claim="${first.claimId}"]`));
    await assert.doesNotReject(page.waitForSelector(`mark.claim.linked[data-claim="${first.otherClaimId}"]`));
    assert.equal(await page.locator('#links .arc-g.active').count(), 1, 'the selected arc is highlighted');
    assert.ok((await page.locator('#details-body').textContent()).includes(first.explanation), 'details show the explanation');
    await page.waitForTimeout(400); // let the smooth scroll settle
    await page.screenshot({ path: shot('desktop-link') });

    // Keyboard: Tab reaches the claims in text order, Enter shows a claim's
    // details, Escape clears them.
    await page.locator('.doc .remove').first().focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.claim), body.results[0].claims[0]?.id,
      'Tab from the first article\'s header reaches its first claim');
    const claim = apiClaims.find((c) => c.speaker.canonicalName) || apiClaims[0];
    await page.locator(`mark.claim[data-claim="${claim.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`mark.claim.selected[data-claim="${claim.id}"]`);
    const details = await page.locator('#details-body').textContent();
    assert.ok(details.includes(`Claim ${claim.id}`), 'Enter shows the claim');
    assert.ok(details.includes(claim.speaker.canonicalName || 'the article'), 'details name the speaker');
    assert.ok(details.includes('Hedging') && details.includes('Check-worthy'), 'details show hedging and check-worthiness');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('mark.claim.selected').count(), 0, 'Escape clears the selection');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.claim), claim.id, 'focus stays on the claim');

    // With every example shown, every hedging colour is on the page.
    assert.deepEqual(await lowContrast(page), [], 'text contrast is at least 4.5:1 (WCAG AA)');

    // Paste: Clear, then one pasted article goes through claims:extract.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForSelector('#articles .empty');
    await page.getByText('Paste an article').click();
    await page.getByLabel('Article text').fill('Mayor Dana Whitfield said on Monday that the bridge will reopen in May. Engineers said the bridge may stay closed until October.');
    const extracted = page.waitForResponse((r) => r.url().endsWith('/v1/claims:extract'));
    await page.getByRole('button', { name: 'Add pasted text', exact: true }).click();
    const one = await (await extracted).json();
    await page.waitForSelector('body[data-state="ready"]');
    assert.ok(one.result.claims.length > 0, 'the pasted text has claims');
    assert.equal(await page.locator('#articles mark.claim').count(), one.result.claims.length, 'each claim of the pasted text is highlighted');
    assert.equal(await page.locator('#articles .doc').count(), 1);

    // A pasted web page is recognised as HTML and sent as text/html; the page
    // shows the extracted text with its claims and the byline it read.
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForSelector('#articles .empty');
    await page.getByLabel('Article text').fill('<!DOCTYPE html><html><head><title>Bridge to reopen</title><meta name="author" content="Lena Ortiz"></head><body><nav><a href="/">Home</a></nav><article><h1>Bridge to reopen</h1><p>Mayor Dana Whitfield said on Monday that the harbour bridge will reopen in May, two years after it was closed for repairs.</p><p>Engineers said the bridge may stay closed until October if the last inspections find more corrosion in the cables.</p></article></body></html>');
    assert.equal(await page.locator('#paste-format').inputValue(), 'html', 'pasted markup switches the format to HTML');
    const fromPage = page.waitForResponse((r) => r.url().endsWith('/v1/claims:extract'));
    await page.getByRole('button', { name: 'Add pasted text', exact: true }).click();
    const pageAnswer = await (await fromPage).json();
    await page.waitForSelector('body[data-state="ready"]');
    assert.ok(pageAnswer.result.documentText.startsWith('Mayor Dana Whitfield'), 'the service extracted the main text');
    assert.ok(pageAnswer.result.claims.length > 0, 'the pasted page has claims');
    assert.equal(await page.locator('#articles mark.claim').count(), pageAnswer.result.claims.length, 'each claim of the page is highlighted');
    assert.ok((await page.locator('#articles .doc .meta').innerText()).includes('Lena Ortiz'), 'the byline is shown');

    assert.deepEqual(problems, [], 'no console errors, page errors or off-server requests');
    console.log(`# ${examples.length} articles, ${apiClaims.length} claims, ${apiLinks.length} links (${body.crossArticleLinks.length} across)`);
  } finally {
    await context.close();
  }
});

test('phone: readable at 390 px, details in a bottom sheet', async () => {
  const { context, page, problems } = await openPage({ width: 390, height: 844 }, { isMobile: true, hasTouch: true });
  try {
    const { body } = await loadAllExamples(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    const apiLinks = [...body.results.flatMap((r) => r.links), ...body.crossArticleLinks];
    assert.equal(await page.locator('#links .arc-g').count(), apiLinks.length, 'arcs drawn at phone width');
    await page.screenshot({ path: shot('phone'), fullPage: true });

    const linked = apiLinks[0];
    const target = page.locator(`mark.claim[data-claim="${linked.claimId}"]`);
    await target.scrollIntoViewIfNeeded();
    await target.tap();
    await page.waitForSelector('body.sheet-open #details');
    assert.ok(await page.locator('#details').isVisible(), 'the details sheet opens');
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot('phone-details') });
    await page.getByRole('button', { name: 'Close details', exact: true }).tap();
    assert.ok(!(await page.locator('#details').isVisible()), 'the sheet closes');
    assert.deepEqual(problems, [], 'no console errors, page errors or off-server requests');
  } finally {
    await context.close();
  }
});
