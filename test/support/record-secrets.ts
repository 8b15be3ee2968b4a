// Loaded into a `xmppspec run` child with `--import`: writes every secret of the run to
// $XMPPSPEC_SECRETS_FILE (one JSON object a line), independently of the transcript's own redaction —
// every password the embedded server stores, and each SCRAM exchange's password, salt, iterations and
// client-final-message — so test/secrets.test.ts knows exactly what must never appear in any output.
// The run's embedded server lives in a worker thread this preload does not reach: its passwords are
// recorded as the run hands them over (WorkerServer's accounts API); an in-process server's in its store.
import { appendFileSync } from "node:fs";
import { ScramClient } from "../../harness/sasl/scram-client.ts";
import { MemoryAccountStore } from "../../harness/server/accounts.ts";
import { WorkerServer } from "../../harness/server/worker-server.ts";

const file = process.env.XMPPSPEC_SECRETS_FILE;

export interface PasswordRecord {
  kind: "password";
  password: string;
}

export interface ScramRecord {
  kind: "scram";
  mechanism: string;
  password: string;
  /** The client-first-message-bare, server-first-message and client-final-message (before base64). */
  clientFirstBare: string;
  serverFirst: string;
  clientFinal: string;
}

export type SecretRecord = PasswordRecord | ScramRecord;

function record(r: SecretRecord): void {
  if (file) appendFileSync(file, `${JSON.stringify(r)}\n`);
}

if (file) {
  const store = MemoryAccountStore.prototype;
  const create = store.create;
  store.create = function (this: MemoryAccountStore, jid: string, password: string) {
    record({ kind: "password", password });
    return create.call(this, jid, password);
  };
  const setPassword = store.setPassword;
  store.setPassword = function (this: MemoryAccountStore, jid: string, password: string) {
    record({ kind: "password", password });
    return setPassword.call(this, jid, password);
  };

  const startWorker = WorkerServer.start;
  WorkerServer.start = async (...args: Parameters<typeof WorkerServer.start>) => {
    const server = await startWorker(...args);
    const create = server.accounts.create;
    server.accounts.create = (jid: string, password: string) => {
      record({ kind: "password", password });
      return create(jid, password);
    };
    return server;
  };

  const scram = ScramClient.prototype;
  const challenge = scram.challenge;
  scram.challenge = function (this: ScramClient, data: Buffer) {
    const out = challenge.call(this, data);
    const text = out.toString("utf8");
    if (text.includes(",p=")) {
      // the credentials are private to the class; the recorder reads them as the client does
      const own = this as unknown as { creds: { password: string }; clientFirstBare: string };
      record({
        kind: "scram",
        mechanism: this.name,
        password: own.creds.password,
        clientFirstBare: own.clientFirstBare,
        serverFirst: data.toString("utf8"),
        clientFinal: text,
      });
    }
    return out;
  };
}
