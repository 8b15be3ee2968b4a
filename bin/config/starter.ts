// The commented xmppspec.config.json `xmppspec init` writes (as `tsc --init` does for tsconfig.json): as
// written it runs every suite against the embedded server, and each line says what to change.

/** The starter config; `schemaRef` is where the editor finds the schema, relative to the file. */
export function starterConfig(schemaRef: string): string {
  return `// xmppspec's configuration. \`xmppspec run\` reads it from the current directory (or --config FILE);
// every flag overrides the value here. Comments and trailing commas are allowed; paths are relative
// to this file. The schema below gives an editor completion and checks; \`xmppspec run\` checks it too.
{
  "$schema": ${JSON.stringify(schemaRef)},

  // The target a run uses when no --target is given; --target NAME picks another one of "targets".
  "target": "embedded",
  "targets": {
    // No "url": the embedded reference server (nothing to install).
    "embedded": {},
    "local": {
      "url": "xmpp://127.0.0.1:5222", // xmpp:// STARTTLS, xmpps:// direct TLS, ws:// or wss://
      "domain": "localhost", // default: the URL's host
      // "secondDomain": "example.net", // another domain it serves, for cross-domain cases
      // "directTls": "xmpps://127.0.0.1:5223", // for the XEP-0368 cases
      // "websocket": "ws://127.0.0.1:5280/xmpp-websocket", // for the RFC 7395 cases
      "tls": "optional", // STARTTLS: required, optional or none
      // "tlsCa": "ca.pem", // the CA that signed its certificate; or "insecure": true
      // "wait": "30s", // keep connecting this long: for a server started in the background
      // Test accounts: in-band registration by default; when it is off (as on most servers), a pool
      // of existing accounts, an admin account (XEP-0133 ad-hoc commands) or shell commands:
      // "accounts": ["alice:secret", "bob:secret", "carol:secret", "dave:secret"],
      // "provision": "admin", "adminAccount": "admin:secret",
      // "provision": "command",
      // "provisionCommand": "prosodyctl register {user} {domain} {password}",
      // "deprovisionCommand": "prosodyctl deluser {jid}",
    },
  },

  // Which cases (default: all): suites, case id globs, a substring or /regex/, a CI shard.
  // "suites": ["rfc6120", "rfc6121", "rfc7622"],
  // "cases": ["rfc6120/4.*/**"],
  // "grep": "scram",
  // "shard": "1/4",

  // How the run is judged: a committed expectations file (known deviations, with reasons);
  // WARN (strict) or SKIP (failOnSkip) failing the run too.
  // "expect": "expectations.tsv",
  "strict": false,
  "failOnSkip": false,

  "parallel": 4, // cases busy at once
  "timeout": 5000, // ms to wait for one expected answer
  "caseTimeout": 30000, // ms a whole case may take

  // The files a run writes.
  "reports": {
    // "json": "xmppspec-out/results.json",
    // "junit": "xmppspec-out/junit.xml",
    // "html": "xmppspec-out/report.html",
    // "markdown": "xmppspec-out/summary.md",
  },
}
`;
}
