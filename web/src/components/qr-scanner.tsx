import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = (new (o: { formats: string[] }) => Detector) & { getSupportedFormats?: () => Promise<string[]> };

/** Whether the phone can show a camera at all (the reader itself is found in `loadDetector`). */
export function canScan(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

let loading: Promise<DetectorClass> | null = null;

/**
 * The QR reader: the browser's own BarcodeDetector where it reads QR codes (Chrome on Android),
 * otherwise the `barcode-detector` package (ZXing compiled to WebAssembly), loaded only when a
 * scan starts and with its .wasm served from this site, never from a CDN.
 */
export function loadDetector(): Promise<DetectorClass> {
  loading ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
    if (typeof native === 'function') {
      const formats = await native.getSupportedFormats?.().catch(() => [] as string[]);
      if (!formats || formats.includes('qr_code')) return native;
    }
    const [{ BarcodeDetector, setZXingModuleOverrides }, { default: wasmUrl }] = await Promise.all([import('barcode-detector/ponyfill'), import('zxing-wasm/reader/zxing_reader.wasm?url')]);
    setZXingModuleOverrides({ locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) });
    return BarcodeDetector as unknown as DetectorClass;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** The back camera's picture, read a few times a second until a QR code is seen. */
export function QrScanner({ onCode, testId = 'qr-video' }: { onCode: (code: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const seen = useRef(onCode);
  seen.current = onCode;
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    if (!canScan()) {
      setFailed(true);
      return;
    }
    void (async () => {
      try {
        const Cls = await loadDetector();
        const detector = new Cls({ formats: ['qr_code'] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setReady(true);
        const tick = async () => {
          if (stopped || !video.current) return;
          const [hit] = await detector.detect(video.current).catch(() => []);
          if (hit?.rawValue) seen.current(hit.rawValue);
          else timer = window.setTimeout(() => void tick(), 300);
        };
        void tick();
      } catch {
        if (!stopped) setFailed(true);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  if (failed) return <Alert type="warning" showIcon title={t('common.noCamera')} data-testid="qr-no-camera" />;
  return (
    <Spin spinning={!ready}>
      <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, borderRadius: 8, background: '#000' }} data-testid={testId} data-ready={ready ? '1' : '0'} />
    </Spin>
  );
}
