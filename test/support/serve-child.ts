// `xmppspec serve` as a child process: started by whatever command a test names (the checkout's launcher,
// an installed package's bin), its c2s port read from what it prints, and one stream opened on it.
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";

export const STREAM_OPEN = (domain: string) =>
  `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${domain}' version='1.0'>`;

export interface ServeChild {
  child: ChildProcess;
  port: number;
  /** Everything it printed to stdout so far. */
  out(): string;
  exited: Promise<number | null>;
}

/** Spawn `command ...args` (args include `serve`) and resolve once it says where it listens. */
export function startServe(command: string, args: string[], cwd?: string): Promise<ServeChild> {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /xmpp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && /Ctrl-C/.test(out)) resolve({ child, port: Number(m[1]), out: () => out, exited });
    });
    child.on("close", () => reject(new Error(`serve exited early: ${out}${err}`)));
  });
}

/** Open a stream on the port and return what came back up to the end of the stream features. */
export function openStream(port: number, domain: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const sock = connect(port, "127.0.0.1", () => sock.write(STREAM_OPEN(domain)));
    let got = "";
    sock.on("data", (d) => {
      got += d;
      if (got.includes("</stream:features>")) {
        sock.destroy();
        resolve(got);
      }
    });
    sock.on("error", reject);
  });
}
