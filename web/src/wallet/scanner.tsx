// Reading a QR code: from the camera, where the browser allows it (BarcodeDetector when it has
// one, else jsQR on the video's frames), or from a photo (jsQR). jsQR is loaded only when used,
// and nothing leaves the device: the frames are read in the page.

import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Button } from '../ui/components.js';

/** Frames are scaled down to this many pixels on the long side before decoding. */
const decodeSideMax = 1024;
/** The pause between two looks at the camera's picture. */
const scanIntervalMilliseconds = 250;

interface Detector {
  detect(source: CanvasImageSource): Promise<readonly { readonly rawValue: string }[]>;
}
type DetectorConstructor = new (options: { readonly formats: readonly string[] }) => Detector;

function nativeDetector(): Detector | undefined {
  const constructor = (window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;
  if (constructor === undefined) return undefined;
  try {
    return new constructor({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

/** Whether this page may ask for the camera (a secure page in a browser that has one). */
export function cameraAvailable(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

function pixelsOf(source: CanvasImageSource, width: number, height: number, canvas = document.createElement('canvas')): ImageData {
  const scale = Math.min(1, decodeSideMax / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('no 2D canvas');
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

async function decodePixels(image: ImageData): Promise<string | undefined> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data || undefined;
}

/** The text of the QR code in an image file, or undefined when none is found. */
export async function readQrFromFile(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodePixels(pixelsOf(bitmap, bitmap.width, bitmap.height));
  } finally {
    bitmap.close();
  }
}

/**
 * The camera's picture, read until `onCode` accepts a code (answers true). The camera is
 * released when the scanner goes away.
 */
export function CameraScanner({ onCode, onClose }: { readonly onCode: (text: string) => boolean; readonly onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<'denied' | 'unavailable' | undefined>(undefined);
  const accept = useEffectEvent((text: string) => onCode(text));
  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const detector = nativeDetector();
    const canvas = document.createElement('canvas');
    const look = async () => {
      const element = video.current;
      if (stopped || element === null) return;
      if (element.readyState >= 2 && element.videoWidth > 0) {
        let text: string | undefined;
        try {
          text = detector === undefined ? await decodePixels(pixelsOf(element, element.videoWidth, element.videoHeight, canvas)) : (await detector.detect(element))[0]?.rawValue;
        } catch {
          text = undefined;
        }
        if (stopped) return;
        if (text !== undefined && accept(text)) return;
      }
      timer = setTimeout(() => void look(), scanIntervalMilliseconds);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (media) => {
        if (stopped || video.current === null) {
          for (const track of media.getTracks()) track.stop();
          return;
        }
        stream = media;
        video.current.srcObject = media;
        void video.current.play().catch(() => undefined);
        void look();
      },
      (error: unknown) => !stopped && setProblem(error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError') ? 'denied' : 'unavailable'),
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <div className="scanner">
      {problem === undefined ? (
        <>
          <video ref={video} className="scanner-video" muted playsInline aria-label={t('wallet.pay.cameraView')} />
          <p className="muted" role="status">
            {t('wallet.pay.pointCamera')}
          </p>
        </>
      ) : (
        <p className="notice notice-error" role="alert">
          {problem === 'denied' ? t('wallet.pay.cameraDenied') : t('wallet.pay.cameraUnavailable')}
        </p>
      )}
      <Button variant="secondary" onClick={onClose}>
        {t('wallet.pay.stopCamera')}
      </Button>
    </div>
  );
}
