// Namespaces of server-to-server negotiation the generic element table does not carry.

/** Server Dialback elements, prefix 'db' (XEP-0220 §2). */
export const NS_DIALBACK = "jabber:server:dialback";
/** The stream feature that advertises dialback (XEP-0220 §2.1). */
export const NS_DIALBACK_FEATURE = "urn:xmpp:features:dialback";
/** The stream feature that offers bidirectional server-to-server streams (XEP-0288 §2.1). */
export const NS_BIDI_FEATURE = "urn:xmpp:features:bidi";
/** The initiating server's request to make the stream bidirectional (XEP-0288 §2.1). */
export const NS_BIDI = "urn:xmpp:bidi";
