// The side panel: the details of the selected claim or link.

import { $, el } from './dom.js';
import { ATTRIBUTION, CUE_KIND, enumLabel, fixed, hedgeBucket, KIND, pct, REASON, RELATION, RESOLUTION, speakerName } from './labels.js';
import { jumpButton } from './links.js';

// renderDetails fills the side panel for sel, the selected claim or link of
// r (see indexResults); on a phone the panel is a sheet, open while
// something is selected.
export function renderDetails(r, sel, actions) {
  const body = $('#details-body');
  document.body.classList.toggle('sheet-open', !!sel);
  if (!sel || !r) {
    body.replaceChildren(
      el('p', { class: 'hint' }, 'Select a claim to see its speaker, attribution, hedging and links: click it, or ',
        el('kbd', { text: 'Tab' }), ' to it and press ', el('kbd', { text: 'Enter' }), '. ', el('kbd', { text: 'Esc' }),
        ' clears the selection.'),
    );
    return;
  }
  body.replaceChildren(...(sel.type === 'link' ? linkDetails(r, r.links[sel.index], actions) : claimDetails(r, sel.id, actions)));
}

// linkDetails: the relation, its evidence, and both claims.
function linkDetails(r, l, actions) {
  return [
    el('p', {}, el('strong', { class: 'rel cap', text: RELATION(l.relation) }),
      ` (${REASON(l.reason)}, score ${fixed(l.score)}, ${l.cross ? 'across articles' : 'within an article'})`),
    el('p', { class: 'expl', text: l.explanation }),
    jumpButton(r, l.claimId, 'A', actions),
    jumpButton(r, l.otherClaimId, 'B', actions),
  ];
}

// claimDetails: the claim, its speaker, attribution, hedging, check-worthiness
// and the claims it opposes.
function claimDetails(r, id, actions) {
  const entry = r.claims.get(id);
  const c = entry.claim;
  const sp = c.speaker || {};
  const at = c.attribution || {};
  const hd = c.hedging || {};
  const facts = el('dl', { class: 'facts' });
  const fact = (k, ...v) => facts.append(el('dt', { text: k }), el('dd', {}, ...v));
  const ownVoice = sp.kind === 'SPEAKER_KIND_ARTICLE';
  fact('Speaker', el('strong', { text: ownVoice ? 'the article’s own voice' : speakerName(c) }),
    sp.kind && !ownVoice ? el('span', { class: 'sub', text: ` (${KIND(sp.kind)})` }) : null);
  if (sp.mention && sp.mention !== sp.canonicalName) fact('As written', `“${sp.mention}”`);
  if (sp.title) fact('Title', sp.title);
  if (sp.organization) fact('Organization', sp.organization);
  if (!ownVoice) fact('Resolved', RESOLUTION[sp.resolution] || enumLabel(sp.resolution, 'SPEAKER_RESOLUTION_'));
  fact('Attribution', ATTRIBUTION(at.kind), at.cue ? el('span', { class: 'sub', text: ` — cue “${at.cue}”` }) : null);
  const hedgeBar = el('span', { class: 'meter' }, el('span'));
  hedgeBar.firstChild.style.setProperty('--v', `${pct(hd.score)}%`);
  hedgeBar.firstChild.style.setProperty('--bar', `var(--h${hedgeBucket(hd.score)}-edge)`);
  fact('Hedging', hedgeBar, `${fixed(hd.score)} — ${hd.uncertain ? 'asserted as uncertain' : 'asserted as fact'}`);
  if (hd.cues?.length) {
    fact('Hedge cues', el('ul', { class: 'cues' },
      hd.cues.map((h) => el('li', {}, `“${h.text}” `, el('span', { class: 'sub', text: `${CUE_KIND(h.kind)}, ${h.weight >= 0 ? '+' : ''}${fixed(h.weight)}` })))));
  }
  const cwBar = el('span', { class: 'meter' }, el('span'));
  cwBar.firstChild.style.setProperty('--v', `${pct(c.checkWorthiness)}%`);
  fact('Check-worthy', cwBar, el('span', { class: `cw ${c.checkWorthy ? 'yes' : 'no'}`, text: String(pct(c.checkWorthiness)) }),
    ` ${fixed(c.checkWorthiness)} — ${c.checkWorthy ? 'worth checking' : 'below the threshold'}`);
  fact('Span', `${c.span.start}–${c.span.end} (UTF-16) in ${entry.articleId}`);
  const links = r.linksOf.get(c.id) || [];
  const linkItems = links.map((i) => {
    const l = r.links[i];
    const other = l.claimId === c.id ? l.otherClaimId : l.claimId;
    return el('li', {}, el('span', { class: 'sub', text: `${RELATION(l.relation)} · ${REASON(l.reason)} · ${fixed(l.score)}` }),
      jumpButton(r, other, '', actions), el('p', { class: 'expl', text: l.explanation }));
  });
  return [
    el('p', { class: 'sub', text: `Claim ${c.id}` }),
    el('blockquote', { class: `claim-text h${hedgeBucket(hd.score)}`, text: c.text }),
    facts,
    links.length ? el('h3', { text: `Opposes ${links.length} claim${links.length > 1 ? 's' : ''}` }) : null,
    links.length ? el('ul', { class: 'cues' }, linkItems) : null,
  ].filter(Boolean);
}
