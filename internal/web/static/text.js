// The article text with its claims, speakers, cues and hedge cues marked.

import { el } from './dom.js';
import { ATTRIBUTION, CUE_KIND, fixed, hedgeBucket, pct, speakerName } from './labels.js';

// renderText lays the claims and their marks over the text. Claims become
// focusable <mark> elements (a claim that overlaps an earlier one starts where
// that one ends); speaker mentions, cues and hedge cues become spans that may
// fall inside or outside claims and may overlap each other. One sweep over the
// boundaries keeps this linear in the number of marks.
export function renderText(text, claims, linksOf) {
  const len = text.length;
  const clamp = (x) => Math.max(0, Math.min(len, x | 0));
  const sorted = [...claims].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const claimRuns = [];
  let prevEnd = 0;
  for (const c of sorted) {
    const s = Math.max(clamp(c.span?.start), prevEnd);
    const e = clamp(c.span?.end);
    if (e > s) {
      claimRuns.push({ s, e, claim: c });
      prevEnd = e;
    }
  }

  const marks = new Map(); // "kind:s:e" -> {kind, s, e, owners, title}
  const addMark = (kind, span, owner, title) => {
    if (!span) return;
    const s = clamp(span.start);
    const e = clamp(span.end);
    if (e <= s) return;
    const key = `${kind}:${s}:${e}`;
    if (!marks.has(key)) marks.set(key, { kind, s, e, owners: [], title });
    marks.get(key).owners.push(owner);
  };
  for (const c of claims) {
    if (c.speaker?.mention) addMark('mention', c.speaker.mentionSpan, c.id, `speaker: ${speakerName(c)}`);
    if (c.attribution?.cue) addMark('cue', c.attribution.cueSpan, c.id, `cue: ${ATTRIBUTION(c.attribution.kind)}`);
    for (const h of c.hedging?.cues || []) {
      addMark(h.weight < 0 ? 'boost' : 'hedge', h.span, c.id, `${CUE_KIND(h.kind)} ${h.weight >= 0 ? '+' : ''}${fixed(h.weight)}`);
    }
  }
  const markList = [...marks.values()].sort((a, b) => a.s - b.s);

  const points = new Set([0, len]);
  for (const r of claimRuns) points.add(r.s).add(r.e);
  for (const m of markList) points.add(m.s).add(m.e);
  const bounds = [...points].sort((a, b) => a - b);

  const root = el('div', { class: 'text' });
  let active = [];
  let mi = 0;
  let ci = 0;
  let claimEl = null;
  let claimRun = null;
  const closeClaim = () => {
    if (claimEl) claimEl.append(...badges(claimRun.claim, linksOf));
    claimEl = null;
    claimRun = null;
  };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const p = bounds[i];
    const q = bounds[i + 1];
    active = active.filter((m) => m.e > p);
    while (mi < markList.length && markList[mi].s <= p) {
      if (markList[mi].e > p) active.push(markList[mi]);
      mi++;
    }
    while (ci < claimRuns.length && claimRuns[ci].e <= p) ci++;
    const run = ci < claimRuns.length && claimRuns[ci].s <= p ? claimRuns[ci] : null;
    if (run !== claimRun) {
      closeClaim();
      if (run) {
        claimRun = run;
        claimEl = claimElement(run.claim, linksOf);
        root.append(claimEl);
      }
    }
    const piece = text.slice(p, q);
    let node = document.createTextNode(piece);
    if (active.length) {
      const kinds = [...new Set(active.map((m) => m.kind))];
      const owners = [...new Set(active.flatMap((m) => m.owners))];
      node = el('span', {
        class: kinds.join(' '),
        'data-owners': owners.join(' '),
        title: active.map((m) => m.title).join(' · '),
      }, piece);
    }
    (claimEl || root).append(node);
  }
  closeClaim();
  return root;
}

function claimElement(c, linksOf) {
  const n = (linksOf.get(c.id) || []).length;
  const label =
    `${c.text} — claim ${c.id} by ${speakerName(c)}; hedging ${fixed(c.hedging?.score)}; ` +
    `check-worthiness ${fixed(c.checkWorthiness)}${n ? `; ${n} contradiction link${n > 1 ? 's' : ''}` : ''}`;
  return el('mark', {
    class: `claim h${hedgeBucket(c.hedging?.score)}`,
    tabindex: 0,
    role: 'button',
    'data-claim': c.id,
    'aria-label': label,
    title: `${c.id} · ${speakerName(c)} · hedging ${fixed(c.hedging?.score)} · check-worthiness ${fixed(c.checkWorthiness)}`,
  });
}

function badges(c, linksOf) {
  const out = [el('span', { class: `cw ${c.checkWorthy ? 'yes' : 'no'}`, 'aria-hidden': 'true', text: String(pct(c.checkWorthiness)) })];
  const n = (linksOf.get(c.id) || []).length;
  if (n) out.push(el('span', { class: 'lk', 'aria-hidden': 'true', text: `↔${n > 1 ? n : ''}` }));
  return out;
}
