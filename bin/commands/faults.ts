// `xmppspec faults`: the reference server's named faults and the requirements each breaks.
import { allFaults } from "../../harness/server/faults/index.ts";

export function faultsCommand(a: { json: boolean }): number {
  const faults = allFaults();
  if (a.json) process.stdout.write(`${JSON.stringify(faults, null, 1)}\n`);
  else {
    const w = Math.max(...faults.map((f) => f.name.length));
    for (const f of faults)
      process.stdout.write(
        `${f.name.padEnd(w)}  ${f.breaks.join(",")}\n${" ".repeat(w)}  ${f.description}\n`,
      );
    process.stdout.write(`${faults.length} faults\n`);
  }
  return 0;
}
