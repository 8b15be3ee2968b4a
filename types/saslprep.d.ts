// Types for saslprep 1.0 (RFC 4013), which ships none.
declare module "saslprep" {
  function saslprep(input: string, opts?: { allowUnassigned?: boolean }): string;
  export = saslprep;
}
