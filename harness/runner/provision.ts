// `--provision`: how a remote target's test accounts come to exist, from the target options.
import { AdminProvisioner } from "./account-admin.ts";
import { CommandProvisioner } from "./account-command.ts";
import { InBandProvisioner } from "./account-in-band.ts";
import { PoolProvisioner, parseAccountSpec } from "./account-pool.ts";
import type { AccountProvisioner } from "./accounts.ts";

export const PROVISION_METHODS = ["ibr", "accounts", "admin", "command"] as const;
export type ProvisionMethod = (typeof PROVISION_METHODS)[number];

/** The provisioning options, as the CLI spells them. */
export interface ProvisionArgs {
  /** Default: accounts when --account is given, else ibr. */
  provision?: string;
  account: string[];
  "admin-account"?: string;
  "provision-command"?: string;
  "deprovision-command"?: string;
}

/** Did the user give any provisioning option beyond the default? (None applies to the embedded server.) */
export function provisionGiven(a: ProvisionArgs): boolean {
  return !!(
    a.provision ||
    a.account.length ||
    a["admin-account"] ||
    a["provision-command"] ||
    a["deprovision-command"]
  );
}

/** The provisioner the options ask for; a mistake throws an Error with one line for the user. */
export function provisionerFor(a: ProvisionArgs, domain: string): AccountProvisioner {
  const method = (a.provision ?? (a.account.length ? "accounts" : "ibr")) as ProvisionMethod;
  if (!PROVISION_METHODS.includes(method)) {
    throw new Error(`--provision: '${method}' is not one of ${PROVISION_METHODS.join(", ")}`);
  }
  const stray = (
    [
      ["account", "accounts"],
      ["admin-account", "admin"],
      ["provision-command", "command"],
      ["deprovision-command", "command"],
    ] as const
  ).find(([flag, owner]) => owner !== method && (flag === "account" ? a.account.length : a[flag]));
  if (stray) throw new Error(`--${stray[0]} goes with --provision ${stray[1]}, not ${method}`);
  switch (method) {
    case "ibr":
      return new InBandProvisioner(domain);
    case "accounts":
      if (!a.account.length)
        throw new Error("--provision accounts needs at least one --account user:password");
      return new PoolProvisioner(PoolProvisioner.parse(a.account, domain), domain);
    case "admin": {
      const spec = a["admin-account"];
      if (!spec)
        throw new Error("--provision admin needs --admin-account user:password of an admin of the target");
      return new AdminProvisioner(parseAccountSpec(spec, domain, "--admin-account"), domain);
    }
    case "command": {
      const create = a["provision-command"];
      if (!create)
        throw new Error(
          "--provision command needs --provision-command 'TEMPLATE' ({user} {domain} {password} {jid})",
        );
      try {
        return new CommandProvisioner(domain, create, a["deprovision-command"]);
      } catch (err) {
        throw new Error(`--provision-command: ${(err as Error).message}`);
      }
    }
  }
}
