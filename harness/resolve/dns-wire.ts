// DNS messages on the wire (RFC 1035 §4), only as much as an authoritative responder for SRV (RFC 2782),
// A and AAAA needs: read a query's header and first question, write an answer. No name compression is
// written (RFC 1035 §4.1.4 allows it, never requires it; RFC 2782 forbids it in an SRV target anyway).

export const TYPE = { A: 1, AAAA: 28, SRV: 33 } as const;
const CLASS_IN = 1;

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4 } as const;

export interface Question {
  /** As asked, letter case kept (resolvers may randomise it and check the echo). */
  name: string;
  type: number;
  cls: number;
}

export interface Query {
  id: number;
  /** The second header word: opcode and RD are echoed into the reply. */
  flags: number;
  question: Question;
  /** The question section's raw bytes, echoed verbatim. */
  questionBytes: Buffer;
}

export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export type Answer =
  | { type: typeof TYPE.A; address: string }
  | { type: typeof TYPE.AAAA; address: string }
  | { type: typeof TYPE.SRV; srv: SrvData };

/** Reads a name at `at` (following compression pointers, bounded); returns it and where it ends. */
function readName(msg: Buffer, at: number): { name: string; end: number } {
  const labels: string[] = [];
  let pos = at;
  let end = -1;
  for (let hops = 0; hops < 64; hops++) {
    const len = msg.readUInt8(pos);
    if (len === 0) return { name: labels.join("."), end: end < 0 ? pos + 1 : end };
    if ((len & 0xc0) === 0xc0) {
      if (end < 0) end = pos + 2;
      pos = msg.readUInt16BE(pos) & 0x3fff;
      continue;
    }
    if (len > 63) throw new Error("bad label length");
    labels.push(msg.toString("latin1", pos + 1, pos + 1 + len));
    pos += 1 + len;
    if (pos > msg.length) throw new Error("name runs past the message");
  }
  throw new Error("name too long");
}

/** The query in `msg`, or undefined when it is not one this responder can read (then it stays silent). */
export function parseQuery(msg: Buffer): Query | undefined {
  try {
    if (msg.length < 12) return undefined;
    const flags = msg.readUInt16BE(2);
    if (flags & 0x8000 || msg.readUInt16BE(4) < 1) return undefined; // a response, or no question
    const { name, end } = readName(msg, 12);
    const question = { name, type: msg.readUInt16BE(end), cls: msg.readUInt16BE(end + 2) };
    return { id: msg.readUInt16BE(0), flags, question, questionBytes: msg.subarray(12, end + 4) };
  } catch {
    return undefined;
  }
}

function writeName(name: string): Buffer {
  const parts = name
    .replace(/\.$/, "")
    .split(".")
    .filter((l) => l.length > 0)
    .map((l) => {
      const b = Buffer.from(l, "latin1");
      if (b.length > 63) throw new Error(`DNS label too long: ${l}`);
      return Buffer.concat([Buffer.from([b.length]), b]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function ipv4(address: string): Buffer {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${address}`);
  }
  return Buffer.from(parts);
}

function ipv6(address: string): Buffer {
  const [head, tail = ""] = address.includes("::") ? address.split("::") : [address, undefined];
  const words = (s: string | undefined) => (s ? s.split(":").map((w) => Number.parseInt(w, 16)) : []);
  const h = words(head);
  const t = words(tail);
  const all = address.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h;
  if (all.length !== 8 || all.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) {
    throw new Error(`not an IPv6 address: ${address}`);
  }
  return Buffer.concat(all.map(u16));
}

function rdata(a: Answer): Buffer {
  if (a.type === TYPE.A) return ipv4(a.address);
  if (a.type === TYPE.AAAA) return ipv6(a.address);
  const s = a.srv;
  return Buffer.concat([u16(s.priority), u16(s.weight), u16(s.port), writeName(s.target)]);
}

/** The reply to `q`: authoritative (AA), RD echoed, no recursion offered, answers owned by the asked name. */
export function buildReply(q: Query, rcode: number, answers: Answer[], ttl: number): Buffer {
  const opcode = q.flags & 0x7800;
  const rd = q.flags & 0x0100;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  header.writeUInt16BE(0x8000 | opcode | 0x0400 | rd | (rcode & 0xf), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const owner = writeName(q.question.name);
  const records = answers.map((a) => {
    const data = rdata(a);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(a.type, 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(ttl, 4);
    fixed.writeUInt16BE(data.length, 8);
    return Buffer.concat([owner, fixed, data]);
  });
  return Buffer.concat([header, q.questionBytes, ...records]);
}

/** A query for `name`/`type` with RD set (what a stub resolver sends); for tests and probes. */
export function buildQuery(id: number, name: string, type: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  return Buffer.concat([header, writeName(name), u16(type), u16(CLASS_IN)]);
}

export interface Reply {
  id: number;
  rcode: number;
  authoritative: boolean;
  answers: Answer[];
}

/** Reads a reply's answers (A, AAAA, SRV; other types skipped); for tests and probes. */
export function parseReply(msg: Buffer): Reply {
  const flags = msg.readUInt16BE(2);
  const qd = msg.readUInt16BE(4);
  const an = msg.readUInt16BE(6);
  let pos = 12;
  for (let i = 0; i < qd; i++) pos = readName(msg, pos).end + 4;
  const answers: Answer[] = [];
  for (let i = 0; i < an; i++) {
    pos = readName(msg, pos).end;
    const type = msg.readUInt16BE(pos);
    const len = msg.readUInt16BE(pos + 8);
    const data = msg.subarray(pos + 10, pos + 10 + len);
    if (type === TYPE.A) answers.push({ type, address: [...data].join(".") });
    if (type === TYPE.AAAA) {
      const words = Array.from({ length: 8 }, (_, k) => data.readUInt16BE(2 * k).toString(16));
      answers.push({ type, address: words.join(":") });
    }
    if (type === TYPE.SRV) {
      const target = readName(msg, pos + 16).name;
      const srv = {
        priority: data.readUInt16BE(0),
        weight: data.readUInt16BE(2),
        port: data.readUInt16BE(4),
        target,
      };
      answers.push({ type, srv });
    }
    pos += 10 + len;
  }
  return { id: msg.readUInt16BE(0), rcode: flags & 0xf, authoritative: (flags & 0x0400) !== 0, answers };
}
