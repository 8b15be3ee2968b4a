// What a reader of a mostly-PASS run rarely opens (a PASS case's quotes and wire log) travels
// gzip-compressed in one base64 block, about a tenth of its size; the page's script inflates the block
// with the browser's DecompressionStream the first time a reader opens such a part. What needs
// attention stays in the page as it is.
import { gzipSync } from "node:zlib";

export class Packed {
  private readonly parts: string[] = [];

  /**
   * The markup for `html` (escaped already) inside `<div …attrs>`: as it is, or with `pack` an empty
   * placeholder (`data-pack`, its note in CSS) that the script fills when the div or an element around it is opened.
   */
  div(html: string, pack: boolean, attrs = ""): string {
    if (!pack) return `<div${attrs}>${html}</div>`;
    this.parts.push(html);
    return `<div${attrs} data-pack="${this.parts.length - 1}"></div>`;
  }

  /** The block to put in the page (none when nothing was packed). */
  html(): string {
    if (!this.parts.length) return "";
    const b64 = gzipSync(JSON.stringify(this.parts), { level: 9 }).toString("base64");
    return `<script type="application/octet-stream" id="packed">${b64}</script>`;
  }
}
