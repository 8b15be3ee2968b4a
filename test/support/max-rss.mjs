// Loaded into a CLI child with `--import`: on exit (clean, process.exit or fatal error), write the
// process's peak resident set size in KiB to $XMPPSPEC_MAX_RSS_FILE, so a test can bound the child's memory.
import { writeFileSync } from "node:fs";

const file = process.env.XMPPSPEC_MAX_RSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
