/** Text and attribute values safe inside XML. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const ncName = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** XML NCName: what IMS CP identifiers must be (no colon, no leading digit or hyphen). */
export function isNcName(value: string): boolean {
  return ncName.test(value);
}

/** An NCName made from any text: invalid characters become '-', and a letter leads. */
export function toNcName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '-');
  return isNcName(cleaned) ? cleaned : `x-${cleaned}`;
}

/** ISO 8601 duration of whole minutes (PT2H30M), as LOM typicalLearningTime and SCORM 2004 want it. */
export function isoMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 || hours === 0 ? `${rest}M` : ''}`;
}
