import { photoLimits } from '../../../functions/domain/photos/photo.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { sendFile } from './api.ts';
import { byId } from './dom.ts';
import type { PageText } from './page-text.ts';

// The API takes at most maxPhotos with a report, each sent on its own before the report; a photo
// keeps at most maxEdge px on its longest side: plenty to read a number plate, a fraction of 12 MP.
const { maxPhotos, maxEdge: longestEdge } = photoLimits;
const jpegQuality = 0.85;

interface Photo {
  number: number;
  item: HTMLLIElement;
  /** The upload's id once the API has it; undefined while it is on its way or after it failed. */
  uploadId?: string;
}

/**
 * The photo scaled to at most 2,048 px on its longest edge and encoded again as JPEG. The browser
 * turns it upright as its EXIF says ('from-image'), and the new file carries no EXIF at all: no
 * position, no camera, no time.
 */
async function reencoded(file: File): Promise<Blob | undefined> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => undefined);
  if (!bitmap) return undefined;
  const scale = Math.min(1, longestEdge / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/jpeg', jpegQuality),
  );
}

export interface PhotoPicker {
  /** The upload ids of the photos sent, in the order they were added. */
  uploadIds(): string[];
  /** Whether a photo is still on its way or failed and is still listed. */
  pending(): boolean;
}

/** Wires PhotoPicker.astro: each chosen photo is prepared, sent at once and listed with its preview. */
export function setUpPhotoPicker(text: PageText<KeyWithPrefix<'help.' | 'api.'>>): PhotoPicker {
  const { t } = text;
  const list = byId<HTMLUListElement>('photo-list');
  const error = byId('photo-error');
  const inputs = [byId<HTMLInputElement>('photo-camera'), byId<HTMLInputElement>('photo-library')];
  const photos: Photo[] = [];
  let added = 0;

  function refresh(): void {
    const full = photos.length >= maxPhotos;
    for (const input of inputs) input.disabled = full;
  }

  function remove(photo: Photo): void {
    photos.splice(photos.indexOf(photo), 1);
    const image = photo.item.querySelector('img');
    if (image) URL.revokeObjectURL(image.src);
    photo.item.remove();
    error.textContent = '';
    refresh();
    // The focus was on the removed button: it goes to the next photo's, or to the library button.
    (list.querySelector<HTMLButtonElement>('button') ?? inputs[1])?.focus();
  }

  function listItem(photo: Photo): { status: HTMLParagraphElement; preview: HTMLImageElement } {
    const preview = document.createElement('img');
    preview.alt = t('help.photoAlt', { number: photo.number });
    preview.width = 96;
    preview.height = 96;
    const status = document.createElement('p');
    status.className = 'small';
    status.setAttribute('role', 'status');
    status.textContent = t('help.photoPreparing');
    const removeButton = document.createElement('button');
    removeButton.type = 'button';
    removeButton.className = 'button secondary';
    removeButton.textContent = t('help.photoRemove', { number: photo.number });
    removeButton.addEventListener('click', () => remove(photo));
    photo.item.append(preview, status, removeButton);
    return { status, preview };
  }

  async function add(file: File): Promise<void> {
    added += 1;
    const photo: Photo = { number: added, item: document.createElement('li') };
    photos.push(photo);
    list.append(photo.item);
    refresh();
    const { status, preview } = listItem(photo);
    const fail = (message: string) => {
      status.className = 'field-error';
      status.textContent = message;
    };
    const jpeg = await reencoded(file);
    if (!jpeg) return fail(t('help.photoUnreadable'));
    preview.src = URL.createObjectURL(jpeg);
    status.textContent = t('help.photoUploading');
    const answer = await sendFile('POST /api/resident-affairs/photos', jpeg);
    if (!photos.includes(photo)) return;
    if (answer.ok) {
      photo.uploadId = answer.data.upload_id;
      status.textContent = t('help.photoReady');
      return;
    }
    if (answer.status === 0) return fail(t('api.offline'));
    if (answer.status === 429) return fail(t('help.tooMany'));
    const reason = answer.problem.detail ?? answer.problem.title;
    fail(reason ? t('help.photoFailed', { reason }) : t('api.failed'));
  }

  for (const input of inputs) {
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      error.textContent = '';
      const room = maxPhotos - photos.length;
      if (files.length > room) error.textContent = t('help.photoTooMany');
      for (const file of files.slice(0, Math.max(0, room))) void add(file);
    });
  }

  return {
    uploadIds: () => photos.flatMap(({ uploadId }) => (uploadId ? [uploadId] : [])),
    pending: () => photos.some(({ uploadId }) => !uploadId),
  };
}
