import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '../../../knowledge/catalog/schema';

export const TODAY = '2026-11-15';
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

const dirs: string[] = [];

/** A fresh store folder, removed after the test file. */
export function tempStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'boussole-import-'));
  dirs.push(dir);
  return dir;
}

export function removeTempStores(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function byRef(resources: Resource[], ref: string): Resource {
  const found = resources.find((r) => r.provenance?.ref === ref);
  if (!found) throw new Error(`no resource with provenance.ref ${ref}`);
  return found;
}
