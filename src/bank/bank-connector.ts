// The seam where a real bank or card network plugs in. The platform asks it to keep a card (and
// gets back a token, never storing the number), to charge a card, and (later) to pay out.

export type CardCheck =
  | { readonly ok: true; readonly token: string; readonly brand: string; readonly last4: string }
  | { readonly ok: false; readonly code: 'card_number_invalid' };

export type ChargeOutcome = 'succeeded' | 'card_declined' | 'card_insufficient_funds' | 'bank_processing_error';

export type PayoutOutcome = 'succeeded' | 'card_declined' | 'bank_processing_error';

export interface BankConnector {
  /** Checks a card number and returns the bank's token for it. */
  tokenizeCard(number: string): Promise<CardCheck>;
  /** Charges `amount` minor units to the card; `reference` makes a retried charge the same charge. */
  charge(request: { readonly token: string; readonly amount: bigint; readonly currency: string; readonly reference: string }): Promise<ChargeOutcome>;
  /**
   * Pays `amount` out to the card. A real bank may answer later; the platform holds the money
   * until it knows, and releases it if the payout fails.
   */
  payout(request: { readonly token: string; readonly amount: bigint; readonly currency: string; readonly reference: string }): Promise<PayoutOutcome>;
}
