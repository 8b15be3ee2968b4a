// The compliance profiles of XEP-0479 (Compliance Suites 2023), read from fixtures/xep/compliance-2023.tsv:
// a profile is a category (Core, Web, IM, Mobile, A/V Calling) at a server level (Server, Advanced Server);
// every category but Core includes Core's features at the same level (XEP-0479 §2: "all features from the
// core compliance category must be met, as well as all features in this suite").
import { fixture, readTsv } from "../fixtures/tsv.ts";

export type ServerLevel = "Server" | "Advanced Server";

/** One required feature of a profile, with the specifications that provide it (all of them are required). */
export interface ProfileFeature {
  category: string;
  feature: string;
  /** "RFC 6120", "XEP-0368" */
  providers: string[];
  /** XEP-0479's notes for the level, if any. */
  note?: string;
}

export interface Profile {
  /** "cs2023-im-server", "cs2023-im-advanced-server" */
  name: string;
  /** "XEP-0479 (2023) IM Advanced Server" */
  title: string;
  features: ProfileFeature[];
}

interface Row {
  category: string;
  feature: string;
  levels: Record<ServerLevel, string>;
  providers: string[];
  notes: string;
}

const LEVELS: readonly ServerLevel[] = ["Server", "Advanced Server"];

function rows(): Row[] {
  return readTsv(fixture("xep/compliance-2023.tsv")).map((r) => ({
    category: r.get("category"),
    feature: r.get("feature"),
    levels: { Server: r.get("Server"), "Advanced Server": r.get("Advanced Server") },
    providers: r
      .get("providers")
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean),
    notes: r.get("notes"),
  }));
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
const nameOf = (category: string, level: ServerLevel) =>
  `cs2023-${slug(category)}-${level === "Server" ? "server" : "advanced-server"}`;

/** The note of `level` in a row's notes ("Server: ... | Advanced Server: ..."), if any. */
function noteFor(notes: string, level: ServerLevel): string | undefined {
  for (const part of notes.split(" | ")) {
    const [who, ...rest] = part.split(": ");
    if (who === level) return rest.join(": ");
  }
  return undefined;
}

/** Every profile the table defines, Core first. */
export function profiles(): Profile[] {
  const all = rows();
  const categories = [...new Set(all.map((r) => r.category))];
  const out: Profile[] = [];
  for (const category of categories)
    for (const level of LEVELS) {
      const included = category === "Core" ? ["Core"] : ["Core", category];
      const features = all
        .filter((r) => included.includes(r.category) && r.levels[level] === "yes")
        .map((r) => {
          const note = noteFor(r.notes, level);
          return {
            category: r.category,
            feature: r.feature,
            providers: r.providers,
            ...(note ? { note } : {}),
          };
        });
      if (!features.some((f) => f.category === category)) continue; // nothing of its own at this level
      out.push({ name: nameOf(category, level), title: `XEP-0479 (2023) ${category} ${level}`, features });
    }
  return out;
}

/** The profile named `name`, or undefined. */
export function profile(name: string): Profile | undefined {
  return profiles().find((p) => p.name === name);
}

/** The specifications a profile requires, each once, in table order. */
export function requiredSpecs(p: Profile): string[] {
  return [...new Set(p.features.flatMap((f) => f.providers))];
}

/** The suite that checks a specification ("RFC 6120" → "rfc6120", "XEP-0030" → "xep0030"). */
export function suiteOf(spec: string): string {
  const rfc = /^RFC (\d+)$/.exec(spec);
  if (rfc) return `rfc${rfc[1]}`;
  const xep = /^XEP-(\d{4})$/.exec(spec);
  if (xep) return `xep${xep[1]}`;
  return spec.toLowerCase();
}
