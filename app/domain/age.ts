/** Ages in whole years on calendar dates (domain.md §3, §5), by string/number arithmetic only. */

function parts(date: string): [year: number, month: number, day: number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Age in whole years on `day`: a person born on 2010-06-15 is 16 on 2026-06-15 and 15 on
 * 2026-06-14.
 *
 * Decision: someone born on 29 February has their birthday on 1 March in non-leap years
 * (born 2008-02-29: 17 on 2026-02-28, 18 on 2026-03-01, 20 on 2028-02-29). Comparing
 * month × 100 + day gives exactly that: 229 is passed on 1 March (301) when there is no 229.
 */
export function ageOn(birthDate: string, day: string): number {
  const [birthYear, birthMonth, birthDay] = parts(birthDate);
  const [year, month, dayOfMonth] = parts(day);
  const birthdayReached = month * 100 + dayOfMonth >= birthMonth * 100 + birthDay;
  return year - birthYear - (birthdayReached ? 0 : 1);
}
