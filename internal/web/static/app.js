// claimsvc page: loads articles, sends them to the REST gateway and shows the
// claims. Plain ES2020 modules, no framework, no build step, no network beyond
// this server:
//
//	app.js      state, selection, loading articles, wiring (this file)
//	api.js      the REST calls and the shape of their answers
//	text.js     the article text with claims and marks
//	links.js    link arcs, the proposition groups and the list of links
//	details.js  the side panel
//	labels.js   readable enum labels; dom.js  element helpers

import { getJSON, indexResults, requestClaims } from './api.js';
import { renderDetails } from './details.js';
import { $, el } from './dom.js';
import { fixed, RELATION, snippet, speakerName } from './labels.js';
import { claimEl, drawLinks, renderGroupList, renderLinkList } from './links.js';
import { renderText } from './text.js';

// The page's state: what is loaded, what the service answered, what is selected.
const state = {
  articles: [], // {id, title, text}
  result: null, // see indexResults
  selected: null, // {type: 'claim', id} | {type: 'link', index}
  pasted: 0,
  request: 0,
};

// actions are what links and the side panel can ask of the page.
const actions = {
  selectLink: (index) => select({ type: 'link', index }, true),
  jumpTo: (id) => select({ type: 'claim', id }, true, true),
};

// analyse sends every loaded article (see requestClaims) and shows the answer.
async function analyse() {
  const mine = ++state.request;
  showError('');
  if (state.articles.length === 0) {
    state.result = null;
    state.selected = null;
    render();
    setStatus('No article loaded.');
    document.body.dataset.state = 'ready';
    return;
  }
  document.body.dataset.state = 'busy';
  const n = state.articles.length;
  setStatus(`Analysing ${n} article${n > 1 ? 's' : ''}…`);
  const started = performance.now();
  try {
    const { results, cross, groups } = await requestClaims(state.articles);
    if (mine !== state.request) return; // a newer request superseded this one
    state.result = indexResults(results, cross, groups);
    if (state.selected?.type === 'claim' && !state.result.claims.has(state.selected.id)) state.selected = null;
    if (state.selected?.type === 'link') state.selected = null;
    render();
    const r = state.result;
    const ms = Math.round(performance.now() - started);
    setStatus(
      `${n} article${n > 1 ? 's' : ''} · ${r.claims.size} claims · ` +
        `${r.withinCount} link${r.withinCount === 1 ? '' : 's'} within articles` +
        (n > 1 ? ` · ${r.crossCount} across articles` : '') +
        ` · ${ms} ms`,
    );
    document.body.dataset.state = 'ready';
  } catch (err) {
    if (mine !== state.request) return;
    showError(`The service refused the request: ${err.message}`);
    setStatus('');
    document.body.dataset.state = 'error';
  }
}

