import { UPCOMING_EDITIONS, upcoming } from './events.demo.js';

describe('the upcoming demo editions', () => {
  it('keep their planned dates while still ahead, and move on by whole years once near', () => {
    const briefing = UPCOMING_EDITIONS[0];
    expect(upcoming(briefing, new Date('2026-11-25T00:00:00Z'))).toBe(briefing);
    const later = upcoming(briefing, new Date('2027-03-01T00:00:00Z'));
    expect(later.startsAt.toISOString()).toBe('2028-02-19T10:00:00.000Z');
    expect(later.applicationDeadline!.getTime()).toBeLessThan(later.startsAt.getTime());
    expect(later.program[0].startsAt!.toISOString()).toBe('2028-02-19T10:00:00.000Z');
  });
});
