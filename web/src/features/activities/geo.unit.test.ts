import { describe, expect, it } from 'vitest';
import { absoluteUrl, distanceMeters, hoursAndMinutes, toBeijingIso } from './geo';

describe('activities geo helpers', () => {
  it('measures short distances in metres', () => {
    expect(distanceMeters({ lat: 35.49, lng: 112.85 }, { lat: 35.49, lng: 112.85 })).toBe(0);
    const d = distanceMeters({ lat: 35.49, lng: 112.85 }, { lat: 35.491, lng: 112.85 });
    expect(d).toBeGreaterThan(105);
    expect(d).toBeLessThan(117);
  });
  it('makes the QR address absolute only when the server gives a path', () => {
    expect(absoluteUrl('/checkin/a?t=x', 'https://aixin.example')).toBe('https://aixin.example/checkin/a?t=x');
    expect(absoluteUrl('https://x.cn/checkin/a', 'https://aixin.example')).toBe('https://x.cn/checkin/a');
  });
  it('writes Beijing time with its offset', () => {
    expect(toBeijingIso(new Date('2026-11-23T01:05:00Z'))).toBe('2026-11-23T09:05:00+08:00');
    expect(toBeijingIso(new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24T04:00:00+08:00');
  });
  it('splits minutes into hours and minutes', () => {
    expect(hoursAndMinutes(125)).toEqual([2, 5]);
    expect(hoursAndMinutes(-3)).toEqual([0, 0]);
  });
});
