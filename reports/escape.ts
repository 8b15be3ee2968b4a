// Escaping for the XML and HTML the report writers produce.

// characters XML 1.0 forbids even escaped (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF)
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute value for XML and HTML: markup characters escaped, forbidden characters as U+FFFD. */
export function esc(text: string): string {
  return text
    .replace(NOT_XML, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Text with the characters XML forbids as U+FFFD, as the page shows it. */
export function plainText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/** Element content (no quotes escaped, so wire logs stay readable in the raw file). */
export function escText(text: string): string {
  return plainText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** JSON to embed in an HTML <script> block: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
