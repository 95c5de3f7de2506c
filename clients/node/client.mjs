// A Node.js client of claimsvc's gRPC API, built from the repository's .proto
// files at run time with @grpc/proto-loader (no code generation): the proof
// that the API is usable from a language other than Go, and a starting point
// for a JavaScript service that wants claims.
//
// As a library:
//
//	import { connect } from './client.mjs';
//	const claims = connect('localhost:8081');
//	const res = await claims.extractClaims({ article: { id: 'a', text }, encodingType: 'ENCODING_TYPE_UTF16' });
//	for await (const r of claims.streamExtractClaims(requests)) { ... }
//	claims.close();
//
// As a command: node client.mjs [-addr localhost:8081] [-stream] FILE...
// prints the claims of each file (one ExtractClaims call each, or one
// StreamExtractClaims call for all with -stream) as JSON lines.
//
// Field names are lowerCamelCase and enums are their names as strings, as in
// the REST gateway's JSON; offsets are in the unit the request's
// encodingType names (ENCODING_TYPE_UTF16 makes them JavaScript string
// indices).

import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// protoDirs are where the API and its imports live in the repository:
// proto/ (claims.v1) and third_party/proto/ (google.api, google.rpc, openapiv2
// options). google/protobuf/*.proto ship with protobufjs.
export const protoDirs = [resolve(repo, 'proto'), resolve(repo, 'third_party/proto')];

// loadClaimsPackage returns the claims.v1 package object of grpc-js.
export function loadClaimsPackage(includeDirs = protoDirs) {
  const def = protoLoader.loadSync('claims/v1/claims_service.proto', {
    includeDirs,
    keepCase: false, // lowerCamelCase, like the REST JSON
    enums: String, // enum names, like the REST JSON
    longs: String,
    defaults: true, // zero values present, like the REST JSON
    oneofs: true,
  });
  return grpc.loadPackageDefinition(def).claims.v1;
}

// connect returns a promise-based client of ClaimsService at addr
// (host:port, plaintext). deadlineMs bounds each unary call; streamDeadlineMs
// bounds a whole stream (none by default: a batch job's stream runs as long as
// its input).
export function connect(addr, { deadlineMs = 30_000, streamDeadlineMs = Infinity } = {}) {
  const pkg = loadClaimsPackage();
  const stub = new pkg.ClaimsService(addr, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 << 20,
  });
  const deadline = () => new Date(Date.now() + deadlineMs);
  const unary = (method) => (req) =>
    new Promise((ok, fail) => stub[method](req, { deadline: deadline() }, (err, res) => (err ? fail(err) : ok(res))));
  return {
    extractClaims: unary('ExtractClaims'),
    batchExtractClaims: unary('BatchExtractClaims'),
    compareClaims: unary('CompareClaims'),
    // streamExtractClaims sends the requests — an array, any iterable or an
    // async iterable (a generator reading a file, a queue) — while it yields
    // the responses as the server finishes them (not necessarily in input
    // order: each carries its inputIndex). Writing waits whenever the stream's
    // buffer is full, so a long input is never held in memory whole, and a
    // request may depend on earlier responses. Breaking out of the loop
    // cancels the stream; an error from the requests iterable ends it and is
    // thrown here.
    streamExtractClaims: async function* (requests) {
      const opts = Number.isFinite(streamDeadlineMs) ? { deadline: new Date(Date.now() + streamDeadlineMs) } : {};
      const call = stub.StreamExtractClaims(opts);
      let closed = false;
      let inputError = null;
      const ended = new Promise((ok) => call.once('close', ok));
      call.on('error', () => {}); // surfaced by the reading loop below
      const writing = (async () => {
        try {
          for await (const r of requests) {
            if (closed) return;
            if (!call.write(r)) await Promise.race([new Promise((ok) => call.once('drain', ok)), ended]);
          }
          if (!closed) call.end();
        } catch (err) {
          inputError = err;
          call.cancel();
        }
      })();
      try {
        for await (const r of call) yield r; // a stream-level error (not a per-article one) throws here
      } catch (err) {
        if (!inputError) throw err;
      } finally {
        closed = true;
        call.cancel(); // no-op once the stream has ended; stops it when the caller breaks early
        await writing;
      }
      if (inputError) throw inputError;
    },
    close: () => stub.close(),
  };
}

// main is the command-line use.
async function main(argv) {
  let addr = process.env.CLAIMSVC_GRPC_ADDR || 'localhost:8081';
  let stream = false;
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-addr') addr = argv[++i];
    else if (argv[i] === '-stream') stream = true;
    else files.push(argv[i]);
  }
  if (!files.length) {
    console.error('usage: node client.mjs [-addr host:port] [-stream] FILE...');
    process.exit(2);
  }
  const claims = connect(addr);
  try {
    const articles = await Promise.all(files.map(async (f) => ({ id: basename(f), text: await readFile(f, 'utf8') })));
    if (stream) {
      for await (const r of claims.streamExtractClaims(articles.map((article) => ({ article, encodingType: 'ENCODING_TYPE_UTF16' })))) {
        console.log(JSON.stringify(r));
      }
    } else {
      for (const article of articles) {
        console.log(JSON.stringify(await claims.extractClaims({ article, encodingType: 'ENCODING_TYPE_UTF16' })));
      }
    }
  } finally {
    claims.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`claimsvc client: ${err.message}`);
    process.exit(1);
  });
}
