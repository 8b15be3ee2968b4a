// The --grep / --fgrep a mocha run was started with, read from its command line: a test that prepares work
// for its tests ahead of time (the mutation table runs faults side by side) prepares only the tests the run
// selects. An inverted selection is not read: then everything is prepared.

/** Does mocha's selection take the test titled `fullTitle`? */
export function selectedByMocha(argv: readonly string[] = process.argv): (fullTitle: string) => boolean {
  if (argv.includes("-i") || argv.includes("--invert")) return () => true;
  const value = (short: string, long: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === short || argv[i] === long) return argv[i + 1];
      if (argv[i].startsWith(`${long}=`)) return argv[i].slice(long.length + 1);
    }
    return undefined;
  };
  const grep = value("-g", "--grep");
  if (grep !== undefined) {
    const re = new RegExp(grep);
    return (title) => re.test(title);
  }
  const fgrep = value("-f", "--fgrep");
  if (fgrep !== undefined) return (title) => title.includes(fgrep);
  return () => true;
}
