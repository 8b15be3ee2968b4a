// Named faults of in-band registration (XEP-0077): each breaks one rule of the suites/xep0077 cases on
// purpose. The server applies them through ../fault-hooks-xep0077.ts.
import { spec } from "./spec.ts";

export const XEP0077_FAULTS = [
  spec(
    "register-form-empty",
    "answers a registration get before authentication with an empty <query/>: no field to fill",
    "XEP0077-3.1-3",
  ),
  spec(
    "register-form-says-registered",
    "answers a registration get before authentication with <registered/>, as if the stream's entity had an account",
    "XEP0077-3.1-7",
    "XEP0077-3.1.1-1",
  ),
  spec(
    "register-form-extra-field",
    "adds a field of its own (<captcha/>) to the jabber:iq:register form instead of using a data form",
    "XEP0077-4-2",
  ),
  spec(
    "register-xdata-no-form-type",
    "adds a data form to the registration form without a FORM_TYPE field and without the username field",
    "XEP0077-4-4",
    "XEP0077-4-3",
  ),
  spec(
    "register-missing-field-accepted",
    "answers a registration missing its username or password (or with an empty one) with a result: an account with an empty password, or none",
    "XEP0077-3.1-10",
  ),
  spec(
    "registration-duplicate-accepted",
    "registers a username that is taken by overwriting that account's password, instead of <conflict/>",
    "RFC6120-8.3.3.2-1",
  ),
  spec(
    "register-error-code-only",
    "registration errors carry only the legacy 'code' attribute, no defined condition",
    "XEP0077-9-1",
  ),
  spec(
    "registered-element-missing",
    "answers a logged-in account's registration get without <registered/>, and without its username",
    "XEP0077-3.1-6",
  ),
  spec(
    "cancel-keeps-account",
    "answers a <remove/> with a result but keeps the account: its password still logs in",
    "XEP0077-3.2-1",
    "XEP0077-3.2-3",
  ),
  spec(
    "cancel-unauthenticated-accepted",
    "before authentication, a <remove/> naming a <username/> cancels that account",
    "XEP0077-3.2-1",
  ),
  spec("cancel-keeps-sessions", "removes the account but leaves its other sessions open", "XEP0077-3.2-2"),
  spec(
    "cancel-keeps-roster",
    "removes the account but not its roster: contacts keep their subscriptions, and a new account of that name inherits them",
    "XEP0077-3.2-4",
  ),
  spec(
    "password-change-ignored",
    "answers a password change with a result but keeps the old password",
    "XEP0077-3.3-2",
  ),
  spec(
    "password-empty-accepted",
    "takes an empty <password/> in a password change as the new password",
    "XEP0077-3.3-3",
  ),
  spec(
    "password-error-echoes-request",
    "puts the request's <query/> (with the password) into the error of a refused password change",
    "XEP0077-3.3-4",
  ),
  spec(
    "register-not-in-disco",
    "handles jabber:iq:register but leaves it out of the server's disco#info features",
    "XEP0077-10-1",
  ),
  spec(
    "registration-off-not-allowed",
    "in-band registration is off (no stream feature), and a registration get or set gets <not-allowed/>, not <service-unavailable/>",
    "XEP0077-3.1-4",
  ),
  spec(
    "register-feature-on-s2s",
    "offers the in-band registration stream feature on server-to-server streams too",
    "XEP0077-8-2",
  ),
  spec(
    "register-result-without-account",
    "answers a complete registration with a result but creates no account",
    "XEP0077-3.1-3",
  ),
  spec(
    "registered-info-missing",
    "answers a logged-in account's registration get with <registered/> alone: no username on file, no instructions",
    "XEP0077-3.1-6",
  ),
  spec(
    "remote-cancel-from-bare",
    "routes a cancellation addressed to another service with the user's bare JID as 'from', not the full JID",
    "XEP0077-3.2-5",
  ),
  spec(
    "register-form-oob",
    "adds an x:oob URL to a registration form that lists iq:register fields",
    "XEP0077-6-9",
  ),
  spec(
    "register-xdata-extra-required",
    "its data form requires a field (x-captcha) the iq:register fields it offers beside it cannot carry",
    "XEP0077-6-4",
  ),
] as const;
