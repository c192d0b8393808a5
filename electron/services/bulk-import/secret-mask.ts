// Keeps secrets out of every message the bulk import produces (outcomes, errors, progress): whatever a
// library or server puts in a text, a secret in it is replaced before anyone sees it.

export type Mask = (text: string) => string;

export function secretMask(secrets: readonly (string | undefined)[]): Mask {
  // Short values would mask ordinary words; real secrets are long.
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  return (text) => hidden.reduce((masked, secret) => masked.split(secret).join('********'), text);
}
