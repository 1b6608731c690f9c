// Sharing files in the open conversation, by the attach button or by dropping them on it: each
// file's upload gets a row in the tray above the composer with its progress (percent, rate, time
// left) and, at its end, what became of it.

import { el, humanSize } from './render.js';
import { UploadFailed, contentTypeOf, fileProblem, sendBytes, sha256Hex } from './uploads.js';

const $ = (id) => document.getElementById(id);

export class Sharing {
  constructor(chat, view) {
    this.chat = chat;
    this.view = view;
    this.tray = $('uploads');
    this.conversation = $('conversation');
    // slot requests the server has not answered yet
    this.waiting = new Set();
  }

  /** Lets the attach button and drops on the conversation share files. */
  wire() {
    const input = $('file-input');
    $('attach').addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      this.share([...input.files]);
      input.value = '';
    });
    this.conversation.addEventListener('dragover', (event) => {
      if (carriesFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = this.chat.current ? 'copy' : 'none';
        this.conversation.classList.toggle('dropping', Boolean(this.chat.current));
      }
    });
    this.conversation.addEventListener('dragleave', (event) => {
      if (!this.conversation.contains(event.relatedTarget)) {
        this.conversation.classList.remove('dropping');
      }
    });
    this.conversation.addEventListener('drop', (event) => {
      this.conversation.classList.remove('dropping');
      if (carriesFiles(event)) {
        event.preventDefault();
        this.share([...event.dataTransfer.files]);
      }
    });
    // a file dropped beside the conversation would otherwise replace the page with itself
    for (const type of ['dragover', 'drop']) {
      document.addEventListener(type, (event) => {
        if (carriesFiles(event) && !event.defaultPrevented) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'none';
        }
      });
    }
  }

  /** Shares each of `files` in `conv`, the open conversation unless told. */
  share(files, conv = this.chat.current) {
    if (!conv) {
      return;
    }
    for (const file of files) {
      this.upload(file, conv);
    }
  }

  /** The chat connection is lost: a slot asked for will not be answered on it. */
  connectionLost() {
    for (const request of [...this.waiting]) {
      request.refused('The connection was lost before the server answered. Share the file again once the page is back online.');
    }
  }

  async upload(file, conv) {
    const row = this.view.keepingTheLatest(() => new UploadRow(file, conv, this.tray, this.view));
    try {
      const problem = fileProblem(file);
      if (problem) {
        throw new UploadFailed(problem);
      }
      row.show('hashing', 'Computing its checksum…');
      const sha256 = await sha256Hex(file);
      row.cancelled();
      row.show('asking', 'Asking the server for a place to upload it…');
      const slot = await this.askSlot(file, sha256, conv);
      row.cancelled();
      row.sending();
      await sendBytes(file, slot, (bytes) => row.progress(bytes), row.abort.signal);
      row.done();
    } catch (e) {
      row.failed(e instanceof UploadFailed ? e.message : `The upload failed: ${e.message || e}.`);
    }
  }

  askSlot(file, sha256, conv) {
    return new Promise((resolve, reject) => {
      const frame = { type: 'upload', name: file.name, size: file.size, content_type: contentTypeOf(file), sha256 };
      frame[conv.kind === 'room' ? 'room' : 'to'] = conv.name;
      const request = {
        granted: (slot) => {
          this.waiting.delete(request);
          resolve(slot);
        },
        refused: (sentence) => {
          this.waiting.delete(request);
          reject(new UploadFailed(sentence));
        },
      };
      if (this.chat.conn.request(frame, { kind: 'upload', upload: request }) === null) {
        reject(new UploadFailed('Not connected right now: nothing was sent. Share the file again once the page is back online.'));
      } else {
        this.waiting.add(request);
      }
    });
  }

}

/** One upload as the tray shows it; its ✕ cancels it while it runs and dismisses it after. */
class UploadRow {
  constructor(file, conv, tray, view) {
    this.size = file.size;
    this.tray = tray;
    this.view = view;
    this.abort = new AbortController();
    this.finished = false;
    this.item = el('li', 'upload');
    this.item.dataset.testid = 'upload';
    const head = el('div', 'upload-head');
    const name = el('span', 'upload-name', file.name);
    name.dataset.testid = 'upload-name';
    const target = el('span', 'muted', `${humanSize(file.size)} to ${conv.kind === 'room' ? '#' : '@'}${conv.name}`);
    this.close = el('button', 'icon-button', '✕');
    this.close.type = 'button';
    this.close.dataset.testid = 'upload-close';
    this.close.addEventListener('click', () => this.onClose());
    head.append(name, target, this.close);
    this.bar = el('progress', 'upload-bar');
    this.bar.max = Math.max(1, file.size);
    this.bar.value = 0;
    this.bar.dataset.testid = 'upload-bar';
    this.bar.setAttribute('aria-label', `Upload of ${file.name}`);
    this.status = el('p', 'upload-status');
    this.status.dataset.testid = 'upload-status';
    this.item.append(head, this.bar, this.status);
    tray.append(this.item);
    tray.hidden = false;
    this.setClose('Cancel');
  }

  show(state, text) {
    this.item.dataset.state = state;
    this.status.textContent = text;
  }

  sending() {
    this.started = performance.now();
    this.show('sending', '0 % · starting…');
  }

  progress(bytes) {
    this.bar.value = bytes;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? bytes / seconds : 0;
    const parts = [`${percent(bytes, this.size)} %`, `${humanSize(bytes)} of ${humanSize(this.size)}`];
    if (rate > 0 && bytes < this.size) {
      parts.push(`${humanSize(Math.round(rate))}/s`, `${duration((this.size - bytes) / rate)} left`);
    }
    this.show('sending', parts.join(' · '));
  }

  done() {
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.value = this.bar.max;
    this.finish('done', `100 % · shared, ${humanSize(this.size)} in ${duration(seconds)}`);
  }

  failed(sentence) {
    this.finish(this.abort.signal.aborted ? 'cancelled' : 'failed', sentence);
  }

  /** Stops here when the person cancelled meanwhile. */
  cancelled() {
    if (this.abort.signal.aborted) {
      throw new UploadFailed('Cancelled.');
    }
  }

  finish(state, text) {
    this.finished = true;
    this.show(state, text);
    this.setClose('Dismiss');
  }

  setClose(what) {
    const label = `${what} the upload of ${this.item.querySelector('.upload-name').textContent}`;
    this.close.title = label;
    this.close.setAttribute('aria-label', label);
  }

  onClose() {
    if (!this.finished) {
      // a checksum under way finishes before the upload stops
      this.status.textContent = 'Cancelling…';
      this.abort.abort();
      return;
    }
    this.view.keepingTheLatest(() => {
      this.item.remove();
      this.tray.hidden = this.tray.children.length === 0;
    });
  }
}

function carriesFiles(event) {
  return Boolean(event.dataTransfer) && [...event.dataTransfer.types].includes('Files');
}

// whole percents, so that 100 means every byte arrived
function percent(bytes, size) {
  return size === 0 ? 100 : Math.floor((bytes * 100) / size);
}

function duration(seconds) {
  if (seconds < 1) {
    return `${Math.max(0.1, seconds).toFixed(1)} s`;
  }
  if (seconds < 90) {
    return `${Math.round(seconds)} s`;
  }
  return `${Math.ceil(seconds / 60)} min`;
}
