/** Time comes from here, so tests of expiry, rotation and deadlines never sleep. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class TestClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-24T09:00:00+08:00') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  advanceMinutes(n: number): void {
    this.advance(n * 60_000);
  }
}
