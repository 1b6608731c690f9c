// The HTTP half of sharing a file (docs/protocol.md, "Files"): the file's SHA-256, then its bytes
// in chunks at offsets to the slot the chat gave, going on from where the server says it has them
// after a chunk that failed. No DOM here: the sharing tray shows what these report.

import { Sha256 } from './sha256.js';

const CHUNK_BYTES = 4 * 1024 * 1024;
const RETRIES = 5;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 8_000;
const UPLOAD_TYPE = 'application/offset+octet-stream';
const MAX_NAME_CHARS = 255;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** A refusal or failure of an upload, its message a sentence to show as it is. */
export class UploadFailed extends Error {}

/** Why `file` cannot be shared under its name, said before anything is sent; null when it can. */
export function fileProblem(file) {
  const chars = [...file.name].length;
  if (chars === 0) {
    return 'A file without a name cannot be shared.';
  }
  if (chars > MAX_NAME_CHARS) {
    return `Its name has ${chars} characters; a shared file's name has at most ${MAX_NAME_CHARS}. Rename it first.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f/\\]/.test(file.name) || file.name === '.' || file.name === '..') {
    return 'Its name holds a control character, / or \\, which a shared file’s name may not. Rename it first.';
  }
  return null;
}

/** The type the upload declares: the browser's guess when it is a plain type/subtype. */
export function contentTypeOf(file) {
  const type = (file.type || '').split(';')[0].trim().toLowerCase();
  return MIME_TYPE.test(type) ? type : 'application/octet-stream';
}

/** The SHA-256 of `file` as 64 hex digits: by Web Crypto, or in slices where the page has none. */
export async function sha256Hex(file) {
  try {
    if (globalThis.crypto && crypto.subtle) {
      // Web Crypto digests one buffer, so the file is read whole (at most the server's max size)
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    }
    const hash = new Sha256();
    for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
      hash.update(new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer()));
    }
    return hash.hex();
  } catch (e) {
    throw new UploadFailed('The browser could not read the file (was it moved or deleted meanwhile?).');
  }
}

/**
 * The address of `url` on the page's own origin: the page comes from the chat's HTTP door, which
 * also serves the files, while the server's own name for itself may not resolve here.
 */
export function onThisOrigin(url) {
  const parsed = new URL(url, location.href);
  return `${location.origin}${parsed.pathname}${parsed.search}`;
}

/**
 * Sends `file` to `slot` ({url, token}) from the start, chunk by chunk; `onProgress(bytes)` hears
 * how many bytes the server holds after each. Resolves once the server has shared the file;
 * rejects with an UploadFailed that says why not.
 */
export async function sendBytes(file, slot, onProgress, signal) {
  const url = onThisOrigin(slot.url);
  let offset = 0;
  let failures = 0;
  for (;;) {
    const end = Math.min(file.size, offset + CHUNK_BYTES);
    const answer = await attempt(() =>
      fetch(url, {
        method: 'PATCH',
        headers: { 'Upload-Token': slot.token, 'Upload-Offset': String(offset), 'Content-Type': UPLOAD_TYPE },
        body: file.slice(offset, end),
        signal,
      }),
    );
    if (answer && answer.status === 204) {
      offset = offsetOf(answer, end);
      failures = 0;
      onProgress(offset);
      if (answer.headers.get('Upload-Complete') === '?1') {
        return;
      }
      continue;
    }
    cancelled(signal);
    if (answer && !mayGoOn(answer)) {
      throw new UploadFailed(await refusalSentence(answer));
    }
    if (++failures > RETRIES) {
      throw new UploadFailed(
        answer
          ? await refusalSentence(answer)
          : `The upload stopped: the server could not be reached ${RETRIES} times in a row. Share the file again once the connection is back.`,
      );
    }
    await pause(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1)), signal);
    const there = await attempt(() => fetch(url, { method: 'HEAD', headers: { 'Upload-Token': slot.token }, signal }));
    if (there && there.ok) {
      if (there.headers.get('Upload-Complete') === '?1') {
        onProgress(file.size);
        return;
      }
      offset = offsetOf(there, offset);
      onProgress(offset);
    } else if (there && there.status !== 408 && there.status < 500) {
      throw new UploadFailed(await refusalSentence(there));
    }
  }
}

// a failure to reach the server at all is null: it may be tried again
async function attempt(request) {
  try {
    return await request();
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw new UploadFailed('Cancelled.');
    }
    return null;
  }
}

function cancelled(signal) {
  if (signal && signal.aborted) {
    throw new UploadFailed('Cancelled.');
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (signal) {
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    }
  }).then(() => cancelled(signal));
}

function offsetOf(answer, otherwise) {
  const offset = Number(answer.headers.get('Upload-Offset'));
  return answer.headers.has('Upload-Offset') && Number.isSafeInteger(offset) && offset >= 0 ? offset : otherwise;
}

/** Whether the upload may go on after `answer`: a wrong offset, a busy upload, the server's trouble. */
function mayGoOn(answer) {
  return (answer.status === 409 && answer.headers.has('Upload-Offset')) || answer.status === 408 || answer.status >= 500;
}

async function refusalSentence(answer) {
  let body = '';
  try {
    body = (await answer.text()).trim().replace(/[.\s]+$/, '');
  } catch (e) {
    // a body cut off says nothing more than the status
  }
  const why = body ? `: ${body}.` : '.';
  switch (answer.status) {
    case 403:
      return `The server refused the upload’s token${why}`;
    case 404:
      return `The upload is gone (it took too long, or the server forgot it)${why}`;
    case 409:
      return `The file was not shared${why}`;
    case 413:
      return `The file grew past the size it had when the upload began${why}`;
    case 422:
      return `The file arrived different from the one checked (was it changed meanwhile?), so the server deleted it${why}`;
    default:
      return `The upload failed (HTTP ${answer.status})${why}`;
  }
}
