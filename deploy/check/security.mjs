// What the manifests secure (issue 14, point 11), as checks over a rendered overlay: each function
// throws an AssertionError naming what is missing. manifests.test.mjs runs them on both overlays,
// and runs them again on copies with one safeguard removed, to show each check notices.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { connectionAllowed, egressAllowed, endpointsOf, envOf, inCidr, ingressAllowed, mountedFile, ofKind, repoDir, selects } from './manifests.mjs';

export const services = ['auth-service', 'token-service', 'connector-service', 'notification-service'];

// Who produces each topic of the contract (docs/events/*.schema.json, x-kafka-topic; docs/architecture.md,
// Topics). Only the producers' KafkaUsers may write it; the sync workers are not deployed from here, so
// no user here writes sync-results. audit-events is the one topic with several producers: auth-, token-
// and connector-service each write their own audit entries (libs/audit, through their outbox relay);
// notification-service does not (checked against the code by checkKafkaTables).
export const topicProducers = {
  'session-events': ['auth-service'],
  'token-status': ['token-service'],
  'connector-status': ['connector-service'],
  'sync-requests': ['connector-service'],
  'sync-results': ['sync workers'],
  'audit-events': ['auth-service', 'token-service', 'connector-service'],
};

// What each service reads, and the consumer groups it commits in (docs/architecture.md, Ownership;
// the services' mp.messaging.incoming.* and libs/auth-client's session check, which uses no group).
// audit-events is read by auth-service only, the central store of every service's audit entries.
export const consumption = {
  'auth-service': { reads: ['session-events', 'audit-events'], groups: ['auth-service-audit'] },
  'token-service': { reads: ['session-events'], groups: [] },
  'connector-service': { reads: ['token-status', 'sync-results', 'session-events'], groups: ['connector-service'] },
  'notification-service': { reads: ['token-status', 'sync-results', 'session-events'], groups: ['notification-service'] },
};
export const writesOf = (service) => Object.keys(topicProducers).filter((t) => topicProducers[t].includes(service));
export const readersOf = (topic) => services.filter((s) => consumption[s].reads.includes(topic));

// The topics of the contract: the x-kafka-topic of each docs/events/*.schema.json (the file named after it).
export function contractTopics() {
  const dir = path.join(repoDir, 'docs', 'events');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.schema.json')).map((file) => {
    const topic = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))['x-kafka-topic'] ?? assert.fail(`docs/events/${file}: x-kafka-topic`);
    assert.equal(file, `${topic}.schema.json`, `docs/events/${file}: named after its topic ${topic}`);
    return topic;
  });
}

// The services that call out of the cluster, and why (their ConfigMaps name the hosts).
export const internetEgress = {
  'token-service': 'the providers\' OAuth and ads APIs',
  'notification-service': 'Telegram\'s Bot API',
};

// The services that call auth-service for the session check (the other calls between the services:
// serviceCalls below): libs/auth-client's session check fails closed, so while a service's revocation
// stream (session-events) is behind it asks auth-service (AUTH_URL, GET /api/v1/auth/me with the
// caller's own JWT) whether a session lives.
// auth-service answers its own session check from its database. Checked against the code by
// checkAuthCallersTable.
export const authCallers = ['token-service', 'connector-service', 'notification-service'];

// The other calls between the services, each with a service JWT of the caller's own client of
// docs/contracts/service-clients.json, which it gets from auth-service's client-credentials grant
// (POST /oauth2/token at AUTH_URL, the session check's way to auth-service): connector-service
// reconciles its projection of token health from token-service (GET /internal/v1/platform-users).
// `url`: the ConfigMap entry naming the callee's Service; `secret`: the environment variable with the
// client's secret, from a Secret. Checked against the contract by checkServiceCallsTable.
export const serviceCalls = [
  { from: 'connector-service', to: 'token-service', client: 'connector-service', url: 'TOKEN_URL', secret: 'CONNECTOR_SERVICE_CLIENT_SECRET' },
];

// Whether service `from` may connect to service `to`'s http port: the session check's calls and the
// service JWTs' fetch (auth-service), and the calls above. Nothing else between the services.
export const callsBetween = (from, to) => from !== to && (
  (to === 'auth-service' && (authCallers.includes(from) || serviceCalls.some((c) => c.from === from)))
  || serviceCalls.some((c) => c.from === from && c.to === to));

// The service clients of auth-service's client-credentials grant, and the environment variable that
// carries a client's secret (auth-service gets it with _SHA256 appended, the hash only).
export const serviceClientsContract = () => JSON.parse(fs.readFileSync(path.join(repoDir, 'docs', 'contracts', 'service-clients.json'), 'utf8'));
export const clientSecretVariable = (client) => `${client.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_CLIENT_SECRET`;
export const clientHashesSecret = 'service-client-secret-hashes';

// Ranges the internet egress rule must except: the cluster's and the network's own addresses, and
// the cloud metadata endpoint (169.254.169.254).
export const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

const byName = (objects, kind, name) => ofKind(objects, kind).find((o) => o.metadata.name === name);
const deploymentOf = (objects, service) => byName(objects, 'Deployment', service) ?? assert.fail(`Deployment ${service}`);
const kafkaOf = (objects) => {
  const kafkas = ofKind(objects, 'Kafka');
  assert.equal(kafkas.length, 1, 'one Kafka cluster');
  return kafkas[0];
};

// --- Kafka -------------------------------------------------------------------------------------

// The listener the services connect to: the port of their KAFKA_BOOTSTRAP_SERVERS (all the same).
export function servicesListener(objects) {
  const kafka = kafkaOf(objects);
  const cluster = kafka.metadata.name;
  const ports = new Set();
  for (const service of services) {
    const bootstrap = envOf(objects, deploymentOf(objects, service)).KAFKA_BOOTSTRAP_SERVERS?.value
      ?? assert.fail(`${service}: KAFKA_BOOTSTRAP_SERVERS`);
    for (const address of bootstrap.split(',')) {
      const [host, port] = address.trim().split(':');
      assert.match(host, new RegExp(`^${cluster}-kafka-bootstrap(\\.${kafka.metadata.namespace}(\\.svc(\\.cluster\\.local)?)?)?$`),
        `${service}: ${address} is not the bootstrap service of Kafka ${cluster}`);
      ports.add(Number(port));
    }
  }
  assert.equal(ports.size, 1, `the services use one listener (${[...ports]})`);
  const [port] = ports;
  return kafka.spec.kafka.listeners.find((l) => l.port === port) ?? assert.fail(`no listener of Kafka ${cluster} on port ${port}`);
}

