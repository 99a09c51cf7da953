// QR codes and barcodes, drawn as SVG in the page (no image from elsewhere, nothing sent away):
// `qrcode` encodes, `jsbarcode` draws Code 128. Both are loaded only by the pages that show one.

import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import JsBarcode from 'jsbarcode';

/** A QR code of `value`, with `label` as its accessible name (say what it is for). */
export function QrCode({ value, label, size = 240 }: { readonly value: string; readonly label: string; readonly size?: number }) {
  const [svg, setSvg] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: size }).then((text) => live && setSvg(text));
    return () => {
      live = false;
    };
  }, [value, size]);
  if (svg === undefined) return <div style={{ width: size, height: size }} aria-hidden="true" />;
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} width={size} height={size} alt={label} data-qr-value={value} />;
}

/** A Code 128 barcode of `value` (a payment code read by a till's scanner). */
export function Barcode({ value, label }: { readonly value: string; readonly label: string }) {
  const ref = useRef<SVGSVGElement | null>(null);
  useEffect(() => {
    if (ref.current !== null) JsBarcode(ref.current, value, { format: 'CODE128', displayValue: false, margin: 8, height: 72, width: 2 });
  }, [value]);
  return <svg ref={ref} role="img" aria-label={label} data-barcode-value={value} />;
}
