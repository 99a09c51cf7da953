// Scan to pay: a merchant's or a person's QR code, read by the camera where the browser allows,
// from a photo, or pasted as a link; it opens the trade (/pay/<trade>) or the transfer to that
// person. A receive link opened directly (/pay?to=<user>) goes to the transfer's confirmation.

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Field, PageTitle } from '../../ui/components.js';
import { Icon } from '../icons.js';
import { moneyMessages } from '../messages-money.js';
import { parsePayLink, pathOf } from '../pay-links.js';
import { CameraScanner, cameraAvailable, readQrFromFile } from '../scanner.js';

addMessages(moneyMessages);

type Problem = 'not_ours' | 'no_code' | 'unreadable' | 'empty';

export default function Pay() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [scanning, setScanning] = useState(false);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [link, setLink] = useState('');
  const to = search.get('to');
  if (to !== null) return <Navigate to={`/transfer?to=${encodeURIComponent(to)}`} replace />;

  /** Opens what a code says; false (and a word why) when it is not a Zhifu payment code. */
  const open = (text: string): boolean => {
    const target = parsePayLink(text);
    if (target === undefined) {
      setProblem('not_ours');
      return false;
    }
    setScanning(false);
    navigate(pathOf(target));
    return true;
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setReading(true);
    setProblem(undefined);
    try {
      const text = await readQrFromFile(file);
      if (text === undefined) setProblem('no_code');
      else open(text);
    } catch {
      setProblem('unreadable');
    } finally {
      setReading(false);
    }
  };
  const paste = (event: FormEvent) => {
    event.preventDefault();
    if (link.trim() === '') setProblem('empty');
    else open(link);
  };

  return (
    <>
      <PageTitle>{t('wallet.pay.title')}</PageTitle>
      <p className="muted">{t('wallet.pay.intro')}</p>
      {problem === undefined ? null : (
        <p className="notice notice-error" role="alert">
          {t(`wallet.pay.problem.${problem}`)}
        </p>
      )}
      <section className="card" aria-labelledby="camera-title">
        <h2 id="camera-title">{t('wallet.pay.camera')}</h2>
        {!cameraAvailable() ? (
          <p className="muted">{t('wallet.pay.noCamera')}</p>
        ) : scanning ? (
          <CameraScanner onCode={open} onClose={() => setScanning(false)} />
        ) : (
          <Button
            onClick={() => {
              setProblem(undefined);
              setScanning(true);
            }}
          >
            <Icon name="camera" size={20} /> {t('wallet.pay.startCamera')}
          </Button>
        )}
      </section>
      <section className="card" aria-labelledby="photo-title">
        <h2 id="photo-title">{t('wallet.pay.photo')}</h2>
        <label className={`button button-secondary file-button${reading ? ' is-busy' : ''}`} aria-busy={reading}>
          {reading ? <span className="spinner" aria-hidden="true" /> : <Icon name="image" size={20} />} {reading ? t('wallet.pay.reading') : t('wallet.pay.choosePhoto')}
          <input type="file" accept="image/*" className="visually-hidden" disabled={reading} onChange={(event) => void upload(event)} data-testid="qr-file" />
        </label>
      </section>
      <form className="card" onSubmit={paste} noValidate aria-labelledby="link-title">
        <h2 id="link-title">{t('wallet.pay.paste')}</h2>
        <Field label={t('wallet.pay.link')} hint={t('wallet.pay.linkHint')} inputMode="url" autoComplete="off" value={link} onChange={(event) => setLink(event.target.value)} />
        <Button type="submit" variant="secondary">
          {t('wallet.pay.open')}
        </Button>
      </form>
    </>
  );
}
