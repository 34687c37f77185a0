/** Geography of Boussole: resolving where a person lives, points and distances. Pure, data loaded lazily once. */
export { resolveLocation, type GeoResolution } from './resolve';
export { communePoint, departmentPoint } from './points';
export { distanceKm } from './distance';
export { regionOfDepartment, zoneOfDepartment, isDepartmentCode, departmentName } from './territory';
export { getCommune, type Commune } from './communes';
export { communesBySound } from './script-names';
