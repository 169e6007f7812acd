/** Reads QR codes from the camera: the browser's own BarcodeDetector where it has one, else jsQR. */

type Detect = (video: HTMLVideoElement) => Promise<string | undefined>;

interface BarcodeDetectorApi {
  getSupportedFormats(): Promise<string[]>;
  new (options: {
    formats: string[];
  }): { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> };
}

/** A frame every so often is plenty for a ticket held still, and spares a phone's battery. */
const frameIntervalMs = 150;
/** jsQR reads a ticket well at this width, and a larger frame only costs time. */
const decodeWidth = 640;

async function nativeDetector(): Promise<Detect | undefined> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorApi }).BarcodeDetector;
  if (!Detector) return undefined;
  const formats = await Detector.getSupportedFormats().catch((): string[] => []);
  if (!formats.includes('qr_code')) return undefined;
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue;
}

/** The decoder in JavaScript, loaded only by browsers that need it. */
async function javascriptDetector(): Promise<Detect> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return undefined;
    const scale = Math.min(1, decodeWidth / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data;
  };
}

export interface Scanner {
  stop(): void;
}

export const cameraAvailable = () => typeof navigator.mediaDevices?.getUserMedia === 'function';

/** Shows the back camera in the video element and reports every QR code it sees; rejects without a camera. */
export async function startScanner(
  video: HTMLVideoElement,
  onText: (text: string) => void,
): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
  let running = true;
  const stop = () => {
    running = false;
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    await video.play();
    const detect = (await nativeDetector()) ?? (await javascriptDetector());
    const scan = async () => {
      if (!running) return;
      const text = await detect(video).catch(() => undefined);
      if (text && running) onText(text);
      setTimeout(scan, frameIntervalMs);
    };
    void scan();
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}
