// Writes strimzi-schemas.json from the CRDs that Strimzi's CRD generator wrote to
// target/crds: the openAPIV3Schema of each served version, without descriptions.
// The copy in git lets the check run where no Java 21+ is installed;
// scripts/check-manifests.sh regenerates it wherever one is and fails if it differs.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const [crdDir, strimziVersion] = process.argv.slice(2);
const schemas = {};
for (const file of fs.readdirSync(crdDir).filter((f) => f.endsWith('.yaml')).sort()) {
  const crd = parse(fs.readFileSync(path.join(crdDir, file), 'utf8'));
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = version.schema.openAPIV3Schema;
  }
}
const json = JSON.stringify({ strimzi: strimziVersion, schemas }, (key, value) => (key === 'description' ? undefined : value));
process.stdout.write(`${json}\n`);
