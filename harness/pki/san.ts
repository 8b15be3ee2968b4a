// The subjectAltName of an XMPP server certificate (RFC 6120 §13.7.1.2, RFC 6125): dNSName entries and
// id-on-xmppAddr otherNames. @peculiar/x509 writes no otherName, so the extension value is encoded here.

/** One DER TLV; lengths in short or long form. */
function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

/** id-on-xmppAddr, 1.3.6.1.5.5.7.8.5 (RFC 6120 §13.7.1.4). */
const XMPP_ADDR_OID = Buffer.from([0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05]);

export interface SanEntries {
  dns?: string[];
  xmppAddr?: string[];
  ip?: string[];
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(":")) {
    const [head, tail = ""] = ip.split("::");
    const h = head ? head.split(":") : [];
    const t = tail ? tail.split(":") : [];
    const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
    return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(ip.split(".").map(Number));
}

/** The DER value of a subjectAltName extension (a GeneralNames SEQUENCE). */
export function subjectAltNameDer(e: SanEntries): Buffer {
  const names = [
    ...(e.dns ?? []).map((d) => tlv(0x82, Buffer.from(d, "ascii"))),
    ...(e.xmppAddr ?? []).map((a) =>
      // otherName [0] { type-id, [0] EXPLICIT UTF8String }
      tlv(0xa0, Buffer.concat([XMPP_ADDR_OID, tlv(0xa0, tlv(0x0c, Buffer.from(a, "utf8")))])),
    ),
    ...(e.ip ?? []).map((ip) => tlv(0x87, ipBytes(ip))),
  ];
  return tlv(0x30, Buffer.concat(names));
}
