/** Great-circle distances between [lon, lat] points. */

export type LonLat = [number, number];

const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Haversine distance in kilometres between two [lon, lat] points. */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLon = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Mean of points (plain average of lon and lat: fine for the small areas it is used on). */
export function centroid(points: readonly LonLat[]): LonLat | undefined {
  if (points.length === 0) return undefined;
  let lon = 0;
  let lat = 0;
  for (const p of points) {
    lon += p[0];
    lat += p[1];
  }
  return [round5(lon / points.length), round5(lat / points.length)];
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
