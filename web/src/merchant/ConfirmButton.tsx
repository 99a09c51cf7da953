// A button for a step that cannot be undone (close a trade, revoke a key, remove a member): the
// first press asks, the second does it, Cancel steps back.

import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Button } from '../ui/components.js';

export function ConfirmButton({ children, question, confirm, onConfirm, busy = false, variant = 'danger' }: { readonly children: ReactNode; readonly question: string; readonly confirm: string; readonly onConfirm: () => void; readonly busy?: boolean; readonly variant?: 'danger' | 'primary' | 'secondary' }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking && !busy)
    return (
      <Button variant={variant === 'danger' ? 'secondary' : variant} onClick={() => setAsking(true)}>
        {children}
      </Button>
    );
  return (
    <span className="m-confirm" role="group" aria-label={question}>
      <span className="m-confirm-question">{question}</span>
      <Button
        variant={variant}
        busy={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </Button>
      {busy ? null : (
        <Button variant="secondary" onClick={() => setAsking(false)}>
          {t('action.cancel')}
        </Button>
      )}
    </span>
  );
}
