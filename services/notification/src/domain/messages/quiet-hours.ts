/**
 * When a message that is not critical may go, given the recipient's quiet hours (minutes after local
 * midnight, in their time zone; a window may cross midnight): now, or the end of the quiet hours.
 */
export function afterQuietHours(
  now: Date,
  setting: { quietStart: number | null; quietEnd: number | null; timeZone: string } | null,
): Date | null {
  if (!setting || setting.quietStart === null || setting.quietEnd === null || setting.quietStart === setting.quietEnd)
    return null;
  const minute = localMinute(now, setting.timeZone);
  const { quietStart: start, quietEnd: end } = setting;
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return null;
  const wait = (end - minute + 1440) % 1440;
  const guess = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + wait * 60_000);
  // The wait is in local minutes; a daylight-saving change inside it moves the local clock by an hour.
  // One correction lands on the local end time (or just after it, if that time does not exist that night).
  const drift = (end - localMinute(guess, setting.timeZone) + 1440) % 1440;
  return drift === 0 ? guess : new Date(guess.getTime() + (drift > 720 ? drift - 1440 : drift) * 60_000);
}

function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}
