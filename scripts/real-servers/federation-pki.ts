// Writes the federation variant's certificates (fixtures/servers/xmpp-servers.sh calls it): the harness
// CA in DIR (ca.crt, kept across runs, so a test's Pki.create({dir: DIR}) is the same CA) and, issued by
// it, one certificate per served domain as NAME.crt and NAME.key (prosody's s2s) and NAME.pem (both, jabberd2's).
//   tsx scripts/real-servers/federation-pki.ts DIR localhost example.test
import fs from "node:fs/promises";
import path from "node:path";
import { Pki } from "../../harness/pki/pki.ts";

const [dir, ...domains] = process.argv.slice(2);
if (!dir || domains.length === 0) {
  console.error("usage: federation-pki.ts DIR DOMAIN...");
  process.exit(2);
}
const pki = await Pki.create({ dir });
for (const domain of domains) {
  const { cert, key } = await pki.issue(domain);
  // readable by the server's own user (prosody may drop root): test keys, never real ones
  await fs.writeFile(path.join(dir, `${domain}.crt`), cert, { mode: 0o644 });
  await fs.writeFile(path.join(dir, `${domain}.key`), key, { mode: 0o644 });
  await fs.writeFile(path.join(dir, `${domain}.pem`), `${cert.trimEnd()}\n${key}`, { mode: 0o644 });
}
