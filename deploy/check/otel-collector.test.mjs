// Traces: the four services export their spans over OTLP/gRPC to the OpenTelemetry Collector
// (deploy/base/otel-collector), which forwards them to the tracing backend (TRACING_BACKEND_ENDPOINT).
// Checked on both overlays: each service is told the collector's Service and gRPC port
// (OTEL_EXPORTER_OTLP_ENDPOINT, read by its application.properties); the collector's configuration, as
// the pods mount it, receives OTLP/gRPC on that port from other pods and sends traces on to an exporter;
// the NetworkPolicies let each service reach it there and nothing else reach it, and let it out to DNS
// and the backend only; the collector's pods are hardened like the services'. Then each check again on
// copies of the production manifests with one thing broken: it must notice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { egressAllowed, envOf, ingressAllowed, mountedFile, ofKind, render, repoDir, selects } from './manifests.mjs';
import { services } from './security.mjs';

const overlays = { local: render('local'), production: render('production') };
const collector = 'otel-collector';
const variable = 'OTEL_EXPORTER_OTLP_ENDPOINT';

const byName = (objects, kind, name) => ofKind(objects, kind).find((o) => o.metadata.name === name);
const deploymentOf = (objects, name) => byName(objects, 'Deployment', name) ?? assert.fail(`Deployment ${name}`);
const loopback = (host) => ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host) || host.startsWith('127.');
// "host:port" (the collector's endpoints) -> {host, port}
const hostPort = (endpoint, where) => {
  const match = String(endpoint ?? '').match(/^(.*):(\d+)$/) ?? assert.fail(`${where}: endpoint ${endpoint} is not host:port`);
  return { host: match[1], port: Number(match[2]) };
};
// a container port given by name or number -> its number
const portNumber = (container, port) => (typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort);

// The collector's configuration as its pods run it: the file its --config names, from the ConfigMap mounted there.
function collectorConfig(objects) {
  const deployment = deploymentOf(objects, collector);
  const container = deployment.spec.template.spec.containers[0];
  const args = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  const file = args.match(/--config[= ](?:file:)?(\S+)/)?.[1] ?? assert.fail(`${collector}: --config names its configuration`);
  const source = mountedFile(deployment, file) ?? assert.fail(`${collector}: ${file} is not mounted from a ConfigMap`);
  assert.equal(source.kind, 'ConfigMap', `${collector}: ${file} comes from a ConfigMap`);
  const configMap = byName(objects, 'ConfigMap', source.name) ?? assert.fail(`${collector}: ConfigMap ${source.name} is not in the manifests`);
  const text = configMap.data?.[source.key] ?? assert.fail(`ConfigMap ${source.name}: key ${source.key}`);
  return { deployment, container, config: parse(text) };
}

// The OTLP receivers' gRPC endpoint the services send to: {name, port}; it listens beyond the pod itself.
function grpcReceiver(config) {
  const [name, receiver] = Object.entries(config.receivers ?? {}).find(([n, r]) => n.split('/')[0] === 'otlp' && r?.protocols?.grpc)
    ?? assert.fail(`${collector}: an otlp receiver with protocol grpc`);
  const { host, port } = hostPort(receiver.protocols.grpc.endpoint, `receiver ${name} grpc`);
  assert.ok(!loopback(host), `receiver ${name}: grpc on ${host}, which other pods cannot reach (0.0.0.0)`);
  return { name, port };
}

// --- the collector ------------------------------------------------------------------------------

