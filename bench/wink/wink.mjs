// wink-nlp's pipeline over JSON Lines of articles ({"text": ...} per line): for
// each text, readDoc with sentence splitting, named entities and part-of-speech
// tags, reading every sentence, entity and POS tag out so none of the work is
// skipped lazily. Prints one JSON summary line (articles, bytes, sentences,
// entities, tokens, seconds) on stdout. Used by scripts/winkbench.sh.
//
//	node bench/wink/wink.mjs INPUT.jsonl
import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos', 'ner']);
const its = nlp.its;
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const texts = lines.map((l) => JSON.parse(l).text ?? '');
const t0 = process.hrtime.bigint();
let bytes = 0, sentences = 0, entities = 0, tokens = 0;
for (const text of texts) {
  bytes += Buffer.byteLength(text);
  const doc = nlp.readDoc(text);
  sentences += doc.sentences().out().length;
  entities += doc.entities().out(its.detail).length;
  tokens += doc.tokens().out(its.pos).length;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ articles: texts.length, bytes, sentences, entities, tokens, seconds }));