export function checkKafkaCluster(objects) {
  const kafka = kafkaOf(objects);
  const listener = servicesListener(objects);
  assert.equal(listener.type, 'internal', `listener ${listener.name}: inside the cluster only`);
  assert.equal(listener.tls, true, `listener ${listener.name}: TLS`);
  assert.equal(listener.authentication?.type, 'scram-sha-512', `listener ${listener.name}: SCRAM-SHA-512`);
  for (const l of kafka.spec.kafka.listeners) {
    assert.ok(l.tls === true && l.authentication, `listener ${l.name}: every listener is TLS and authenticated (no plaintext)`);
  }
  assert.equal(kafka.spec.kafka.authorization?.type, 'simple', 'ACLs enforced (authorization simple)');
  assert.ok(!(kafka.spec.kafka.authorization.superUsers ?? []).some((u) => services.some((s) => u.includes(s))), 'no service is a super user');
  assert.notEqual(String(kafka.spec.kafka.config?.['allow.everyone.if.no.acl.found']), 'true', 'no ACL means no access');
  assert.ok(kafka.spec.entityOperator?.userOperator, 'the user operator runs (it makes the KafkaUsers\' passwords, ACLs and Secrets)');
  // Strimzi's NetworkPolicy for the listener admits its networkPolicyPeers: the four services only
  const peers = listener.networkPolicyPeers ?? assert.fail(`listener ${listener.name}: networkPolicyPeers`);
  const admitted = (labels, namespace = kafka.metadata.namespace) => peers.some((peer) => !peer.ipBlock
    && (peer.namespaceSelector ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': namespace }) : namespace === kafka.metadata.namespace)
    && (peer.podSelector ? selects(peer.podSelector, labels) : true));
  for (const service of services) {
    assert.ok(admitted(deploymentOf(objects, service).spec.template.metadata.labels), `listener ${listener.name} admits ${service}`);
  }
  for (const [what, labels, namespace] of [['a pod of the namespace', { app: 'debug' }], ['a pod of another namespace', { 'app.kubernetes.io/name': 'token-service' }, 'other'], ['a pod without labels', {}]]) {
    assert.ok(!admitted(labels, namespace), `listener ${listener.name} admits ${what}`);
  }
  assert.ok(!peers.some((p) => p.ipBlock), `listener ${listener.name}: no address ranges`);
}

export function checkKafkaClients(objects) {
  const kafka = kafkaOf(objects);
  const cluster = kafka.metadata.name;
  servicesListener(objects);
  for (const service of services) {
    const deployment = deploymentOf(objects, service);
    const env = envOf(objects, deployment);
    assert.equal(env.KAFKA_SECURITY_PROTOCOL?.value, 'SASL_SSL', `${service}: KAFKA_SECURITY_PROTOCOL`);
    assert.equal(env.KAFKA_SASL_MECHANISM?.value, 'SCRAM-SHA-512', `${service}: KAFKA_SASL_MECHANISM`);
    const jaas = env.KAFKA_SASL_JAAS_CONFIG?.secretKeyRef ?? assert.fail(`${service}: KAFKA_SASL_JAAS_CONFIG from a Secret`);
    assert.deepEqual({ name: jaas.name, key: jaas.key }, { name: service, key: 'sasl.jaas.config' }, `${service}: logs in as its own KafkaUser`);
    const user = byName(objects, 'KafkaUser', service) ?? assert.fail(`KafkaUser ${service}`);
    assert.equal(user.metadata.labels?.['strimzi.io/cluster'], cluster, `KafkaUser ${service} belongs to Kafka ${cluster}`);
    assert.equal(user.spec.authentication?.type, 'scram-sha-512', `KafkaUser ${service}: SCRAM-SHA-512`);
    assert.equal(env.KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM?.value ?? 'https', 'https', `${service}: the brokers' host names are verified`);
    assert.equal(env.KAFKA_SSL_TRUSTSTORE_TYPE?.value, 'PEM', `${service}: KAFKA_SSL_TRUSTSTORE_TYPE`);
    const truststore = env.KAFKA_SSL_TRUSTSTORE_LOCATION?.value ?? assert.fail(`${service}: KAFKA_SSL_TRUSTSTORE_LOCATION`);
    assert.deepEqual(mountedFile(deployment, truststore), { kind: 'Secret', name: `${cluster}-cluster-ca-cert`, key: 'ca.crt', readOnly: true },
      `${service}: ${truststore} is the cluster CA's certificate`);
  }
}

// A KafkaTopic of the cluster per topic of the contract, and no other; each keeps what it holds for a
// set time and needs more than one in-sync replica where it has more than one.
export function checkKafkaTopics(objects) {
  const cluster = kafkaOf(objects).metadata.name;
  const kafkaTopics = ofKind(objects, 'KafkaTopic');
  for (const t of kafkaTopics) {
    const where = `KafkaTopic ${t.metadata.name}`;
    assert.equal(t.metadata.labels?.['strimzi.io/cluster'], cluster, `${where}: belongs to Kafka ${cluster}`);
    assert.ok(Number(t.spec.config?.['retention.ms']) > 0, `${where}: retention.ms`);
    const { replicas } = t.spec;
    assert.ok(replicas >= 1 && t.spec.config?.['min.insync.replicas'] >= Math.min(2, replicas) && t.spec.config['min.insync.replicas'] < Math.max(2, replicas),
      `${where}: min.insync.replicas ${t.spec.config?.['min.insync.replicas']} of ${replicas} replicas`);
  }
  assert.deepEqual(kafkaTopics.map((t) => t.metadata.name).sort(), contractTopics().sort(), 'a KafkaTopic per topic of docs/events/');
  assert.deepEqual(Object.keys(topicProducers).sort(), contractTopics().sort(), 'the check\'s table topicProducers: the topics of docs/events/');
}

export function checkKafkaUsers(objects) {
  const cluster = kafkaOf(objects).metadata.name;
  const topics = ofKind(objects, 'KafkaTopic').map((t) => t.metadata.name);
  assert.deepEqual(ofKind(objects, 'KafkaUser').map((u) => u.metadata.name).sort(), [...services].sort(), 'one KafkaUser per service');
  for (const service of services) {
    const user = byName(objects, 'KafkaUser', service);
    assert.equal(user.metadata.labels?.['strimzi.io/cluster'], cluster, `KafkaUser ${service}: cluster`);
    assert.equal(user.spec.authorization?.type, 'simple', `KafkaUser ${service}: ACLs`);
    const granted = { Write: new Set(), Read: new Set(), Describe: new Set(), group: new Set() };
    for (const acl of user.spec.authorization.acls) {
      const where = `KafkaUser ${service} ${acl.resource.type} ${acl.resource.name} ${acl.operations}`;
      assert.equal(acl.type ?? 'allow', 'allow', where);
      assert.equal(acl.host ?? '*', '*', where);
      assert.ok(acl.resource.name && acl.resource.name !== '*', `${where}: a named resource`);
      assert.equal(acl.resource.patternType ?? 'literal', 'literal', `${where}: one resource, not a prefix`);
      if (acl.resource.type === 'topic') {
        assert.ok(topics.includes(acl.resource.name), `${where}: a KafkaTopic`);
        for (const op of acl.operations) {
          assert.ok(['Write', 'Read', 'Describe'].includes(op), `${where}: ${op} is more than producing or consuming needs`);
          granted[op].add(acl.resource.name);
        }
      } else if (acl.resource.type === 'group') {
        assert.deepEqual(acl.operations, ['Read'], `${where}: a consumer group needs Read`);
        granted.group.add(acl.resource.name);
      } else {
        assert.fail(`${where}: only topics and consumer groups`);
      }
    }
    for (const topic of granted.Write) {
      assert.ok(topicProducers[topic]?.includes(service), `KafkaUser ${service} may write ${topic}, which ${topicProducers[topic]?.join(', ')} produce(s)`);
    }
    for (const topic of granted.Describe) {
      assert.ok(granted.Write.has(topic) || granted.Read.has(topic), `KafkaUser ${service} may describe ${topic}, which it neither writes nor reads`);
    }
    assert.deepEqual([...granted.Write].sort(), writesOf(service).sort(), `KafkaUser ${service}: the topics it writes`);
    assert.deepEqual([...granted.Read].sort(), [...consumption[service].reads].sort(), `KafkaUser ${service}: the topics it reads`);
    assert.deepEqual([...granted.group].sort(), [...consumption[service].groups].sort(), `KafkaUser ${service}: its consumer groups`);
  }
  // the same, per topic: who may touch it at all (audit-events: written by three services, read by one)
  const users = ofKind(objects, 'KafkaUser');
  const may = (user, topic, op) => user.spec.authorization.acls.some((a) => a.resource.type === 'topic' && a.resource.name === topic && a.operations.includes(op));
  for (const topic of Object.keys(topicProducers)) {
    const writers = users.filter((u) => may(u, topic, 'Write')).map((u) => u.metadata.name);
    const readers = users.filter((u) => may(u, topic, 'Read')).map((u) => u.metadata.name);
    const anyAccess = users.filter((u) => ['Write', 'Read', 'Describe'].some((op) => may(u, topic, op))).map((u) => u.metadata.name);
    assert.deepEqual(writers.sort(), services.filter((s) => topicProducers[topic].includes(s)).sort(), `topic ${topic}: the users that may write it`);
    assert.deepEqual(readers.sort(), readersOf(topic).sort(), `topic ${topic}: the users that may read it`);
    assert.deepEqual(anyAccess.sort(), [...new Set([...writers, ...readers])].sort(), `topic ${topic}: the users with any access to it`);
  }
}

// Topics docs/architecture.md does not describe yet: its Topics and Ownership tables change with the
// services' code, outside deploy/. While the document names such a topic nowhere, its tables are
// compared without it; as soon as it names it anywhere, in full. Empty this list once it does.
export const notYetInArchitecture = [];

// The tables above against what the code and docs say: docs/events/ (the topics), docs/architecture.md
// (Topics, Ownership), each service's application.properties (channels, groups), its outbox calls (its
// own code and the libs/ it depends on, e.g. libs/audit), and the session check.
export function checkKafkaTables() {
  const architecture = fs.readFileSync(path.join(repoDir, 'docs', 'architecture.md'), 'utf8');
  const table = (header) => {
    const lines = architecture.split('\n');
    const start = lines.findIndex((l) => l.startsWith(header));
    assert.ok(start >= 0, `docs/architecture.md: table ${header}`);
    const rows = [];
    for (const line of lines.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
    }
    return rows;
  };
  const names = (cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  assert.deepEqual(Object.keys(topicProducers).sort(), contractTopics().sort(), 'topicProducers: the topics of docs/events/ (x-kafka-topic)');
  for (const topic of Object.keys(topicProducers)) {
    assert.ok(topicProducers[topic].length > 0, `topicProducers: ${topic} has a producer`);
  }
  // topics docs/architecture.md does not describe yet (notYetInArchitecture) are left out of its comparison
  const documented = (topic) => !notYetInArchitecture.includes(topic) || architecture.includes(`\`${topic}\``);
  const topicRows = table('| topic | key | producer |');
  assert.deepEqual(topicRows.map(([topic]) => names(topic)[0]).sort(), Object.keys(topicProducers).filter(documented).sort(), 'docs/architecture.md: the topics');
  for (const [topic, , producer] of topicRows) {
    // one producer, or several: "a, b and c"
    assert.deepEqual(producer.replaceAll('`', '').split(/\s*,\s*(?:and\s+)?|\s+and\s+/).sort(), [...topicProducers[names(topic)[0]]].sort(),
      `docs/architecture.md: producer of ${topic}`);
  }
  const serviceRows = table('| service | owns (tables) | publishes | consumes |');
  assert.deepEqual(serviceRows.map(([service]) => service).sort(), [...services].sort(), 'docs/architecture.md: the services');
  for (const [service, , publishes, consumes] of serviceRows) {
    assert.deepEqual(names(publishes).sort(), writesOf(service).filter(documented).sort(), `docs/architecture.md: ${service} publishes`);
    assert.deepEqual(names(consumes).sort(), consumption[service].reads.filter(documented).sort(), `docs/architecture.md: ${service} consumes`);
  }
  const sessionCheck = fs.readFileSync(path.join(repoDir, 'libs/auth-client/src/main/resources/META-INF/microprofile-config.properties'), 'utf8')
    .match(/^wevion\.session-check\.topic=(\S+)$/m)[1];
  // the libraries of libs/, by artifactId
  const libs = Object.fromEntries(fs.readdirSync(path.join(repoDir, 'libs'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(repoDir, 'libs', e.name, 'pom.xml')))
    .map((e) => {
      const pom = fs.readFileSync(path.join(repoDir, 'libs', e.name, 'pom.xml'), 'utf8').replace(/<parent>[\s\S]*?<\/parent>/, '');
      return [pom.match(/<artifactId>([^<]+)<\/artifactId>/)[1], path.join(repoDir, 'libs', e.name)];
    }));
  for (const service of services) {
    const properties = fs.readFileSync(path.join(repoDir, service, 'src/main/resources/application.properties'), 'utf8');
    const channels = {};
    for (const [, direction, channel, key, value] of properties.matchAll(/^mp\.messaging\.(incoming|outgoing)\.([\w-]+)\.(connector|topic|group\.id)=(.*)$/gm)) {
      channels[`${direction} ${channel}`] ??= { direction, topic: channel };
      channels[`${direction} ${channel}`][key] = value.trim();
    }
    const kafkaChannels = Object.values(channels).filter((c) => c.connector === 'smallrye-kafka');
    const incoming = kafkaChannels.filter((c) => c.direction === 'incoming');
    for (const c of incoming) {
      assert.ok(consumption[service].reads.includes(c.topic), `${service} consumes ${c.topic} (application.properties)`);
      assert.ok(consumption[service].groups.includes(c['group.id']), `${service} commits in group ${c['group.id']} (application.properties)`);
    }
    assert.deepEqual([...new Set(incoming.map((c) => c['group.id']))].sort(),
      [...consumption[service].groups].sort(), `${service}: consumer groups (application.properties)`);
    for (const c of kafkaChannels.filter((c) => c.direction === 'outgoing')) {
      assert.ok(writesOf(service).includes(c.topic), `${service} produces ${c.topic} (application.properties)`);
    }
    // the outbox relay sends each row to the topic its outbox.add(…, X.TOPIC, …) named, in the service's
    // code or in a library of libs/ it depends on, directly or not (libs/audit's AuditLog for audit-events)
    const pom = fs.readFileSync(path.join(repoDir, service, 'pom.xml'), 'utf8');
    const roots = [path.join(repoDir, service)];
    for (let i = 0; i < roots.length; i++) {
      const dependencies = fs.readFileSync(path.join(roots[i], 'pom.xml'), 'utf8').replace(/<parent>[\s\S]*?<\/parent>/, '');
      for (const [id, dir] of Object.entries(libs)) {
        if (dependencies.includes(`<artifactId>${id}</artifactId>`) && !roots.includes(dir)) roots.push(dir);
      }
    }
    const java = [];
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name))
      : e.name.endsWith('.java') && java.push(path.join(dir, e.name))));
    roots.map((root) => path.join(root, 'src/main/java')).filter((dir) => fs.existsSync(dir)).forEach(walk);
    const sources = java.map((f) => [path.basename(f, '.java'), fs.readFileSync(f, 'utf8')]);
    const topicOf = (type) => sources.filter(([name]) => name === type).map(([, source]) => source.match(/\bTOPIC\s*=\s*"([^"]+)"/)?.[1]).filter((t, i, all) => t && all.indexOf(t) === i);
    const written = new Set();
    for (const [, source] of sources) {
      const calls = source.match(/\boutbox\.add\(/g)?.length ?? 0;
      const resolved = [...source.matchAll(/\boutbox\.add\(\s*(?:\w+\s*,\s*)?(\w+)\.TOPIC\b/g)].map(([, type]) => topicOf(type));
      assert.ok(resolved.length === calls && resolved.every((t) => t.length === 1), `${service}: every outbox.add names a topic constant the check can read`);
      resolved.forEach(([t]) => written.add(t));
    }
    assert.deepEqual([...written].sort(), writesOf(service).sort(), `${service}: the topics its outbox writes`);
    const readsSessionCheck = pom.includes('<artifactId>auth-client</artifactId>');
    if (readsSessionCheck) {
      assert.ok(consumption[service].reads.includes(sessionCheck), `${service} reads ${sessionCheck} (auth-client's session check)`);
    }
    // and nothing else: every topic the table says it reads is an incoming channel or the session check
    for (const topic of consumption[service].reads) {
      assert.ok(incoming.some((c) => c.topic === topic) || (readsSessionCheck && topic === sessionCheck),
        `${service} reads ${topic} (the check's table), but neither an incoming channel (application.properties) nor the session check does`);
    }
  }
}

