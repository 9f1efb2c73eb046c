/**
 * Shows where a code went without revealing the address: the first character of the local part and of the
 * domain, and the top-level domain (`o***@e***.com`), so the person recognises their own address and a
 * stranger learns nothing they could use.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  // A fixed number of stars, so the mask does not tell the length either.
  const hide = (part: string) => `${part.slice(0, 1)}***`;
  return `${hide(local)}@${hide(host)}${tld}`;
}