// render shows the loaded articles and everything about them.
function render() {
  const host = $('#articles');
  host.replaceChildren();
  const r = state.result;
  $('#clear').disabled = state.articles.length === 0;
  if (!r) {
    host.append(
      el('p', { class: 'empty' }, 'No article loaded yet. Choose ', el('strong', { text: 'Load all examples' }),
        ' to see claims linked across several reports of one story.'),
    );
  } else {
    state.articles.forEach((a, i) => {
      const res = r.byArticle.get(a.id) || { claims: [], links: [] };
      const nLinks = new Set((res.claims || []).flatMap((c) => r.linksOf.get(c.id) || [])).size;
      host.append(
        el('article', { class: 'doc', 'aria-labelledby': `doc-h-${i}`, 'data-article': a.id },
          el('header', { class: 'doc-head' },
            el('h3', { id: `doc-h-${i}`, text: res.metadata?.title || a.title }),
            el('p', { class: 'meta', text: [a.id, ...pageMeta(res), `${(res.claims || []).length} claims`, `${nLinks} link${nLinks === 1 ? '' : 's'}`].join(' · ') }),
            el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${a.title}`, title: 'Remove', text: '×', onclick: () => removeArticle(a.id) }),
          ),
          res.emptyReason ? el('p', { class: 'empty', text: res.emptyReason }) : renderText(res.documentText || a.text, res.claims || [], r.linksOf),
        ),
      );
    });
  }
  renderGroupList(r, actions);
  renderLinkList(r, actions);
  renderDetails(r, state.selected, actions);
  redrawLinks();
}

// redrawLinks draws the arcs again (after rendering, or when the text reflows)
// with the selection on them.
function redrawLinks() {
  drawLinks(state.result, actions);
  applySelection();
}

// applySelection marks the selected claim (or link), its speaker and cue, the
// claims it is linked to, and the arcs.
function applySelection() {
  for (const e of document.querySelectorAll('.selected, .linked, .of-selected, .active')) {
    e.classList.remove('selected', 'linked', 'of-selected', 'active');
  }
  for (const b of document.querySelectorAll('.link-sel[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  const sel = state.selected;
  const r = state.result;
  const layer = $('#links');
  layer.classList.toggle('has-selection', !!sel);
  if (!sel || !r) return;
  let linkIdx = [];
  if (sel.type === 'claim') {
    claimEl(sel.id)?.classList.add('selected');
    for (const m of document.querySelectorAll('#articles [data-owners]')) {
      if (m.dataset.owners.split(' ').includes(sel.id)) m.classList.add('of-selected');
    }
    linkIdx = r.linksOf.get(sel.id) || [];
    for (const i of linkIdx) {
      const l = r.links[i];
      claimEl(l.claimId === sel.id ? l.otherClaimId : l.claimId)?.classList.add('linked');
    }
  } else {
    linkIdx = [sel.index];
    const l = r.links[sel.index];
    claimEl(l.claimId)?.classList.add('selected');
    claimEl(l.otherClaimId)?.classList.add('linked');
  }
  for (const i of linkIdx) {
    layer.querySelector(`[data-link="${i}"]`)?.classList.add('active');
    const li = $(`#link-list li[data-link="${i}"]`);
    li?.classList.add('active');
    li?.querySelector('.link-sel')?.setAttribute('aria-pressed', 'true');
  }
}

// select changes the selection; reveal scrolls the (first) claim into view,
// focus moves keyboard focus to it.
function select(sel, reveal = false, focus = false) {
  state.selected = sel;
  renderDetails(state.result, sel, actions);
  applySelection();
  const r = state.result;
  if (!sel || !r) return;
  const id = sel.type === 'claim' ? sel.id : r.links[sel.index].claimId;
  const target = claimEl(id);
  if (sel.type === 'claim') {
    const c = r.claims.get(id).claim;
    setStatus(`Selected claim ${id}: ${speakerName(c)}, hedging ${fixed(c.hedging?.score)}, check-worthiness ${fixed(c.checkWorthiness)}.`);
  } else {
    const l = r.links[sel.index];
    setStatus(`Selected ${RELATION(l.relation)} between ${l.claimId} and ${l.otherClaimId}.`);
  }
  // On a narrow screen the details open as a sheet over the lower half, so the
  // claim moves to the upper half.
  const sheet = window.matchMedia('(max-width: 900px)').matches;
  if (target && (reveal || sheet)) {
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView({ block: sheet ? 'start' : 'center', behavior: smooth ? 'smooth' : 'auto' });
    target.classList.remove('flash');
    void target.offsetWidth; // restart the animation
    target.classList.add('flash');
  }
  if (target && focus) target.focus({ preventScroll: true });
}

// --- loading articles ---------------------------------------------------------

function setStatus(msg) {
  $('#status').textContent = msg;
}

function showError(msg) {
  $('#error').textContent = msg;
}

function titleOf(text) {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l) || 'Untitled';
  return snippet(line, 90);
}

async function addExamples(names) {
  showError('');
  const fresh = names.filter((n) => !state.articles.some((a) => a.id === n));
  if (!fresh.length) {
    setStatus('Already loaded.');
    return;
  }
  document.body.dataset.state = 'busy';
  setStatus(`Loading ${fresh.length} example${fresh.length > 1 ? 's' : ''}…`);
  try {
    const got = await Promise.all(fresh.map((n) => getJSON(`/examples/${encodeURIComponent(n)}`)));
    for (const e of got) state.articles.push({ id: e.name, title: e.title, text: e.text });
  } catch (err) {
    showError(`Could not load the example: ${err.message}`);
    document.body.dataset.state = 'error';
    return;
  }
  await analyse();
}

async function addPasted() {
  const box = $('#paste');
  const text = box.value;
  if (!text.trim()) {
    showError('Paste some article text first.');
    box.focus();
    return;
  }
  const html = $('#paste-format').value === 'html';
  state.pasted += 1;
  state.articles.push({ id: `pasted-${state.pasted}`, title: html ? 'Web page' : titleOf(text), text, html });
  box.value = '';
  $('#paste-format').value = 'text';
  await analyse();
}

// pageMeta lists what the service read from a web page: author, outlet, date.
function pageMeta(res) {
  const m = res.metadata;
  if (!m) return [];
  return [m.author, m.siteName, m.publishTime?.slice(0, 10)].filter(Boolean);
}

// looksLikeHTML says whether pasted text is a web page's markup.
function looksLikeHTML(text) {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

// loadPageFile puts a dropped or opened .html file into the paste box as HTML.
async function loadPageFile(file) {
  if (!file) return;
  $('#paste').value = await file.text();
  $('#paste-format').value = 'html';
  $('#paste-box').open = true;
  setStatus(`Loaded ${file.name}; choose Add pasted text.`);
}

async function removeArticle(id) {
  state.articles = state.articles.filter((a) => a.id !== id);
  if (state.selected) state.selected = null;
  await analyse();
  $('#results').focus({ preventScroll: true });
}

async function loadExampleList() {
  const pick = $('#example');
  try {
    const list = await getJSON('/examples');
    pick.replaceChildren(...list.examples.map((e) => el('option', { value: e.name, text: `${e.title}  (${e.name})` })));
    const n = list.examples.length;
    $('#examples-source').textContent =
      list.source === 'directory'
        ? `${n} example article${n === 1 ? '' : 's'} from the server’s examples folder.`
        : `${n} built-in example article${n === 1 ? '' : 's'} (one invented story told three ways).`;
    pick.disabled = n === 0;
    $('#add-example').disabled = n === 0;
    $('#add-all').disabled = n === 0;
    document.body.dataset.state = 'ready';
    return list.examples;
  } catch (err) {
    pick.replaceChildren(el('option', { text: 'No examples' }));
    showError(`Could not list the examples: ${err.message}`);
    document.body.dataset.state = 'error';
    return [];
  }
}

// --- wiring -------------------------------------------------------------------

function wire(examples) {
  $('#add-example').addEventListener('click', () => addExamples([$('#example').value]));
  $('#add-all').addEventListener('click', () => addExamples(examples.map((e) => e.name)));
  $('#add-paste').addEventListener('click', addPasted);
  $('#paste').addEventListener('input', () => {
    if (looksLikeHTML($('#paste').value)) $('#paste-format').value = 'html';
  });
  $('#paste-file').addEventListener('change', (e) => loadPageFile(e.target.files[0]));
  $('#paste').addEventListener('dragover', (e) => e.preventDefault());
  $('#paste').addEventListener('drop', (e) => {
    e.preventDefault();
    loadPageFile(e.dataTransfer.files[0]);
  });
  $('#clear').addEventListener('click', () => {
    state.articles = [];
    state.selected = null;
    analyse();
  });
  $('#close-details').addEventListener('click', () => {
    const id = state.selected?.type === 'claim' ? state.selected.id : null;
    select(null);
    setStatus('');
    if (id) claimEl(id)?.focus();
  });

  const articles = $('#articles');
  articles.addEventListener('click', (ev) => {
    const c = ev.target.closest('.claim');
    if (c) select({ type: 'claim', id: c.dataset.claim });
  });
  articles.addEventListener('keydown', (ev) => {
    const c = ev.target.closest('.claim');
    if (c && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      select({ type: 'claim', id: c.dataset.claim });
    }
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && state.selected) {
      const id = state.selected.type === 'claim' ? state.selected.id : null;
      select(null);
      setStatus('Selection cleared.');
      if (id) claimEl(id)?.focus();
    }
  });

  // Arcs follow the text as it reflows.
  let frame = 0;
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(redrawLinks);
  };
  new ResizeObserver(redraw).observe($('#results'));
  window.addEventListener('resize', redraw);
  document.fonts?.ready.then(redraw);

  // ?examples=all or ?examples=name1,name2 preloads examples (a link to share).
  const want = new URLSearchParams(location.search).get('examples');
  if (want) {
    const names = want === 'all' ? examples.map((e) => e.name) : want.split(',').filter((n) => examples.some((e) => e.name === n));
    if (names.length) addExamples(names);
  }
}

loadExampleList().then(wire);
