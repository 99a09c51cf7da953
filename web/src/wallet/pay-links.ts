// What a scanned or pasted code opens: `<origin>/pay/<trade id>` (a merchant's trade, from a QR
// the merchant made) or `<origin>/pay?to=<user id>` (a person's receive code). Only the path and
// the id are taken from a link, so a code made on another host still opens here, in this wallet.

export type PayTarget = { readonly kind: 'trade'; readonly trade: string } | { readonly kind: 'person'; readonly user: string };

const tradeId = /^trd_[0-9a-z]{1,32}$/;
const userId = /^usr_[A-Za-z0-9_-]{1,64}$/;

/** The target of a link or a bare id, or undefined when the text is neither. */
export function parsePayLink(text: string): PayTarget | undefined {
  const value = text.trim();
  if (tradeId.test(value)) return { kind: 'trade', trade: value };
  if (userId.test(value)) return { kind: 'person', user: value };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const trade = /^\/pay\/([^/]+)\/?$/.exec(url.pathname)?.[1];
  if (trade !== undefined) return tradeId.test(trade) ? { kind: 'trade', trade } : undefined;
  if (url.pathname !== '/pay' && url.pathname !== '/pay/') return undefined;
  const user = url.searchParams.get('to') ?? '';
  return userId.test(user) ? { kind: 'person', user } : undefined;
}

/** The wallet page a target opens. */
export function pathOf(target: PayTarget): string {
  return target.kind === 'trade' ? `/pay/${target.trade}` : `/transfer?to=${encodeURIComponent(target.user)}`;
}
