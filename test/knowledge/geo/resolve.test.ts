import { LocationResultSchema } from '../../../knowledge/contracts/result';
import { resolveLocation, type GeoResolution } from '../../../knowledge/geo';

function resolved(r: GeoResolution) {
  expect(LocationResultSchema.safeParse(r.location).success).toBe(true);
  if (r.location.status !== 'resolved') throw new Error(`expected resolved, got ${JSON.stringify(r.location)}`);
  return r.location;
}

describe('resolveLocation', () => {
  it('resolves a postcode with one commune (Limoges 87000)', () => {
    const r = resolveLocation({ postcode: '87000' });
    expect(resolved(r)).toEqual({
      status: 'resolved',
      inseeCode: '87085',
      commune: 'Limoges',
      postcode: '87000',
      department: '87',
      region: '75',
      zone: 'metro',
    });
    expect(r.point?.[0]).toBeCloseTo(1.25, 1);
    expect(r.point?.[1]).toBeCloseTo(45.83, 1);
  });

  it.each(['Aurillac', 'aurillac', 'AURILLAC ', 'Aurilac', 'Aurillak'])('finds Aurillac from %p', (commune) => {
    const loc = resolved(resolveLocation({ commune }));
    expect(loc).toMatchObject({ inseeCode: '15014', commune: 'Aurillac', postcode: '15000', department: '15', region: '84', zone: 'metro' });
  });

  it('ignores accents, hyphens, apostrophes and St/Ste abbreviations', () => {
    expect(resolved(resolveLocation({ commune: 'st etienne' })).inseeCode).toBe('42218');
    expect(resolved(resolveLocation({ commune: 'clermont ferrand' })).inseeCode).toBe('63113');
    expect(resolved(resolveLocation({ commune: "L'Haÿ-les-Roses" })).inseeCode).toBe('94038');
    expect(resolved(resolveLocation({ commune: 'lhay les roses' })).inseeCode).toBe('94038');
    expect(resolved(resolveLocation({ commune: 'Ste Maxime' })).inseeCode).toBe('83115');
  });

  it('reports Saint-Denis as ambiguous, largest communes first, with 93 and 974 among the candidates', () => {
    const r = resolveLocation({ commune: 'Saint-Denis' });
    expect(LocationResultSchema.safeParse(r.location).success).toBe(true);
    if (r.location.status !== 'ambiguous') throw new Error(JSON.stringify(r.location));
    expect(r.location.query).toBe('Saint-Denis');
    const codes = r.location.candidates.map((c) => c.inseeCode);
    expect(codes).toEqual(expect.arrayContaining(['93066', '97411']));
    expect(codes.slice(0, 2).sort()).toEqual(['93066', '97411']);
    const reunion = r.location.candidates.find((c) => c.inseeCode === '97411');
    expect(reunion).toEqual({ inseeCode: '97411', name: 'Saint-Denis', department: '974', postcodes: expect.arrayContaining(['97400']) });
    expect(r.point).toBeUndefined();
  });

  it('uses the department to choose among communes of the same name', () => {
    const r = resolveLocation({ commune: 'Saint-Denis', department: '974' });
    expect(resolved(r)).toMatchObject({ inseeCode: '97411', department: '974', region: '04', zone: 'overseas' });
    expect(r.point?.[0]).toBeCloseTo(55.45, 1);
    expect(resolved(resolveLocation({ commune: 'saint denis', department: '93' })).inseeCode).toBe('93066');
  });

  it('resolves overseas postcodes', () => {
    expect(resolved(resolveLocation({ postcode: '97400' }))).toMatchObject({ inseeCode: '97411', commune: 'Saint-Denis', zone: 'overseas', department: '974' });
    const cayenne = resolveLocation({ postcode: '97300' });
    expect(resolved(cayenne)).toMatchObject({ inseeCode: '97302', commune: 'Cayenne', department: '973', region: '03', zone: 'overseas' });
    expect(cayenne.point).toBeDefined();
    expect(resolved(resolveLocation({ commune: 'Mamoudzou' }))).toMatchObject({ inseeCode: '97611', zone: 'overseas' });
  });

  it('resolves Corsican INSEE codes (Ajaccio 2A004) to the corsica zone', () => {
    const r = resolveLocation({ inseeCode: '2A004' });
    expect(resolved(r)).toMatchObject({ inseeCode: '2A004', commune: 'Ajaccio', department: '2A', region: '94', zone: 'corsica' });
    expect(r.point).toEqual([8.73812, 41.91886]);
    expect(resolved(resolveLocation({ inseeCode: '2a004' })).inseeCode).toBe('2A004');
  });

  it('maps old, delegated and arrondissement codes to the current commune', () => {
    expect(resolved(resolveLocation({ inseeCode: '93059' }))).toMatchObject({ inseeCode: '93066', commune: 'Saint-Denis' });
    expect(resolved(resolveLocation({ inseeCode: '75115' }))).toMatchObject({ inseeCode: '75056', commune: 'Paris', postcode: '75015' });
  });

  it('stays at postcode level when a postcode is shared by several communes and no name is given', () => {
    const r = resolveLocation({ postcode: '15130' });
    expect(resolved(r)).toEqual({ status: 'resolved', postcode: '15130', department: '15', region: '84', zone: 'metro' });
    expect(r.point).toBeDefined();
    const [lon, lat] = r.point ?? [0, 0];
    expect(lon).toBeGreaterThan(2.2);
    expect(lon).toBeLessThan(2.7);
    expect(lat).toBeGreaterThan(44.7);
    expect(lat).toBeLessThan(45.1);
  });

  it('picks the named commune within a shared postcode, typos included', () => {
    expect(resolved(resolveLocation({ postcode: '15130', commune: 'Ytrac' }))).toMatchObject({ inseeCode: '15267', postcode: '15130' });
    expect(resolved(resolveLocation({ postcode: '15130', commune: 'ytrak' }))).toMatchObject({ inseeCode: '15267' });
    // A name that fits none of them: still the postcode area, never an arbitrary commune.
    expect(resolved(resolveLocation({ postcode: '15130', commune: 'Limoges' }))).not.toHaveProperty('inseeCode');
  });

  it('reports a postcode crossing a department border as ambiguous rather than guessing the department', () => {
    const r = resolveLocation({ postcode: '01200' });
    if (r.location.status !== 'ambiguous') throw new Error(JSON.stringify(r.location));
    expect(new Set(r.location.candidates.map((c) => c.department))).toEqual(new Set(['01', '74']));
    expect(resolved(resolveLocation({ postcode: '01200', department: '74' })).inseeCode).toBe('74109');
  });

  it('resolves Paris postcodes and arrondissements to Paris', () => {
    const byPostcode = resolved(resolveLocation({ postcode: '75015' }));
    expect(byPostcode).toMatchObject({ inseeCode: '75056', commune: 'Paris', postcode: '75015', department: '75', region: '11' });
    expect(resolved(resolveLocation({ commune: 'Paris 15e' }))).toMatchObject({ inseeCode: '75056', postcode: '75015' });
    expect(resolved(resolveLocation({ commune: 'Marseille 1er' }))).toMatchObject({ inseeCode: '13055', postcode: '13001' });
    expect(resolved(resolveLocation({ commune: 'Lyon 3eme arrondissement' }))).toMatchObject({ inseeCode: '69123', postcode: '69003' });
  });

  it('resolves a department code alone at department level', () => {
    const r = resolveLocation({ department: '87' });
    expect(resolved(r)).toEqual({ status: 'resolved', department: '87', region: '75', zone: 'metro' });
    expect(r.point).toBeDefined();
    expect(resolved(resolveLocation({ department: '2b' }))).toMatchObject({ department: '2B', zone: 'corsica' });
    expect(resolved(resolveLocation({ department: '976' }))).toMatchObject({ department: '976', region: '06', zone: 'overseas' });
    expect(resolved(resolveLocation({ commune: 'Seine-Saint-Denis' }))).toEqual({ status: 'resolved', department: '93', region: '11', zone: 'metro' });
  });

  it('answers not_found with the query for nonsense, and unknown for an empty query', () => {
    expect(resolveLocation({ commune: 'Qwxzv Pflrt' }).location).toEqual({ status: 'not_found', query: 'Qwxzv Pflrt' });
    expect(resolveLocation({ postcode: '00000' }).location).toEqual({ status: 'not_found', query: '00000' });
    expect(resolveLocation({ inseeCode: '99999' }).location).toEqual({ status: 'not_found', query: '99999' });
    expect(resolveLocation({ department: '99' }).location).toEqual({ status: 'not_found', query: '99' });
    expect(resolveLocation({}).location).toEqual({ status: 'unknown' });
    expect(resolveLocation({ commune: '   ' }).location).toEqual({ status: 'unknown' });
  });

  it('falls through to the next field when one does not resolve', () => {
    expect(resolved(resolveLocation({ inseeCode: '99999', postcode: '87000' })).inseeCode).toBe('87085');
    expect(resolved(resolveLocation({ commune: 'Qwxzv Pflrt', department: '15' }))).toEqual({ status: 'resolved', department: '15', region: '84', zone: 'metro' });
  });

  it('stays fast after warm-up (< 20 ms per call, fuzzy included)', () => {
    const queries = ['Aurilac', 'Marseile', 'Clermond-Ferand', 'Sant Etienne du Rouvrai', 'Qwxzv Pflrt', 'Montpelier', 'Saint-Denis'];
    for (const commune of queries) resolveLocation({ commune });
    let worst = 0;
    for (const commune of queries) {
      const start = performance.now();
      resolveLocation({ commune });
      worst = Math.max(worst, performance.now() - start);
    }
    expect(worst).toBeLessThan(20);
  });
});
