// Validates the resources of rendered Kustomize output (YAML files named on the command line) as an API server would:
// a built-in kind against the Kubernetes OpenAPI schema (kubernetes-models' validators), a custom kind against the
// openAPIV3Schema of its CRD (the YAML files of the directory given by --crds), strictly: a field the schema does not
// declare is an error (an API server's strict field validation; without it the field would be dropped unseen).
// Prints one line per resource in error and a summary; exits 1 when any resource is invalid or of an unknown kind.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const args = process.argv.slice(2);
const crdDir = args[args.indexOf("--crds") + 1];
const files = args.filter((a, i) => a !== "--crds" && args[i - 1] !== "--crds");

function documents(text) {
  return parseAllDocuments(text).map(d => d.toJS()).filter(d => d);
}

// A field no schema declares is an error, except where the CRD keeps unknown fields (x-kubernetes-preserve-unknown-fields).
function strict(schema) {
  if (schema && typeof schema === "object") {
    if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
      schema.additionalProperties = false;
    }
    Object.values(schema).forEach(strict);
  }
  return schema;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const customKinds = new Map();
for (const file of readdirSync(crdDir).filter(f => f.endsWith(".yaml")).sort()) {
  for (const crd of documents(readFileSync(join(crdDir, file), "utf8"))) {
    for (const version of crd.spec.versions.filter(v => v.served)) {
      const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
      customKinds.set(key, ajv.compile(strict(version.schema.openAPIV3Schema)));
    }
  }
}

async function builtIn(apiVersion, kind) {
  const module = apiVersion.includes("/") ? apiVersion : `v1`;
  try {
    return (await import(`kubernetes-models/${module}`))[kind];
  } catch {
    return undefined;
  }
}

let valid = 0;
const problems = [];
for (const file of files) {
  for (const resource of documents(readFileSync(file, "utf8"))) {
    const id = `${file}: ${resource.apiVersion} ${resource.kind} ${resource.metadata?.namespace ?? "-"}/${resource.metadata?.name}`;
    const custom = customKinds.get(`${resource.apiVersion} ${resource.kind}`);
    if (custom) {
      if (custom(resource)) {
        valid++;
      } else {
        problems.push(`${id}: ${custom.errors.map(e => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`).join("; ")}`);
      }
      continue;
    }
    const Model = await builtIn(resource.apiVersion, resource.kind);
    if (!Model) {
      problems.push(`${id}: neither a built-in kind nor one of the CRDs in ${crdDir}`);
      continue;
    }
    try {
      new Model(resource).validate();
      valid++;
    } catch (e) {
      problems.push(`${id}: ${e.message}`);
    }
  }
}
problems.forEach(p => console.log(p));
console.log(`${valid} resources valid, ${problems.length} invalid`);
process.exit(problems.length === 0 ? 0 : 1);
