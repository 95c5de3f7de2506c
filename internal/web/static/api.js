// Talking to the REST gateway. Offsets are requested in UTF-16 code units, so
// a span slices a JavaScript string exactly: text.slice(span.start, span.end).

export const ENCODING = 'ENCODING_TYPE_UTF16';

// getJSON fetches url and returns its JSON body (see answer).
export async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  return answer(res);
}

// postJSON posts body as JSON to url and returns the JSON answer (see answer).
export async function postJSON(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return answer(res);
}

// answer returns the JSON body, or throws the gateway's error message
// (google.rpc.Status: code, message, details).
async function answer(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: reported below by status
  }
  if (!res.ok) {
    const msg = body?.message || res.statusText || 'request failed';
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

// apiArticle is the request article: a web page ({html: true}) is sent as
// text/html, so the service extracts its main text and metadata first and the
// result's spans slice its documentText.
function apiArticle(a) {
  const out = { id: a.id, text: a.text };
  if (a.html) out.contentType = 'CONTENT_TYPE_TEXT_HTML';
  return out;
}

// requestClaims sends the articles ({id, text, html}): one ExtractClaims call for a
// single article, one BatchExtractClaims call for several so claims are also
// linked across articles. It returns the results in article order and the
// cross-article links.
export async function requestClaims(articles) {
  if (articles.length === 1) {
    const a = articles[0];
    const r = await postJSON('/v1/claims:extract', { article: apiArticle(a), encodingType: ENCODING });
    return { results: [r.result], cross: [], groups: r.result.groups || [] };
  }
  const r = await postJSON('/v1/claims:batchExtract', {
    articles: articles.map(apiArticle),
    encodingType: ENCODING,
  });
  return { results: r.results, cross: r.crossArticleLinks || [], groups: r.groups || [] };
}

// indexResults keeps the answer in the shapes the page needs: claims by ID
// with their article, every link (within and across articles) numbered, each
// claim's links, and the proposition groups.
export function indexResults(results, cross, groups = []) {
  const byArticle = new Map();
  const claims = new Map();
  const links = [];
  for (const res of results) {
    byArticle.set(res.articleId, res);
    for (const c of res.claims || []) claims.set(c.id, { claim: c, articleId: res.articleId });
    for (const l of res.links || []) links.push({ ...l, cross: false });
  }
  const withinCount = links.length;
  for (const l of cross) links.push({ ...l, cross: true });
  const linksOf = new Map();
  links.forEach((l, i) => {
    l.index = i;
    for (const id of [l.claimId, l.otherClaimId]) {
      if (!linksOf.has(id)) linksOf.set(id, []);
      linksOf.get(id).push(i);
    }
  });
  return { byArticle, claims, links, linksOf, withinCount, crossCount: cross.length, groups };
}