// An otlp receiver on 4317 (gRPC, reachable from other pods, a port of the container); a traces pipeline
// from it, through memory_limiter first, to exporters that are all defined, at least one of them sending
// the spans on (not only the debug exporter); each exporter's endpoint variable set in the Deployment; the
// health_check extension on, on the port the probes ask.
function checkCollectorConfig(objects) {
  const { container, config } = collectorConfig(objects);
  const receiver = grpcReceiver(config);
  assert.equal(receiver.port, 4317, `receiver ${receiver.name}: OTLP/gRPC on 4317`);
  assert.ok(container.ports?.some((p) => p.containerPort === receiver.port), `${collector}: container port ${receiver.port}`);
  const pipelines = Object.entries(config.service?.pipelines ?? {}).filter(([name]) => name.split('/')[0] === 'traces');
  const fromOtlp = pipelines.filter(([, p]) => (p.receivers ?? []).includes(receiver.name));
  assert.ok(fromOtlp.length > 0, `${collector}: a traces pipeline from receiver ${receiver.name}`);
  const env = envOf(objects, deploymentOf(objects, collector));
  for (const [name, pipeline] of fromOtlp) {
    for (const r of pipeline.receivers) assert.ok(config.receivers?.[r], `pipeline ${name}: receiver ${r} is defined`);
    for (const p of pipeline.processors ?? []) assert.ok(p in (config.processors ?? {}), `pipeline ${name}: processor ${p} is defined`);
    assert.equal((pipeline.processors ?? [])[0], 'memory_limiter', `pipeline ${name}: memory_limiter first (it refuses spans before the pod runs out of memory)`);
    const exporters = pipeline.exporters ?? [];
    assert.ok(exporters.length > 0, `pipeline ${name}: at least one exporter`);
    for (const e of exporters) assert.ok(e in (config.exporters ?? {}), `pipeline ${name}: exporter ${e} is defined`);
    const onward = exporters.filter((e) => ['otlp', 'otlphttp'].includes(e.split('/')[0]));
    assert.ok(onward.length > 0, `pipeline ${name}: an exporter that sends the spans on (otlp, otlphttp), not only ${exporters}`);
    for (const e of onward) {
      const endpoint = String(config.exporters[e]?.endpoint ?? assert.fail(`exporter ${e}: endpoint`));
      const from = endpoint.match(/^\$\{(?:env:)?(\w+)(?::-[^}]*)?\}$/)?.[1];
      if (from) assert.ok(env[from]?.value || env[from]?.configMapKeyRef, `${collector}: ${from} (exporter ${e}'s endpoint) is set in the Deployment`);
    }
  }
  const extensions = config.service?.extensions ?? [];
  assert.ok(extensions.includes('health_check') && config.extensions?.health_check !== undefined, `${collector}: extension health_check`);
  const health = hostPort(config.extensions.health_check?.endpoint, 'health_check');
  assert.ok(!loopback(health.host), `health_check on ${health.host}: the kubelet cannot ask it there`);
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const port = portNumber(container, container[probe]?.httpGet?.port);
    assert.equal(port, health.port, `${collector}: ${probe} asks health_check (${health.port})`);
  }
}

