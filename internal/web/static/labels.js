// Readable labels for the API's enums and numbers.

export const enumLabel = (v, prefix) => (v || '').replace(prefix, '').toLowerCase().replace(/_/g, ' ');
export const KIND = (v) => enumLabel(v, 'SPEAKER_KIND_');
export const ATTRIBUTION = (v) => enumLabel(v, 'ATTRIBUTION_KIND_');
export const RELATION = (v) => enumLabel(v, 'RELATION_');
export const REASON = (v) => enumLabel(v, 'REASON_');
export const CUE_KIND = (v) => enumLabel(v, 'HEDGE_CUE_KIND_');
export const RESOLUTION = {
  SPEAKER_RESOLUTION_EXPLICIT: 'named at the cue',
  SPEAKER_RESOLUTION_PRONOUN: 'pronoun, resolved to an earlier speaker',
  SPEAKER_RESOLUTION_DESCRIPTION: 'description, resolved to an earlier speaker',
  SPEAKER_RESOLUTION_SURNAME: 'surname, resolved to the full name',
  SPEAKER_RESOLUTION_CONTINUATION: 'continues an earlier quote',
  SPEAKER_RESOLUTION_NONE: 'none: the article’s own voice',
};
export const relationClass = (r) => ({ RELATION_DISPUTE: 'dispute', RELATION_UPDATE: 'update', RELATION_AGREES: 'agrees' })[r] || 'contradiction';
export const STANCE = {
  STANCE_ASSERTS: 'asserts',
  STANCE_DENIES: 'denies',
  STANCE_REPORTS_CHANGE: 'reports a change',
};
export const hedgeBucket = (score) => Math.min(4, Math.max(0, Math.floor((score || 0) * 5)));
export const pct = (x) => Math.round((x || 0) * 100);
export const fixed = (x) => (x || 0).toFixed(2);
export const speakerName = (c) => c.speaker?.canonicalName || c.speaker?.mention || 'the article';
export const snippet = (s, n = 90) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);
