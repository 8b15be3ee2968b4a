// What a reader of a mostly-PASS run rarely opens (a PASS case's quotes and wire log) travels
// gzip-compressed in one base64 block, about a tenth of its size; the page's script inflates the block
// with the browser's DecompressionStream the first time a reader opens such a part. What needs
// attention stays in the page as it is.
import { gzipSync } from "node:zlib";
import { escText, plainText } from "./escape.ts";

export class Packed {
  // markup and logs apart: each compresses better beside its kind (the logs as plain text)
  private readonly html: string[] = [];
  private readonly logs: string[] = [];

  /**
   * `<div …attrs>` holding `html` (escaped already) and then `log` in a `<pre class="wire">`: as it is,
   * or with `pack` an empty placeholder (`data-pack`, its note in CSS) that the script fills when the
   * div or an element around it is opened.
   */
  div(html: string, log: string, pack: boolean, attrs = ""): string {
    if (!pack) return `<div${attrs}>${html}<pre class="wire">${escText(log)}</pre></div>`;
    this.html.push(html);
    this.logs.push(plainText(log));
    return `<div${attrs} data-pack="${this.html.length - 1}"></div>`;
  }

  /** The block to put in the page (none when nothing was packed). */
  block(): string {
    if (!this.html.length) return "";
    const json = JSON.stringify({ html: this.html, logs: this.logs });
    return `<script type="application/octet-stream" id="packed">${gzipSync(json, { level: 9 }).toString("base64")}</script>`;
  }
}
