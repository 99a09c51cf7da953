// Times as the open API writes them: `yyyy-MM-dd HH:mm:ss` in China Standard Time (GMT+8).

const chinaOffsetMilliseconds = 8 * 60 * 60 * 1000;

export function alipayTime(milliseconds: number): string {
  return new Date(milliseconds + chinaOffsetMilliseconds).toISOString().slice(0, 19).replace('T', ' ');
}

/** The moment a well-formed open-API time names (epoch milliseconds), or undefined. */
export function alipayTimeValue(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const moment = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])) - chinaOffsetMilliseconds;
  return alipayTime(moment) === text ? moment : undefined;
}