// --- NetworkPolicies ---------------------------------------------------------------------------

// The callers of each service's /internal/v1 and of auth-service's /oauth2/token, from the consumers'
// contracts: a consumer runs as pods labelled app.kubernetes.io/name=<consumer> in the namespace.
export function contractCallers() {
  const dir = path.join(repoDir, 'docs', 'contracts', 'internal-v1');
  const callers = Object.fromEntries(services.map((s) => [s, new Set()]));
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'consumer.schema.json')) {
    const contract = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const interaction of contract.interactions) {
      callers[interaction.provider].add(contract.consumer);
      if (interaction.request.jwt === 'service') callers['auth-service'].add(contract.consumer); // its service JWT
    }
  }
  return callers;
}

const pod = (ns, labels, ip, ports) => ({ namespace: ns, labels, ip, ports });
const tcp = (port) => ({ port, protocol: 'TCP' });

// The pods of the world the policies are tried against.
function world(objects) {
  const kafka = kafkaOf(objects);
  const namespace = deploymentOf(objects, services[0]).metadata.namespace;
  const servicePods = Object.fromEntries(services.map((service, i) => {
    const t = deploymentOf(objects, service).spec.template;
    return [service, pod(namespace, t.metadata.labels, `10.244.1.${i + 10}`, t.spec.containers.flatMap((c) => c.ports ?? []))];
  }));
  return {
    servicePods,
    controller: pod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, '10.244.2.10'),
    prometheus: pod('monitoring', { 'app.kubernetes.io/name': 'prometheus' }, '10.244.3.10'),
    caller: (name) => pod(namespace, { 'app.kubernetes.io/name': name }, '10.244.1.50'),
    strangers: {
      'a pod of another namespace': pod('default', { app: 'shell' }, '10.244.4.10'),
      'a pod labelled as the ingress controller in another namespace': pod('tenant', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, '10.244.4.11'),
      'another pod of the ingress-nginx namespace': pod('ingress-nginx', { 'app.kubernetes.io/name': 'default-backend' }, '10.244.2.11'),
      'a pod labelled as Prometheus in another namespace': pod('default', { 'app.kubernetes.io/name': 'prometheus' }, '10.244.4.12'),
      'a pod labelled as auth-service in another namespace': pod('tenant', servicePods['auth-service'].labels, '10.244.4.13', servicePods['auth-service'].ports),
      'a pod labelled as token-service in another namespace': pod('tenant', servicePods['token-service'].labels, '10.244.4.14', servicePods['token-service'].ports),
      'a pod of the namespace': pod(namespace, { app: 'debug' }, '10.244.1.99'),
      'a Kafka broker': pod(namespace, { 'strimzi.io/cluster': kafka.metadata.name, 'strimzi.io/kind': 'Kafka' }, '10.244.1.98'),
      'a node': { ip: '10.0.0.5' },
      'an address on the internet': { ip: '203.0.113.7' },
    },
    dns: pod('kube-system', { 'k8s-app': 'kube-dns' }, '10.244.0.10'),
    postgres: pod(namespace, { 'app.kubernetes.io/name': 'postgres' }, '10.244.1.90', [{ name: 'postgresql', containerPort: 5432 }]),
    broker: pod(namespace, { 'strimzi.io/cluster': kafka.metadata.name, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${kafka.metadata.name}-kafka`, 'strimzi.io/broker-role': 'true' }, '10.244.1.80'),
    otherBroker: pod(namespace, { 'strimzi.io/cluster': 'other', 'strimzi.io/kind': 'Kafka' }, '10.244.1.81'),
  };
}

export function checkDefaultDeny(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const denyIngress = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && p.spec.policyTypes?.includes('Ingress')
    && (p.spec.ingress ?? []).length === 0);
  assert.ok(denyIngress, 'a NetworkPolicy denies all ingress to every pod of the namespace');
  const w = world(objects);
  for (const service of services) {
    assert.ok(policies.some((p) => p.spec.policyTypes?.includes('Egress') && (p.spec.egress ?? []).length === 0
      && selects(p.spec.podSelector, w.servicePods[service].labels)), `a NetworkPolicy denies all egress of ${service}`);
  }
  // and it works: a pod nothing else admits gets no connection from anywhere
  const target = { ...w.strangers['a pod of the namespace'], ports: [{ name: 'http', containerPort: 8080 }] };
  for (const source of [w.controller, w.prometheus, ...Object.values(w.servicePods), ...Object.values(w.strangers)]) {
    assert.ok(!ingressAllowed(policies, source, target, tcp(8080)), 'an unlisted pod of the namespace is reachable');
  }
}

export function checkServiceIngress(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const w = world(objects);
  const callers = contractCallers();
  const routed = new Set(ofKind(objects, 'Ingress').flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name))));
  const everyCaller = [...new Set(Object.values(callers).flatMap((c) => [...c]))];
  for (const service of services) {
    const target = w.servicePods[service];
    const http = target.ports.find((p) => p.name === 'http') ?? assert.fail(`${service}: port http`);
    const scraped = deploymentOf(objects, service).spec.template.metadata.annotations?.['prometheus.io/scrape'] === 'true';
    const expected = [
      ...(routed.has(service) ? [['the ingress-nginx controller', w.controller]] : []),
      ...(scraped ? [['Prometheus', w.prometheus]] : []),
      ...[...callers[service]].map((c) => [`${c} (docs/contracts)`, w.caller(c)]),
      ...services.filter((s) => callsBetween(s, service)).map((s) => [`${s} (${service === 'auth-service' ? 'its session check or service JWT' : 'serviceCalls'})`, w.servicePods[s]]),
    ];
    const refused = [
      ...Object.entries(w.servicePods).filter(([s]) => s !== service && !callsBetween(s, service)),
      ...everyCaller.filter((c) => !callers[service].has(c)).map((c) => [c, w.caller(c)]),
      ...Object.entries(w.strangers),
    ];
    for (const [who, source] of expected) {
      assert.ok(ingressAllowed(policies, source, target, tcp(http.containerPort)), `${who} reaches ${service}`);
      for (const other of [5005, 9000, 8080].filter((p) => p !== http.containerPort)) {
        assert.ok(!ingressAllowed(policies, source, target, tcp(other)), `${who} reaches ${service} on port ${other}, not its http port`);
      }
    }
    for (const [who, source] of refused) {
      assert.ok(!ingressAllowed(policies, source, target, tcp(http.containerPort)), `${who} reaches ${service}`);
    }
  }
  // PostgreSQL: the four services, on 5432, nobody else
  for (const service of services) {
    assert.ok(ingressAllowed(policies, w.servicePods[service], w.postgres, tcp(5432)), `${service} reaches PostgreSQL`);
  }
  for (const [who, source] of [...Object.entries(w.strangers), ['the ingress-nginx controller', w.controller]]) {
    assert.ok(!ingressAllowed(policies, source, w.postgres, tcp(5432)), `${who} reaches PostgreSQL`);
  }
}

export function checkServiceEgress(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const w = world(objects);
  const listener = servicesListener(objects);
  const hosts = ofKind(objects, 'Ingress').flatMap((i) => i.spec.rules.map((r) => r.host));
  for (const service of services) {
    const source = w.servicePods[service];
    const may = (destination, connection) => egressAllowed(policies, source, destination, connection);
    assert.ok(may(w.dns, { port: 53, protocol: 'UDP' }) && may(w.dns, tcp(53)), `${service} resolves names (DNS, UDP and TCP)`);
    assert.ok(may(w.postgres, tcp(5432)), `${service} reaches PostgreSQL`);
    assert.ok(may(w.broker, tcp(listener.port)), `${service} reaches the brokers' listener ${listener.name}`);
    assert.ok(!may(w.otherBroker, tcp(listener.port)), `${service} reaches the brokers of another Kafka cluster`);
    for (const port of [9090, 9091, 9092].filter((p) => p !== listener.port)) {
      assert.ok(!may(w.broker, tcp(port)), `${service} reaches the brokers on ${port}`);
    }
    assert.ok(!may(w.dns, tcp(443)), `${service} reaches kube-dns on 443`);
    for (const other of services.filter((s) => s !== service)) {
      const target = w.servicePods[other];
      const port = target.ports.find((p) => p.name === 'http').containerPort;
      if (callsBetween(service, other)) {
        assert.ok(may(target, tcp(port)), `${service} reaches ${other}'s http port (the session check, a service JWT or serviceCalls)`);
        for (const p of [5005, 9000, 8080, 443].filter((p) => p !== port)) {
          assert.ok(!may(target, tcp(p)), `${service} reaches ${other} on port ${p}, not its http port`);
        }
      } else {
        assert.ok(!may(target, tcp(port)), `${service} reaches ${other} (between the services: the session check's and serviceCalls' calls only)`);
      }
    }
    const httpPorts = services.map((s) => w.servicePods[s].ports.find((p) => p.name === 'http').containerPort);
    for (const [who, destination] of Object.entries(w.strangers).filter(([who]) => who !== 'an address on the internet')) {
      for (const port of new Set([443, 80, ...httpPorts])) assert.ok(!may(destination, tcp(port)), `${service} reaches ${who} on port ${port}`);
    }
    for (const ip of ['10.96.0.1', '172.16.0.1', '192.168.1.1', '169.254.169.254']) {
      assert.ok(!may({ ip }, tcp(443)) && !may({ ip }, tcp(80)), `${service} reaches the private address ${ip}`);
    }
    const internet = { ip: '203.0.113.7' };
    assert.equal(may(internet, tcp(443)), service in internetEgress, `${service}: HTTPS to the internet (${internetEgress[service] ?? 'not needed'})`);
    for (const port of [80, 22, 5432, 9093]) assert.ok(!may(internet, tcp(port)), `${service} reaches the internet on port ${port}`);
    // the internet rule is there exactly for the services whose ConfigMap names a host outside the cluster
    const external = Object.entries(envOf(objects, deploymentOf(objects, service)))
      .flatMap(([name, v]) => (v?.value ?? '').split(',').map((u) => [name, u.trim()]))
      .filter(([, url]) => /^https?:\/\//.test(url))
      .map(([name, url]) => [name, new URL(url).hostname])
      .filter(([, host]) => !hosts.includes(host) && !/(^|\.)svc(\.cluster\.local)?$/.test(host) && !['localhost', '127.0.0.1'].includes(host));
    assert.equal(external.length > 0, service in internetEgress, `${service}: external hosts ${external.map(([n, h]) => `${n}=${h}`)} and the internet table agree`);
  }
  // and every rule that opens the internet excepts the private ranges
  for (const p of policies) {
    for (const rule of p.spec.egress ?? []) {
      for (const peer of rule.to ?? []) {
        if (peer.ipBlock) {
          for (const range of privateRanges) {
            if (inCidr(range.split('/')[0], peer.ipBlock.cidr)) {
              assert.ok((peer.ipBlock.except ?? []).includes(range), `NetworkPolicy ${p.metadata.name}: ${peer.ipBlock.cidr} must except ${range}`);
            }
          }
        }
      }
    }
  }
}

// --- JWKS --------------------------------------------------------------------------------------

// Session JWTs are verified against a JWK set pinned in the pod (a mounted file), or at worst one fetched
// over HTTPS; never over plain HTTP, where anyone on the path could swap the keys.
export function checkJwks(objects) {
  const defaults = fs.readFileSync(path.join(repoDir, 'libs/auth-client/src/main/resources/META-INF/microprofile-config.properties'), 'utf8');
  const property = 'mp.jwt.verify.publickey.location';
  assert.match(defaults, new RegExp(`^${property.replaceAll('.', '\\.')}=`, 'm'), `auth-client verifies JWTs against ${property}`);
  const variable = property.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const pinned = new Set();
  for (const service of services) {
    const deployment = deploymentOf(objects, service);
    const env = envOf(objects, deployment);
    const location = env[variable]?.value ?? assert.fail(`${service}: ${variable} (else auth-client fetches the JWKS from wevion.auth.url over HTTP)`);
    if (location.startsWith('file:')) {
      const file = mountedFile(deployment, location.slice('file:'.length));
      assert.ok(file, `${service}: ${location} is mounted from a ConfigMap or Secret`);
      assert.ok(file.readOnly, `${service}: ${location} is mounted read-only`);
      assert.notEqual(file.name, 'auth-jwt-keys', `${service}: the pinned JWK set holds public keys, never auth-service's private ones`);
      pinned.add(`${file.kind}/${file.name}/${file.key}`);
    } else {
      assert.match(location, /^https:\/\//, `${service}: ${variable}=${location}, neither pinned nor HTTPS`);
    }
    // AUTH_URL is plain HTTP (the session check's calls, checkAuthServiceCalls): keys never come from there
    for (const [name, v] of Object.entries(env)) {
      if (/JWKS|JWT_VERIFY/.test(name) && v?.value) {
        assert.doesNotMatch(v.value, /^http:\/\//, `${service}: ${name}=${v.value} is plain HTTP`);
        assert.doesNotMatch(v.value, /\$\{/, `${service}: ${name}=${v.value} is built from another setting (wevion.auth.url is plain HTTP)`);
      }
    }
  }
  assert.ok(pinned.size <= 1, `every service pins the same JWK set (${[...pinned]})`);
}

// --- Calls between the services ----------------------------------------------------------------

// The pod of service `to` that `from` connects to through the URL in its `variable` (ConfigMap): the URL
// names `to`'s Service in its namespace, on its port http (which goes to the pods' port http), and is a
// base URL (the caller adds the paths). Returns {pod, port: the pods' http containerPort}.
function serviceUrlTarget(objects, from, variable, to, w, missing) {
  const pod = w.servicePods[to];
  const podHttp = pod.ports.find((p) => p.name === 'http') ?? assert.fail(`${to}: port http`);
  const svc = byName(objects, 'Service', to) ?? assert.fail(`Service ${to}`);
  assert.ok(selects({ matchLabels: svc.spec.selector }, pod.labels), `Service ${to} selects ${to}'s pods`);
  const servicePort = svc.spec.ports.find((p) => p.name === 'http') ?? assert.fail(`Service ${to}: port http`);
  const targetPort = servicePort.targetPort ?? servicePort.port;
  assert.equal(typeof targetPort === 'number' ? targetPort : pod.ports.find((p) => p.name === targetPort)?.containerPort,
    podHttp.containerPort, `Service ${to}: port http goes to the pods' http port`);
  const value = envOf(objects, deploymentOf(objects, from))[variable]?.value ?? assert.fail(`${from}: ${variable} (${missing})`);
  let url;
  try {
    url = new URL(value);
  } catch {
    assert.fail(`${from}: ${variable}=${value} is not a URL`);
  }
  const host = new RegExp(`^${to}(\\.${svc.metadata.namespace}(\\.svc(\\.cluster\\.local)?)?)?$`);
  assert.match(url.hostname, host, `${from}: ${variable}=${value} is not ${to}'s Service in namespace ${svc.metadata.namespace}`);
  assert.ok(['http:', 'https:'].includes(url.protocol), `${from}: ${variable}=${value}: HTTP`);
  assert.equal(Number(url.port || (url.protocol === 'https:' ? 443 : 80)), servicePort.port, `${from}: ${variable}=${value}: the Service's port http`);
  assert.ok(['', '/'].includes(url.pathname) && !url.search && !url.hash && !url.username && !url.password,
    `${from}: ${variable}=${value}: the service's base URL (the caller adds the paths)`);
  return { pod, port: podHttp.containerPort };
}

// `from` reaches `to`'s pods on `port` (its egress and their ingress), on no other port, and nothing
// else on that port.
function reachesOnly(objects, from, to, port, why) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const w = world(objects);
  const source = w.servicePods[from];
  const target = w.servicePods[to];
  assert.ok(connectionAllowed(policies, source, target, tcp(port)),
    `${from} reaches ${to}'s pods on ${port} (${why}; NetworkPolicies: its egress and ${to}'s ingress)`);
  for (const other of [5005, 9000, 8080, 8081, 8082, 8083, 8084, 8443, 443, 80].filter((p) => p !== port)) {
    assert.ok(!egressAllowed(policies, source, target, tcp(other)), `${from} may send to ${to} on port ${other}`);
    assert.ok(!ingressAllowed(policies, source, target, tcp(other)), `${to} admits ${from} on port ${other}`);
  }
  const httpOf = (s) => w.servicePods[s].ports.find((p) => p.name === 'http').containerPort;
  const others = Object.entries(w.servicePods).filter(([s]) => s !== from && s !== to && !(callsBetween(from, s) && httpOf(s) === port));
  for (const [who, destination] of [...Object.entries(w.strangers), ...others, ['a Kafka broker', w.broker], ['PostgreSQL', w.postgres], ['kube-dns', w.dns]]) {
    assert.ok(!egressAllowed(policies, source, destination, tcp(port)), `${from} reaches ${who} on ${to}'s port ${port}`);
  }
}

// Between the four services, each direction: exactly callsBetween (the session check's calls and the
// service JWTs' fetch to auth-service, serviceCalls), nothing else.
function checkNothingElseBetweenTheServices(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const w = world(objects);
  for (const from of services) {
    for (const to of services.filter((s) => s !== from)) {
      const target = w.servicePods[to];
      const port = tcp(target.ports.find((p) => p.name === 'http').containerPort);
      const expected = callsBetween(from, to);
      assert.equal(egressAllowed(policies, w.servicePods[from], target, port), expected, `${from} may send to ${to}: ${!expected}`);
      assert.equal(ingressAllowed(policies, w.servicePods[from], target, port), expected, `${to} admits ${from}: ${!expected}`);
    }
  }
}

// token-, connector- and notification-service reach auth-service's pods on its http port, and AUTH_URL
// names auth-service's Service in the cluster on that port; between the four services nothing else
// is open, in either direction, but serviceCalls (checkServiceCalls).
export function checkAuthServiceCalls(objects) {
  const policies = ofKind(objects, 'NetworkPolicy');
  const w = world(objects);
  const auth = w.servicePods['auth-service'];
  for (const service of authCallers) {
    const { port } = serviceUrlTarget(objects, service, 'AUTH_URL', 'auth-service', w, 'else the session check asks 127.0.0.1, its own pod');
    // the pods the Service sends it to take it, on that port only, from the service's own pods only
    reachesOnly(objects, service, 'auth-service', port, 'its session check');
  }
  // auth-service answers its own session check from its database: no way to its peers' port http
  const authHttp = auth.ports.find((p) => p.name === 'http').containerPort;
  for (const service of services.filter((s) => !callsBetween(s, 'auth-service'))) {
    assert.ok(!egressAllowed(policies, w.servicePods[service], auth, tcp(authHttp)), `${service} may send to auth-service's pods`);
  }
  checkNothingElseBetweenTheServices(objects);
}

// Each call of serviceCalls: the caller's URL (ConfigMap) names the callee's Service in the cluster on its
// port http, and the NetworkPolicies open exactly that (the callee's pods, its http port, from the
// caller's pods); the caller reaches auth-service's /oauth2/token (AUTH_URL) for its service JWT; its
// client secret comes from a Secret of its own (never a literal, a ConfigMap, the hashes auth-service
// holds or the KafkaUser's Secret Strimzi writes), and auth-service holds its hash. Between the services
// nothing else is open.
export function checkServiceCalls(objects) {
  const w = world(objects);
  const kafkaUsers = ofKind(objects, 'KafkaUser').map((u) => u.metadata.name);
  for (const call of serviceCalls) {
    const { from, to, client, url, secret } = call;
    const { port } = serviceUrlTarget(objects, from, url, to, w, `${to}'s Service, for its call to ${to}`);
    reachesOnly(objects, from, to, port, `serviceCalls: ${from} → ${to}`);
    // its service JWT: auth-service's /oauth2/token, at AUTH_URL
    const auth = serviceUrlTarget(objects, from, 'AUTH_URL', 'auth-service', w, 'where it gets its service JWT');
    reachesOnly(objects, from, 'auth-service', auth.port, `its service JWT from /oauth2/token, client ${client}`);
    // its client secret
    const env = envOf(objects, deploymentOf(objects, from));
    assert.ok(env[secret], `${from}: ${secret} (the secret of client ${client})`);
    assert.equal(env[secret].value, undefined, `${from}: ${secret} is a literal value, in the Deployment or a ConfigMap (it comes from a Secret)`);
    const ref = env[secret].secretKeyRef ?? assert.fail(`${from}: ${secret} from a Secret`);
    assert.notEqual(ref.optional, true, `${from}: ${secret} is optional`);
    assert.notEqual(ref.name, clientHashesSecret, `${from}: ${secret} from ${clientHashesSecret} (auth-service's hashes, never the secret)`);
    assert.ok(!kafkaUsers.includes(ref.name), `${from}: ${secret} from Secret ${ref.name}, which Strimzi's user operator writes for KafkaUser ${ref.name}`);
    for (const configMap of ofKind(objects, 'ConfigMap')) {
      assert.ok(!Object.keys(configMap.data ?? {}).some((k) => k === secret || /CLIENT_SECRET/.test(k)), `ConfigMap ${configMap.metadata.name} holds a client secret`);
    }
    for (const deployment of ofKind(objects, 'Deployment').filter((d) => d.metadata.name !== from)) {
      assert.ok(!JSON.stringify(deployment.spec.template).includes(`"${ref.name}"`), `Deployment ${deployment.metadata.name} reads Secret ${ref.name}, ${from}'s`);
      assert.equal(envOf(objects, deployment)[secret], undefined, `Deployment ${deployment.metadata.name}: ${secret}`);
    }
    // auth-service knows the client by its secret's hash
    const hash = envOf(objects, deploymentOf(objects, 'auth-service'))[`${secret}_SHA256`]?.secretKeyRef
      ?? assert.fail(`auth-service: ${secret}_SHA256 from Secret ${clientHashesSecret}`);
    assert.deepEqual({ name: hash.name, key: hash.key }, { name: clientHashesSecret, key: client }, `auth-service: ${secret}_SHA256`);
  }
  checkNothingElseBetweenTheServices(objects);
}

// auth-service gets the SHA-256 of every client's secret of docs/contracts/service-clients.json, as
// <CLIENT>_CLIENT_SECRET_SHA256 from Secret service-client-secret-hashes (key: the client id), and of no
// other; no other Deployment reads that Secret, and auth-service gets no client's secret itself.
export function checkServiceClientHashes(objects) {
  const clients = Object.keys(serviceClientsContract().clients);
  assert.ok(clients.length > 0, 'docs/contracts/service-clients.json: clients');
  const env = envOf(objects, deploymentOf(objects, 'auth-service'));
  const variables = clients.map((c) => `${clientSecretVariable(c)}_SHA256`);
  clients.forEach((client, i) => {
    const variable = variables[i];
    assert.ok(env[variable], `auth-service: ${variable} (client ${client} of docs/contracts/service-clients.json)`);
    assert.equal(env[variable].value, undefined, `auth-service: ${variable} is a literal value (it comes from Secret ${clientHashesSecret})`);
    const ref = env[variable].secretKeyRef ?? assert.fail(`auth-service: ${variable} from Secret ${clientHashesSecret}`);
    assert.deepEqual({ name: ref.name, key: ref.key }, { name: clientHashesSecret, key: client }, `auth-service: ${variable}`);
    assert.notEqual(ref.optional, true, `auth-service: ${variable} is optional`);
  });
  for (const name of Object.keys(env).filter((n) => /_CLIENT_SECRET_SHA256$/.test(n))) {
    assert.ok(variables.includes(name), `auth-service: ${name}, a client docs/contracts/service-clients.json does not name`);
  }
  for (const name of Object.keys(env).filter((n) => /_CLIENT_SECRET$/.test(n))) {
    assert.fail(`auth-service: ${name}, a client's secret (it holds hashes only)`);
  }
  for (const deployment of ofKind(objects, 'Deployment').filter((d) => d.metadata.name !== 'auth-service')) {
    assert.ok(!JSON.stringify(deployment.spec.template).includes(`"${clientHashesSecret}"`), `Deployment ${deployment.metadata.name} reads ${clientHashesSecret}`);
  }
}

// The table serviceCalls against docs/contracts/service-clients.json: each call's client is a client of
// the contract whose audiences name the callee, with a scope of an endpoint of the callee, and its secret
// variable is named after the client; the caller's application.properties reads the URL, the client id
// and the secret (no default outside dev and test); and every service here that is a client of the
// contract has a way to each service its JWTs are meant for.
export function checkServiceCallsTable() {
  const contract = serviceClientsContract();
  for (const { from, to, client, url, secret } of serviceCalls) {
    const entry = contract.clients[client] ?? assert.fail(`docs/contracts/service-clients.json: client ${client} (${from} → ${to})`);
    assert.ok(entry.audiences.includes(to), `docs/contracts/service-clients.json: client ${client} may call ${to} (audiences)`);
    assert.ok(entry.scopes.some((scope) => contract.scopes[scope]?.startsWith(`${to} `)),
      `docs/contracts/service-clients.json: client ${client} holds a scope of an endpoint of ${to}`);
    assert.equal(secret, clientSecretVariable(client), `serviceCalls ${from} → ${to}: the secret's variable is named after client ${client}`);
    // the caller's configuration reads them: the callee's URL, its client id, and its secret with no default outside dev and test
    const properties = fs.readFileSync(path.join(repoDir, from, 'src/main/resources/application.properties'), 'utf8');
    assert.match(properties, new RegExp(`^[^%#\\s]\\S*=\\$\\{${url}(:[^}]*)?\\}$`, 'm'), `${from}: a setting from ${url} (application.properties)`);
    assert.match(properties, new RegExp(`^[^%#\\s]\\S*\\.client-id=${client}$`, 'm'), `${from}: client id ${client} (application.properties)`);
    assert.match(properties, new RegExp(`^[^%#\\s]\\S*=\\$\\{${secret}\\}$`, 'm'), `${from}: a setting from ${secret}, without a default (application.properties)`);
  }
  for (const [client, entry] of Object.entries(contract.clients).filter(([c]) => services.includes(c))) {
    for (const audience of entry.audiences) {
      assert.ok(callsBetween(client, audience), `service client ${client} may call ${audience} (docs/contracts/service-clients.json), but neither authCallers nor serviceCalls open the way`);
    }
  }
}

// The table authCallers against the code: the services that depend on libs/auth-client and do not
// answer the session check themselves (a SessionStatus of their own) ask auth-service, at
// wevion.auth.url, which they read from AUTH_URL; auth-service serves what they ask.
export function checkAuthCallersTable() {
  const client = fs.readFileSync(path.join(repoDir, 'libs/auth-client/src/main/java/ai/wevion/authclient/AuthServiceSessionStatus.java'), 'utf8');
  assert.match(client, /@ConfigProperty\(name = "wevion\.auth\.url"\)/, 'AuthServiceSessionStatus asks wevion.auth.url');
  const asked = client.match(/"(\/api\/v1\/[^"]+)"/)?.[1] ?? assert.fail('AuthServiceSessionStatus: the path it asks');
  assert.ok(endpointsOf('auth-service').some((e) => e.path === asked), `auth-service serves ${asked}`);
  for (const service of services) {
    const pom = fs.readFileSync(path.join(repoDir, service, 'pom.xml'), 'utf8');
    const java = [];
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(dir, e.name))
      : e.name.endsWith('.java') && java.push(fs.readFileSync(path.join(dir, e.name), 'utf8'))));
    walk(path.join(repoDir, service, 'src/main/java'));
    const answersItself = java.some((source) => /\bimplements\s+(?:[\w.]+\s*,\s*)*(?:ai\.wevion\.authclient\.)?SessionStatus\b/.test(source));
    const asks = pom.includes('<artifactId>auth-client</artifactId>') && !answersItself;
    assert.equal(authCallers.includes(service), asks, `${service}: asks auth-service (auth-client without a SessionStatus of its own): ${asks}`);
    if (asks) {
      const properties = fs.readFileSync(path.join(repoDir, service, 'src/main/resources/application.properties'), 'utf8');
      assert.match(properties, /^wevion\.auth\.url=\$\{AUTH_URL(:[^}]*)?\}$/m, `${service}: wevion.auth.url comes from AUTH_URL (application.properties)`);
    }
  }
}

