// Validates src/main/resources/asyncapi/asyncapi.yaml with the official @asyncapi/parser (including the
// JSON Schema files its payloads $ref), prints every diagnostic and exits 1 on any error.
//
// node_modules stay out of the repository. Install the parser anywhere and point NODE_PATH at it:
//
//   npm install --prefix /tmp/asyncapi @asyncapi/parser
//   NODE_PATH=/tmp/asyncapi/node_modules node shared-events/contracts/asyncapi-validate.mjs [path/to/asyncapi.yaml]
//
// (ESM `import` ignores NODE_PATH, so the parser is loaded with createRequire, which honours it; without
// NODE_PATH it is looked up from the current directory, so running it from the --prefix directory works too.)
// Exit codes: 0 valid (warnings allowed), 1 errors in the document, 2 the parser could not be loaded.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const document = path.resolve(process.argv[2] ?? path.join(here, 'src/main/resources/asyncapi/asyncapi.yaml'));

function loadParser() {
  // Node reads NODE_PATH only at start-up into Module.globalPaths, which createRequire's lookup uses.
  const require = createRequire(path.join(process.cwd(), 'noop.js'));
  try {
    return require('@asyncapi/parser');
  } catch (e) {
    console.error(`cannot load @asyncapi/parser (${e.code ?? e.message}); install it and set NODE_PATH, see the top of ${path.relative(process.cwd(), fileURLToPath(import.meta.url))}`);
    process.exit(2);
  }
}

const { Parser, DiagnosticSeverity } = loadParser();
const severities = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };

const parser = new Parser();
// `source` lets the parser resolve the payloads' relative $refs against the document's location.
const { document: parsed, diagnostics } = await parser.parse(readFileSync(document, 'utf8'), { source: document });

for (const d of diagnostics) {
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  console.log(`${severities[d.severity] ?? d.severity} ${d.code} at ${where}${line}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
if (errors.length > 0 || !parsed) {
  console.error(`${path.relative(process.cwd(), document)}: INVALID, ${errors.length} error(s)`);
  process.exit(1);
}
const messages = parsed.allMessages().length;
const channels = parsed.allChannels().length;
const operations = parsed.allOperations().length;
if (messages === 0 || channels === 0 || operations === 0) {
  console.error(`${path.relative(process.cwd(), document)}: INVALID, nothing parsed (${channels} channels, ${operations} operations, ${messages} messages)`);
  process.exit(1);
}
console.log(`${path.relative(process.cwd(), document)}: valid AsyncAPI ${parsed.version()}, ${channels} channels, ${operations} operations, ${messages} messages, ${diagnostics.length - errors.length} warning(s)/hint(s)`);
