// What a reader of a mostly-PASS run rarely opens (a PASS case's quotes and wire log) travels
// gzip-compressed in base64 blocks, about a tenth of its size; the page's script inflates a block with
// the browser's DecompressionStream the first time a reader opens a part of it. What needs attention
// stays in the page as it is.
import { gzipSync } from "node:zlib";
import { escText, plainText } from "./escape.ts";

/**
 * Characters per block: opening a part inflates only its block, so the first open stays quick however
 * long the run (about 0.2 s in headless Chromium); smaller blocks compress worse (256 KiB: 6 % more).
 */
const BLOCK_CHARS = 1024 * 1024;

interface Block {
  html: string[];
  logs: string[];
  chars: number;
}

export class Packed {
  // markup and logs apart: each compresses better beside its kind (the logs as plain text)
  private readonly blocks: Block[] = [];

  /**
   * `<div …attrs>` holding `html` (escaped already) and then `log` in a `<pre class="wire">`: as it is,
   * or with `pack` an empty placeholder (`data-pack="block.part"`, its note in CSS) that the script
   * fills when the div or an element around it is opened.
   */
  div(html: string, log: string, pack: boolean, attrs = ""): string {
    if (!pack) return `<div${attrs}>${html}<pre class="wire">${escText(log)}</pre></div>`;
    let b = this.blocks.at(-1);
    if (!b || b.chars > BLOCK_CHARS) {
      b = { html: [], logs: [], chars: 0 };
      this.blocks.push(b);
    }
    b.html.push(html);
    b.logs.push(plainText(log));
    b.chars += html.length + log.length;
    return `<div${attrs} data-pack="${this.blocks.length - 1}.${b.html.length - 1}"></div>`;
  }

  /** The blocks to put in the page (none when nothing was packed). */
  block(): string {
    return this.blocks
      .map((b, i) => {
        const gz = gzipSync(JSON.stringify({ html: b.html, logs: b.logs }), { level: 9 });
        return `<script type="application/octet-stream" id="packed-${i}">${gz.toString("base64")}</script>`;
      })
      .join("\n");
  }
}