// --- Ingress -----------------------------------------------------------------------------------

export function checkIngressTls(objects) {
  for (const ingress of ofKind(objects, 'Ingress')) {
    const annotations = ingress.metadata.annotations ?? {};
    assert.ok(ingress.spec.tls?.length, `Ingress ${ingress.metadata.name}: TLS`);
    assert.ok(annotations['cert-manager.io/cluster-issuer'], `Ingress ${ingress.metadata.name}: cert-manager issuer`);
    for (const rule of ingress.spec.rules) {
      assert.ok(rule.host, `Ingress ${ingress.metadata.name}: every rule names its host (a rule without one answers any host, outside the certificate)`);
      assert.ok(ingress.spec.tls.some((t) => t.secretName && t.hosts?.includes(rule.host)), `Ingress ${ingress.metadata.name}: TLS for ${rule.host}`);
    }
    assert.equal(annotations['nginx.ingress.kubernetes.io/ssl-redirect'], 'true', `Ingress ${ingress.metadata.name}: HTTP redirects to HTTPS`);
    assert.equal(annotations['nginx.ingress.kubernetes.io/force-ssl-redirect'], 'true', `Ingress ${ingress.metadata.name}: HTTP redirects to HTTPS, also behind a TLS-terminating balancer`);
  }
}
