/** Metres between two points on the earth (haversine), rounded. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * R * Math.asin(Math.min(1, Math.sqrt(h))));
}

export type PositionResult = { ok: true; lat: number; lng: number; accuracy: number } | { ok: false; reason: 'unsupported' | 'denied' | 'unavailable' | 'timeout' };

/** Asks the browser for its position once; never rejects (a refusal is an answer too). */
export function currentPosition(timeoutMs = 10_000): Promise<PositionResult> {
  return new Promise((resolve) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      resolve({ ok: false, reason: 'unsupported' });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ ok: true, lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => resolve({ ok: false, reason: e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 },
    );
  });
}

/** The absolute address a QR code encodes: the server answers a path relative to the site. */
export function absoluteUrl(url: string, origin: string): string {
  return url.startsWith('/') ? `${origin}${url}` : url;
}

/** `2026-11-23T09:00:00+08:00` from a local date and time: the platform's times are Beijing time. */
export function toBeijingIso(d: Date): string {
  const bj = new Date(d.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${bj.getUTCFullYear()}-${pad(bj.getUTCMonth() + 1)}-${pad(bj.getUTCDate())}T${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}:00+08:00`;
}

/** Minutes as `2 小时 5 分` style parts: [hours, minutes]. */
export function hoursAndMinutes(total: number): [number, number] {
  const m = Math.max(0, Math.round(total));
  return [Math.floor(m / 60), m % 60];
}
