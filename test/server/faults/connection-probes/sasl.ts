// Connection-fault probes: SASL and the features before and after it.
// Each holds on the clean server and fails under its fault.
import { NS, xml } from "../../../../harness/xml/element.ts";
import {
  ABORT,
  opened,
  type Probe,
  type Probes,
  securedOn,
  streamErrorAfter,
} from "../../../support/connection-probes.ts";
import { PASSWORD, saslCondition } from "../../../support/raw-client.ts";
import { newUser } from "../../../support/stub-server.ts";

/** An IQ to the server before authentication closes the stream with <not-authorized/> (§4.3.5, §6.3.1). */
const earlyIqClosesStream = async (s: Parameters<Probe>[0]) =>
  (await streamErrorAfter(
    await opened(s),
    "<iq type='get' id='x'><ping xmlns='urn:xmpp:ping'/></iq>",
    ABORT,
  )) === "not-authorized";

export const SASL_PROBES: Probes = {
  "stale-features-after-sasl": {
    holds: async (s) => {
      const c = await securedOn(s);
      await c.authenticate(newUser(s));
      return c.features?.getChild("bind", NS.bind) !== undefined;
    },
  },
  "no-mechanisms-after-tls": {
    holds: async (s) => (await securedOn(s)).features?.getChild("mechanisms", NS.sasl) !== undefined,
  },
  "bind-before-auth": {
    holds: async (s) => (await opened(s)).features?.getChild("bind", NS.bind) === undefined,
  },
  "allow-stanza-before-auth": {
    holds: earlyIqClosesStream,
  },
  // an allowed behaviour (I-6120-such-stanzas): the probe shows it is on, as the faults' probes do
  "early-server-stanza-refused": {
    holds: earlyIqClosesStream,
  },
  "accept-bad-password": {
    holds: async (s) =>
      !(await (await securedOn(s)).sasl("PLAIN", newUser(s), "wrong")).is("success", NS.sasl),
  },
  "accept-bad-base64": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "AG Fs aWNl AHB3"));
      return saslCondition(await c.next()) === "incorrect-encoding";
    },
  },
  "sasl-failure-no-condition": {
    holds: async (s) => {
      const c = await securedOn(s);
      const el = await c.sasl("PLAIN", newUser(s), "wrong");
      return el.is("failure", NS.sasl) && el.getChild("not-authorized") !== undefined;
    },
  },
  "no-aborted": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("abort", { xmlns: NS.sasl }));
      return saslCondition(await c.next()) === "aborted";
    },
  },
  "sasl-no-retry": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      await c.sasl("PLAIN", user, "wrong");
      return (await c.sasl("PLAIN", user, PASSWORD).catch(() => undefined))?.is("success", NS.sasl) === true;
    },
  },
  "sasl-unlimited-retries": {
    holds: async (s) => {
      const c = await securedOn(s);
      for (let i = 0; i < 6; i++) {
        const el = await c.sasl("PLAIN", "nobody", "wrong").catch(() => undefined);
        if (!el || el.is("error", NS.stream)) return true;
      }
      return false;
    },
  },
  "sasl-ignore-new-auth": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      c.sendEl(
        xml(
          "auth",
          { xmlns: NS.sasl, mechanism: "SCRAM-SHA-1" },
          Buffer.from(`n,,n=${user},r=a`).toString("base64"),
        ),
      );
      await c.next();
      return (await c.sasl("PLAIN", user, PASSWORD)).is("success", NS.sasl);
    },
  },
  "mechanisms-in-one-element": {
    holds: async (s) =>
      (await securedOn(s)).features?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism").length === 3,
  },
  "sasl-reject-empty-response": {
    holds: async (s) => {
      const c = await securedOn(s);
      c.sendEl(xml("auth", { xmlns: NS.sasl, mechanism: "PLAIN" }, "="));
      const el = await c.next();
      return !(el.is("failure", NS.sasl) && el.getChild("incorrect-encoding") !== undefined);
    },
  },
  "reject-own-authzid": {
    holds: async (s) => {
      const c = await securedOn(s);
      const user = newUser(s);
      return (await c.sasl("PLAIN", user, PASSWORD, `${user}@localhost`)).is("success", NS.sasl);
    },
  },
  "no-scram-sha-1": {
    holds: async (s) => {
      const c = await securedOn(s);
      const mechs = c.features?.getChild("mechanisms", NS.sasl)?.getChildren("mechanism") ?? [];
      c.destroy();
      return mechs.some((m) => m.getText() === "SCRAM-SHA-1");
    },
  },
  "close-before-sasl-restart": {
    holds: async (s) => {
      const c = await securedOn(s);
      return c.authenticate(newUser(s)).then(
        () => !c.streamEnded,
        () => false,
      );
    },
  },
};
