// The sandbox bank: documented test card numbers that succeed, decline, lack funds or fail in
// processing, so that every path can be tried without a real bank. Any other number that passes
// the Luhn check succeeds.

import { createHash } from 'node:crypto';
import type { BankConnector, CardCheck, ChargeOutcome, PayoutOutcome } from './bank-connector.js';

/** The test cards, as in docs: number → what every charge to it does. */
export const sandboxCards: Readonly<Record<string, ChargeOutcome>> = {
  '4242424242424242': 'succeeded',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'card_insufficient_funds',
  '4000000000000119': 'bank_processing_error',
};

export function luhnValid(number: string): boolean {
  let sum = 0;
  for (let index = 0; index < number.length; index++) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export class SandboxBank implements BankConnector {
  private readonly charges = new Map<string, ChargeOutcome>();
  private readonly payouts = new Map<string, PayoutOutcome>();

  async tokenizeCard(number: string): Promise<CardCheck> {
    const digits = number.replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) return { ok: false, code: 'card_number_invalid' };
    const behaviour = sandboxCards[digits] ?? 'succeeded';
    const fingerprint = createHash('sha256').update(digits).digest('hex').slice(0, 16);
    return { ok: true, token: `sandbox_${behaviour}_${fingerprint}`, brand: digits.startsWith('4') ? 'visa' : digits.startsWith('62') ? 'unionpay' : 'card', last4: digits.slice(-4) };
  }

  async charge(request: { readonly token: string; readonly amount: bigint; readonly currency: string; readonly reference: string }): Promise<ChargeOutcome> {
    const previous = this.charges.get(request.reference);
    if (previous !== undefined) return previous;
    const outcome: ChargeOutcome = behaviourOf(request.token) ?? 'card_declined';
    this.charges.set(request.reference, outcome);
    return outcome;
  }

  /** Pays out to any card but the declining and the failing test cards; a card short of funds can still receive. */
  async payout(request: { readonly token: string; readonly amount: bigint; readonly currency: string; readonly reference: string }): Promise<PayoutOutcome> {
    const previous = this.payouts.get(request.reference);
    if (previous !== undefined) return previous;
    const behaviour = behaviourOf(request.token) ?? 'card_declined';
    const outcome: PayoutOutcome = behaviour === 'card_declined' || behaviour === 'bank_processing_error' ? behaviour : 'succeeded';
    this.payouts.set(request.reference, outcome);
    return outcome;
  }
}

function behaviourOf(token: string): ChargeOutcome | undefined {
  return /^sandbox_([a-z_]+)_[0-9a-f]+$/.exec(token)?.[1] as ChargeOutcome | undefined;
}