// Hardened like the services (deploy/base/*/deployment.yaml) and more: a pinned image (production: from
// the registry), non-root, seccomp RuntimeDefault, no privilege escalation, a read-only root filesystem,
// every capability dropped, no service account token; requests and a memory limit; a Service selecting it;
// a PodDisruptionBudget.
function checkCollectorWorkload(objects, overlay) {
  const deployment = deploymentOf(objects, collector);
  const pod = deployment.spec.template.spec;
  const labels = deployment.spec.template.metadata.labels;
  assert.equal(labels['app.kubernetes.io/name'], collector, `${collector}: pods labelled app.kubernetes.io/name=${collector}`);
  assert.equal(pod.automountServiceAccountToken, false, `${collector}: no service account token (it calls no Kubernetes API)`);
  assert.equal(pod.securityContext?.runAsNonRoot, true, `${collector}: runAsNonRoot`);
  for (const c of pod.containers) {
    const where = `${collector} container ${c.name}`;
    assert.match(c.image, /^[^:@]+(:[\w][\w.-]*)?(@sha256:[0-9a-f]{64})?$/, `${where}: image ${c.image}`);
    assert.ok(/@sha256:/.test(c.image) || /:\d+\.\d+\.\d+$/.test(c.image), `${where}: image ${c.image} is pinned to a version`);
    assert.match(c.image, /(^|\/)otel\/opentelemetry-collector-contrib[:@]/, `${where}: the official contrib collector`);
    if (overlay === 'production') assert.match(c.image, /^registry\.wevion\.ai\//, `${where}: from the registry`);
    const seccomp = c.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
    assert.equal(seccomp, 'RuntimeDefault', `${where}: seccomp RuntimeDefault`);
    assert.equal(c.securityContext?.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation false`);
    assert.equal(c.securityContext?.readOnlyRootFilesystem, true, `${where}: read-only root filesystem`);
    assert.ok(c.securityContext?.capabilities?.drop?.includes('ALL'), `${where}: drops every capability`);
    assert.ok(c.resources?.requests?.cpu && c.resources?.requests?.memory, `${where}: requests`);
    assert.ok(c.resources?.limits?.memory, `${where}: memory limit`);
  }
  const service = byName(objects, 'Service', collector) ?? assert.fail(`Service ${collector}`);
  assert.equal(service.spec.type ?? 'ClusterIP', 'ClusterIP', `Service ${collector}: inside the cluster only`);
  assert.ok(selects({ matchLabels: service.spec.selector }, labels), `Service ${collector} selects the collector's pods`);
  assert.ok(ofKind(objects, 'PodDisruptionBudget').some((p) => selects(p.spec.selector, labels)), `PodDisruptionBudget ${collector}`);
}

// --- the services' endpoint ---------------------------------------------------------------------

// Each service reads its OTLP endpoint from OTEL_EXPORTER_OTLP_ENDPOINT and exports over gRPC, with
// tracing on (application.properties, outside the dev and test profiles), and is told the collector's
// Service in its namespace on the Service's port otlp-grpc, which goes to the otlp receiver's gRPC port.
function checkTracesEndpoint(objects) {
  const { container, config } = collectorConfig(objects);
  const receiver = grpcReceiver(config);
  const labels = deploymentOf(objects, collector).spec.template.metadata.labels;
  const service = byName(objects, 'Service', collector) ?? assert.fail(`Service ${collector}`);
  assert.ok(selects({ matchLabels: service.spec.selector }, labels), `Service ${collector} selects the collector's pods`);
  const grpc = service.spec.ports.find((p) => p.name === 'otlp-grpc') ?? assert.fail(`Service ${collector}: port otlp-grpc`);
  assert.equal(portNumber(container, grpc.targetPort ?? grpc.port), receiver.port, `Service ${collector}: port otlp-grpc goes to receiver ${receiver.name}'s gRPC port`);
  const host = new RegExp(`^${collector}(\\.${service.metadata.namespace}(\\.svc(\\.cluster\\.local)?)?)?$`);
  for (const name of services) {
    const properties = fs.readFileSync(path.join(repoDir, name, 'src/main/resources/application.properties'), 'utf8');
    assert.match(properties, new RegExp(`^quarkus\\.otel\\.exporter\\.otlp(\\.traces)?\\.endpoint=\\$\\{${variable}(:[^}]*)?\\}$`, 'm'),
      `${name}: its OTLP endpoint comes from ${variable} (application.properties)`);
    assert.doesNotMatch(properties, /^quarkus\.otel\.exporter\.otlp(\.traces)?\.protocol=(?!grpc\s*$).*$/m, `${name}: OTLP over gRPC (application.properties)`);
    assert.doesNotMatch(properties, /^quarkus\.otel\.(sdk\.disabled=true|enabled=false|traces\.enabled=false)\s*$/m, `${name}: tracing is on (application.properties)`);
    const env = envOf(objects, deploymentOf(objects, name));
    for (const [off, value] of [['QUARKUS_OTEL_SDK_DISABLED', 'true'], ['QUARKUS_OTEL_ENABLED', 'false'], ['QUARKUS_OTEL_TRACES_ENABLED', 'false']]) {
      assert.notEqual(String(env[off]?.value).toLowerCase(), value, `${name}: ${off}=${value} turns tracing off`);
    }
    const value = env[variable]?.value ?? assert.fail(`${name}: ${variable} (else it exports to localhost:4317, its own pod)`);
    let url;
    try {
      url = new URL(value);
    } catch {
      assert.fail(`${name}: ${variable}=${value} is not a URL`);
    }
    assert.match(url.hostname, host, `${name}: ${variable}=${value} is not ${collector}'s Service in namespace ${service.metadata.namespace}`);
    assert.equal(url.protocol, 'http:', `${name}: ${variable}=${value}: plain gRPC inside the cluster (the receiver has no TLS)`);
    assert.equal(Number(url.port || 80), grpc.port, `${name}: ${variable}=${value}: the Service's port otlp-grpc (${grpc.port})`);
    assert.ok(['', '/'].includes(url.pathname) && !url.search && !url.username, `${name}: ${variable}=${value}: no path (gRPC)`);
  }
}

// --- the network --------------------------------------------------------------------------------

const tcp = (port) => ({ port, protocol: 'TCP' });

// Each service reaches the collector's pods on the otlp receiver's gRPC port (its egress and their
// ingress), and on no other port of theirs; nothing else reaches them there; a service's way there leads
// nowhere else. The collector's egress is isolated: DNS and the backend of TRACING_BACKEND_ENDPOINT on its
// port, nothing else (not the services, PostgreSQL, another pod of the namespace, the internet).
function checkTracesNetwork(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const { deployment, container, config } = collectorConfig(objects);
  const { port } = grpcReceiver(config);
  const namespace = deployment.metadata.namespace;
  const podOf = (d, ip) => ({ namespace, labels: d.spec.template.metadata.labels, ip, ports: d.spec.template.spec.containers.flatMap((c) => c.ports ?? []) });
  const target = podOf(deployment, '10.244.1.60');
  const servicePods = Object.fromEntries(services.map((s, i) => [s, podOf(deploymentOf(objects, s), `10.244.1.${i + 10}`)]));
  const strangers = {
    'a pod of the namespace': { namespace, labels: { app: 'debug' }, ip: '10.244.1.99' },
    'a pod labelled as token-service in another namespace': { namespace: 'tenant', labels: servicePods['token-service'].labels, ip: '10.244.4.14' },
    'the ingress-nginx controller': { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, ip: '10.244.2.10' },
    'Prometheus': { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' }, ip: '10.244.3.10' },
    'a node': { ip: '10.0.0.5' },
  };
  const otherPorts = [...new Set([...container.ports.map((p) => p.containerPort), 8888, 55679, 1777])].filter((p) => p !== port);
  for (const [name, source] of Object.entries(servicePods)) {
    assert.ok(egressAllowed(policies, source, target, tcp(port)), `${name} may send to ${collector} on ${port} (its egress)`);
    assert.ok(ingressAllowed(policies, source, target, tcp(port)), `${collector} admits ${name} on ${port} (its ingress)`);
    for (const other of otherPorts) {
      assert.ok(!egressAllowed(policies, source, target, tcp(other)), `${name} may send to ${collector} on ${other}, not only its OTLP/gRPC port`);
      assert.ok(!ingressAllowed(policies, source, target, tcp(other)), `${collector} admits ${name} on ${other}, not only its OTLP/gRPC port`);
    }
    for (const [who, destination] of [...Object.entries(strangers), ['a pod labelled as the collector in another namespace', { ...target, namespace: 'tenant', ip: '10.244.4.60' }], ['an address on the internet', { ip: '203.0.113.7' }]]) {
      assert.ok(!egressAllowed(policies, source, destination, tcp(port)), `${name} reaches ${who} on ${port}`);
    }
  }
  for (const [who, source] of Object.entries(strangers).filter(([, s]) => s.namespace !== undefined)) {
    assert.ok(!ingressAllowed(policies, source, target, tcp(port)), `${who} reaches ${collector} on ${port}`);
  }
  // the collector's way out
  assert.ok(policies.some((p) => (p.spec.policyTypes ?? []).includes('Egress') && selects(p.spec.podSelector, target.labels)),
    `${collector}: its egress is isolated (a NetworkPolicy of type Egress selects it)`);
  const may = (destination, connection) => egressAllowed(policies, target, destination, connection);
  const dns = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, ip: '10.244.0.10' };
  assert.ok(may(dns, { port: 53, protocol: 'UDP' }) && may(dns, tcp(53)), `${collector} resolves names (DNS, UDP and TCP)`);
  const backend = envOf(objects, deployment).TRACING_BACKEND_ENDPOINT?.value ?? assert.fail(`${collector}: TRACING_BACKEND_ENDPOINT`);
  const { host, port: backendPort } = hostPort(backend, 'TRACING_BACKEND_ENDPOINT');
  const backendNamespace = host.match(/^[a-z0-9-]+\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/)?.[1]
    ?? assert.fail(`${collector}: TRACING_BACKEND_ENDPOINT=${backend} is not <service>.<namespace>[.svc]:<port>`);
  const backendPod = { namespace: backendNamespace, labels: { 'app.kubernetes.io/name': host.split('.')[0] }, ip: '10.244.5.10' };
  assert.ok(may(backendPod, tcp(backendPort)), `${collector} reaches the tracing backend ${backend} (NetworkPolicy)`);
  for (const other of [443, 80, 9411, 14250]) assert.ok(!may(backendPod, tcp(other)), `${collector} reaches namespace ${backendNamespace} on ${other}`);
  for (const [name, destination] of Object.entries(servicePods)) {
    for (const p of destination.ports.map((q) => q.containerPort)) assert.ok(!may(destination, tcp(p)), `${collector} reaches ${name} on ${p}`);
  }
  const postgres = { namespace, labels: { 'app.kubernetes.io/name': 'postgres' }, ip: '10.244.1.90' };
  assert.ok(!may(postgres, tcp(5432)), `${collector} reaches PostgreSQL`);
  for (const [who, destination] of [...Object.entries(strangers), ['an address on the internet', { ip: '203.0.113.7' }], ['the metadata endpoint', { ip: '169.254.169.254' }]]) {
    for (const p of [backendPort, 443, 80]) assert.ok(!may(destination, tcp(p)), `${collector} reaches ${who} on ${p}`);
  }
}

for (const [overlay, objects] of Object.entries(overlays)) {
  describe(`overlay ${overlay}: traces (deploy/base/otel-collector)`, () => {
    test('every service exports its spans to the collector\'s Service on its OTLP/gRPC port (OTEL_EXPORTER_OTLP_ENDPOINT, read by its application.properties)', () => {
      checkTracesEndpoint(objects);
    });

    test('the collector\'s configuration, as mounted: an otlp receiver on 4317 for other pods, a traces pipeline from it through memory_limiter to exporters that send the spans on, health_check on the probes\' port', () => {
      checkCollectorConfig(objects);
    });

    test('the NetworkPolicies let each service reach the collector on 4317 and nothing else reach it; the collector reaches DNS and the tracing backend only', () => {
      checkTracesNetwork(objects);
    });

    test('the collector runs hardened: a pinned image, non-root, seccomp RuntimeDefault, read-only root, no capabilities, requests and limits, a ClusterIP Service and a PodDisruptionBudget', () => {
      checkCollectorWorkload(objects, overlay);
    });
  });
}

describe('the traces check itself', () => {
  const production = overlays.production;
  const named = (o, kind, name) => o.find((x) => x.kind === kind && x.metadata.name === name);
  const drop = (o, kind, name) => o.splice(o.indexOf(named(o, kind, name)), 1);
  const data = (o, service) => named(o, 'ConfigMap', service).data;
  const container = (o) => named(o, 'Deployment', collector).spec.template.spec.containers[0];
  const editConfig = (o, edit) => {
    const configMap = named(o, 'ConfigMap', collector);
    const config = parse(configMap.data['config.yaml']);
    edit(config);
    configMap.data['config.yaml'] = stringify(config);
  };
  const traces = (config) => config.service.pipelines.traces;
  const servicesEgress = (o) => named(o, 'NetworkPolicy', 'wevion-services-egress-otel-collector').spec.egress[0];
  const collectorIngress = (o) => named(o, 'NetworkPolicy', 'otel-collector-ingress').spec.ingress[0];
  const weakened = {
    'the services\' endpoint': [checkTracesEndpoint, {
      'missing for token-service': (o) => { delete data(o, 'token-service')[variable]; },
      'on the OTLP/HTTP port': (o) => { data(o, 'auth-service')[variable] = 'http://otel-collector.wevion.svc:4318'; },
      'on localhost': (o) => { data(o, 'notification-service')[variable] = 'http://localhost:4317'; },
      'in another namespace': (o) => { data(o, 'connector-service')[variable] = 'http://otel-collector.other.svc:4317'; },
      'at another Service': (o) => { data(o, 'connector-service')[variable] = 'http://jaeger.wevion.svc:4317'; },
      'tracing switched off for one service': (o) => { data(o, 'token-service').QUARKUS_OTEL_SDK_DISABLED = 'true'; },
      'the Service\'s grpc port sent to the HTTP receiver': (o) => { named(o, 'Service', collector).spec.ports.find((p) => p.name === 'otlp-grpc').targetPort = 'otlp-http'; },
      'the Service selecting no collector pod': (o) => { named(o, 'Service', collector).spec.selector = { 'app.kubernetes.io/name': 'otelcol' }; },
    }],
    'the collector\'s configuration': [checkCollectorConfig, {
      'the grpc receiver on localhost': (o) => editConfig(o, (c) => { c.receivers.otlp.protocols.grpc.endpoint = 'localhost:4317'; }),
      'the grpc receiver on another port': (o) => editConfig(o, (c) => { c.receivers.otlp.protocols.grpc.endpoint = '0.0.0.0:4319'; }),
      'no grpc protocol': (o) => editConfig(o, (c) => { delete c.receivers.otlp.protocols.grpc; }),
      'no traces pipeline': (o) => editConfig(o, (c) => { c.service.pipelines = { metrics: traces(c) }; }),
      'the traces pipeline not from otlp': (o) => editConfig(o, (c) => { c.receivers.zipkin = {}; traces(c).receivers = ['zipkin']; }),
      'the traces pipeline to the debug exporter only': (o) => editConfig(o, (c) => { traces(c).exporters = ['debug']; }),
      'the traces pipeline without exporters': (o) => editConfig(o, (c) => { traces(c).exporters = []; }),
      'an exporter the configuration does not define': (o) => editConfig(o, (c) => { traces(c).exporters.push('otlp/backup'); }),
      'batch before memory_limiter': (o) => editConfig(o, (c) => { traces(c).processors.reverse(); }),
      'the backend\'s variable unset': (o) => { container(o).env = container(o).env.filter((e) => e.name !== 'TRACING_BACKEND_ENDPOINT'); },
      'health_check off': (o) => editConfig(o, (c) => { c.service.extensions = []; }),
      'health_check on localhost': (o) => editConfig(o, (c) => { c.extensions.health_check.endpoint = 'localhost:13133'; }),
      'the probes on another port': (o) => { container(o).livenessProbe.httpGet.port = 'otlp-http'; },
      'the configuration not mounted': (o) => { container(o).volumeMounts = []; },
      'another configuration file': (o) => { container(o).args = ['--config=/etc/otelcol-contrib/other.yaml']; },
    }],
    'the network': [checkTracesNetwork, {
      'no egress to the collector': (o) => { drop(o, 'NetworkPolicy', 'wevion-services-egress-otel-collector'); },
      'egress for one service less': (o) => { named(o, 'NetworkPolicy', 'wevion-services-egress-otel-collector').spec.podSelector.matchExpressions[0].values = ['auth-service', 'token-service', 'connector-service']; },
      'egress on every port': (o) => { delete servicesEgress(o).ports; },
      'egress on the wrong port': (o) => { servicesEgress(o).ports = [{ protocol: 'TCP', port: 4318 }]; },
      'egress to every pod on 4317': (o) => { servicesEgress(o).to[0].podSelector = {}; },
      'egress to the collector in every namespace': (o) => { servicesEgress(o).to[0].namespaceSelector = {}; },
      'the collector closed to connector-service': (o) => { collectorIngress(o).from[0].podSelector.matchExpressions[0].values = ['auth-service', 'token-service', 'notification-service']; },
      'the collector open to every pod': (o) => { delete collectorIngress(o).from; },
      'the collector open on every port': (o) => { delete collectorIngress(o).ports; },
      'the collector\'s egress not isolated': (o) => {
        drop(o, 'NetworkPolicy', 'otel-collector-egress');
        named(o, 'NetworkPolicy', 'default-deny-egress').spec.podSelector.matchExpressions[0].values.pop();
      },
      'the collector without DNS': (o) => { named(o, 'NetworkPolicy', 'otel-collector-egress').spec.egress.splice(0, 1); },
      'the collector reaching the namespace\'s pods': (o) => { named(o, 'NetworkPolicy', 'otel-collector-egress').spec.egress.push({ to: [{ podSelector: {} }] }); },
      'the collector reaching the internet': (o) => { named(o, 'NetworkPolicy', 'otel-collector-egress').spec.egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }); },
      'the collector reaching the backend\'s namespace on every port': (o) => { delete named(o, 'NetworkPolicy', 'otel-collector-egress').spec.egress[1].ports; },
      'the backend moved without its rule': (o) => { container(o).env.find((e) => e.name === 'TRACING_BACKEND_ENDPOINT').value = 'jaeger-collector.tracing.svc:4317'; },
    }],
    'the collector\'s workload': [(o) => checkCollectorWorkload(o, 'production'), {
      'an unpinned image': (o) => { container(o).image = 'registry.wevion.ai/mirror/otel/opentelemetry-collector-contrib:latest'; },
      'the image from Docker Hub': (o) => { container(o).image = 'otel/opentelemetry-collector-contrib:0.115.1'; },
      'running as root': (o) => { named(o, 'Deployment', collector).spec.template.spec.securityContext.runAsNonRoot = false; },
      'without seccomp': (o) => { delete named(o, 'Deployment', collector).spec.template.spec.securityContext.seccompProfile; },
      'a writable root filesystem': (o) => { container(o).securityContext.readOnlyRootFilesystem = false; },
      'keeping its capabilities': (o) => { delete container(o).securityContext.capabilities; },
      'privilege escalation': (o) => { delete container(o).securityContext.allowPrivilegeEscalation; },
      'a service account token': (o) => { delete named(o, 'Deployment', collector).spec.template.spec.automountServiceAccountToken; },
      'no memory limit': (o) => { delete container(o).resources.limits; },
      'no PodDisruptionBudget': (o) => { drop(o, 'PodDisruptionBudget', collector); },
      'a LoadBalancer Service': (o) => { named(o, 'Service', collector).spec.type = 'LoadBalancer'; },
    }],
  };
  for (const [what, [check, mutations]] of Object.entries(weakened)) {
    test(`notices ${what} broken: ${Object.keys(mutations).join('; ')}`, () => {
      check(production); // the real manifests pass
      for (const [how, mutate] of Object.entries(mutations)) {
        const copy = structuredClone(production);
        mutate(copy);
        assert.throws(() => check(copy), assert.AssertionError, `${what} ${how}: not noticed`);
      }
    });
  }
});
