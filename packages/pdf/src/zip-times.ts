/** MS-DOS date and time words of `date` (UTC), the resolution zip stores. */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * The zip (EPUB, DOCX) with every entry's modification time set to `date`,
 * in the local headers and the central directory; pandoc 2.17 stamps the
 * build time there, whatever SOURCE_DATE_EPOCH says. Times are outside the
 * CRCs, so nothing else changes. Throws on a buffer that is not a zip.
 */
export function withFixedZipTimes(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, day } = dosDateTime(date);
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = out.readUInt16LE(end + 10);
  let entry = out.readUInt32LE(end + 16);
  for (let n = 0; n < count; n++) {
    if (out.readUInt32LE(entry) !== 0x02014b50) throw new Error('not a zip: bad central directory');
    out.writeUInt16LE(time, entry + 12);
    out.writeUInt16LE(day, entry + 14);
    const local = out.readUInt32LE(entry + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('not a zip: bad local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    entry += 46 + out.readUInt16LE(entry + 28) + out.readUInt16LE(entry + 30) + out.readUInt16LE(entry + 32);
  }
  return out;
}
