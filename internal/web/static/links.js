// Links: arcs in the gutter beside the articles; in the side panel, the
// proposition groups first (each claim with its stance), then the list of links
// with their explanations and evidence words.

import { $, el, svg } from './dom.js';
import { fixed, REASON, RELATION, relationClass, snippet, speakerName, STANCE } from './labels.js';

// The page's actions these elements trigger: actions.selectLink(index) and
// actions.jumpTo(claimId), from app.js.

// claimEl is the highlighted element of a claim, if it is shown.
export function claimEl(id) {
  return document.querySelector(`#articles [data-claim="${CSS.escape(id)}"]`);
}

// drawLinks draws each link of r (see indexResults) as an arc in the gutter
// right of the articles, from the first line of one claim to the first line
// of the other. Call it again when the text reflows.
export function drawLinks(r, actions) {
  const layer = $('#links');
  layer.replaceChildren();
  const host = $('#results');
  const w = host.clientWidth;
  const h = host.scrollHeight;
  layer.setAttribute('width', w);
  layer.setAttribute('height', h);
  layer.setAttribute('viewBox', `0 0 ${w} ${h}`);
  if (!r || !r.links.length) return;
  const hostBox = host.getBoundingClientRect();
  const x0 = $('#articles').getBoundingClientRect().right - hostBox.left;
  const gutter = Math.max(8, w - x0);
  const anchor = (id) => {
    const e = claimEl(id);
    const box = e?.getClientRects()[0];
    return box ? box.top + box.height / 2 - hostBox.top : null;
  };
  // Longer arcs take outer lanes, so arcs that overlap in height stay apart.
  const arcs = r.links
    .map((l) => ({ l, y1: anchor(l.claimId), y2: anchor(l.otherClaimId) }))
    .filter((a) => a.y1 != null && a.y2 != null)
    .sort((a, b) => Math.abs(a.y2 - a.y1) - Math.abs(b.y2 - b.y1));
  const inner = Math.min(12, gutter / 3);
  const outer = Math.max(inner, gutter - 8);
  arcs.forEach(({ l, y1, y2 }, rank) => {
    const bulge = arcs.length > 1 ? inner + ((outer - inner) * rank) / (arcs.length - 1) : (inner + outer) / 2;
    const d = `M ${x0} ${y1} C ${x0 + bulge * 1.33} ${y1}, ${x0 + bulge * 1.33} ${y2}, ${x0} ${y2}`;
    const cls = relationClass(l.relation);
    const g = svg('g', { class: `arc-g ${cls}${l.cross ? ' cross' : ''}`, 'data-link': l.index });
    g.append(
      svg('path', { class: `arc ${cls}`, d }),
      svg('circle', { class: `arc-end ${cls}`, cx: x0, cy: y1, r: 4.5 }),
      svg('circle', { class: `arc-end ${cls}`, cx: x0, cy: y2, r: 4.5 }),
      svg('path', { class: 'arc-hit', d }),
    );
    const title = svg('title');
    title.textContent = `${RELATION(l.relation)} (${REASON(l.reason)}, ${fixed(l.score)}): ${l.claimId} ↔ ${l.otherClaimId}`;
    g.append(title);
    g.addEventListener('click', () => actions.selectLink(l.index));
    layer.append(g);
  });
}

// renderLinkList lists the links of r in the side panel, each with buttons
// to both of its claims.
export function renderLinkList(r, actions) {
  const list = $('#link-list');
  list.replaceChildren();
  const links = r?.links || [];
  $('#link-count').textContent = links.length ? `(${links.length})` : '';
  $('#no-links').textContent = !r
    ? 'Links between opposing claims appear here.'
    : 'No contradiction links among these claims.';
  $('#no-links').hidden = links.length > 0;
  for (const l of links) {
    const where = l.cross ? 'across articles' : 'within an article';
    list.append(
      el('li', { class: relationClass(l.relation), 'data-link': l.index },
        el('button', {
          type: 'button', class: 'link-sel', 'aria-pressed': 'false',
          onclick: () => actions.selectLink(l.index),
        },
        el('span', { class: 'rel', text: RELATION(l.relation) }), ` · ${REASON(l.reason)} · ${fixed(l.score)} `,
        el('span', { class: 'where', text: where })),
        l.explanation ? el('p', { class: 'why', text: l.explanation }) : null,
        evidence(l.first, 'A'),
        evidence(l.second, 'B'),
        jumpButton(r, l.claimId, 'A', actions),
        jumpButton(r, l.otherClaimId, 'B', actions),
      ),
    );
  }
}

// evidence shows the words of one end of a link that oppose or agree, taken
// from the linked claim's own text by the link's evidence spans.
function evidence(end, side) {
  const spans = end?.evidenceSpans || [];
  if (!spans.length) return null;
  const words = spans.map((s) => end.text.slice(s.start || 0, s.end)).filter((w) => w);
  return el('p', { class: 'evidence' }, el('span', { class: 'side-tag', text: side }),
    ` ${STANCE[end.stance] || ''}: `, ...words.flatMap((w, i) => [i ? ' … ' : '', el('mark', { class: 'ev', text: w })]));
}

// renderGroupList lists the propositions the links gather claims into: a label,
// how many claims assert, deny or report a change, and each member with its
// stance and a button to it.
export function renderGroupList(r, actions) {
  const list = $('#group-list');
  list.replaceChildren();
  const groups = r?.groups || [];
  $('#group-count').textContent = groups.length ? `(${groups.length})` : '';
  $('#no-groups').hidden = groups.length > 0;
  groups.forEach((g, gi) => {
    const counts = [
      g.asserting ? `${g.asserting} assert` : '',
      g.denying ? `${g.denying} deny` : '',
      g.reportingChange ? `${g.reportingChange} report a change` : '',
    ].filter(Boolean).join(' · ');
    list.append(
      el('li', { class: 'group', 'data-group': gi },
        el('p', { class: 'label' }, el('strong', { text: g.label || 'one proposition' }), counts ? ` — ${counts}` : ''),
        el('ul', { class: 'members' },
          ...(g.members || []).map((m) =>
            el('li', { class: `member ${(STANCE[m.stance] || '').replace(/ /g, '-')}` },
              el('span', { class: 'stance', text: STANCE[m.stance] || '?' }),
              jumpButton(r, m.claimId, '', actions)))),
      ),
    );
  });
}

// jumpButton selects and shows a claim; side names it "A" or "B" as the
// link's explanation does.
export function jumpButton(r, id, side, actions) {
  const entry = r?.claims.get(id);
  const text = entry ? `${speakerName(entry.claim)}: “${snippet(entry.claim.text, 80)}”` : '';
  return el('button', {
    type: 'button', class: 'jump', 'aria-label': `Go to claim ${side} ${id}: ${text}`,
    onclick: () => actions.jumpTo(id),
  }, side ? el('span', { class: 'side-tag', text: side }) : null, el('span', { class: 'id', text: id }), text);
}
