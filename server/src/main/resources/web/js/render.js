// DOM builders for what a person reads. Every string from the server or another user goes in as
// text (textContent, text nodes), never as HTML.

import { canonical } from './protocol.js';
import { onThisOrigin } from './uploads.js';

const NICK_COLOURS = 8;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const NICK_CHARS = 'A-Za-z0-9_\\-\\[\\]{}\\\\^|';
const GROUP_WITHIN_MS = 5 * 60_000;
// the types the server serves as images (DownloadHeaders.java) that every browser shows
const PREVIEWED = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
// a preview loads the whole file: beyond this, the link alone
const MAX_PREVIEW_BYTES = 20 * 1024 * 1024;
// the server announces a file a moment before it serves it (FileShelf posts, then keeps it)
const PREVIEW_RETRIES_MS = [250, 1000, 3000];

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  if (text !== undefined && text !== null) {
    element.textContent = text;
  }
  return element;
}

/** The text with its http and https URLs as links that open in a new tab. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0];
    // a sentence's punctuation after a URL is no part of it
    while (/[.,;:!?)\]}]$/.test(url) && !balanced(url)) {
      url = url.slice(0, -1);
    }
    const href = safeHref(url);
    if (!href) {
      continue;
    }
    fragment.append(document.createTextNode(text.slice(last, match.index)));
    const link = el('a', 'link', url);
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    fragment.append(link);
    last = match.index + url.length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

function balanced(url) {
  const last = url.slice(-1);
  const open = { ')': '(', ']': '[', '}': '{' }[last];
  if (!open) {
    return false;
  }
  return url.split(open).length - 1 >= url.split(last).length - 1;
}

function safeHref(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

/** A `ts` as the browser's local time: the time of day, with the date when not today. */
export function timeElement(ts) {
  const time = el('time', 'time');
  const date = ts ? new Date(ts) : new Date();
  if (Number.isNaN(date.getTime())) {
    return time;
  }
  time.dateTime = date.toISOString();
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  time.textContent = sameDay ? timeFormat.format(date) : `${dateFormat.format(date)}, ${timeFormat.format(date)}`;
  time.title = fullFormat.format(date);
  return time;
}

/** When someone was last seen, in words. */
export function agoText(ts) {
  const then = new Date(ts);
  const seconds = Math.max(0, Math.round((Date.now() - then.getTime()) / 1000));
  if (seconds < 60) {
    return 'just now';
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)} h ago`;
  }
  const days = Math.floor(seconds / 86400);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export function nickClass(nick) {
  let hash = 0;
  for (const c of canonical(nick || '')) {
    hash = (hash * 31 + c.codePointAt(0)) | 0;
  }
  return `nick-c${Math.abs(hash) % NICK_COLOURS}`;
}

export function avatar(nick) {
  const element = el('span', `avatar ${nickClass(nick)}`, (nick || '?').replace(/^[^A-Za-z0-9]+/, '').charAt(0).toUpperCase() || '?');
  element.setAttribute('aria-hidden', 'true');
  return element;
}

export function mentions(text, nick) {
  if (!nick) {
    return false;
  }
  const quoted = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^${NICK_CHARS}])${quoted}($|[^${NICK_CHARS}])`, 'i').test(text);
}

/** A room message. */
export function messageElement(message, me) {
  const own = me && canonical(message.from) === canonical(me);
  const item = entry(message.from, message.ts, message.text, own, message.file);
  item.dataset.testid = 'message';
  item.dataset.room = message.room;
  item.dataset.seq = String(message.seq);
  if (!own && mentions(message.text, me)) {
    item.classList.add('mention');
  }
  return item;
}

/** A direct message to or from `me`. */
export function directElement(direct, me) {
  const own = me && canonical(direct.from) === canonical(me);
  const item = entry(direct.from, direct.ts, direct.text, own, direct.file);
  item.classList.add('direct');
  item.dataset.testid = 'direct';
  item.dataset.peer = own ? direct.to : direct.from;
  const flags = [];
  if (direct.offline) {
    flags.push(['offline', 'sent while you were away']);
  }
  if (direct.stored) {
    flags.push(['stored', `waits until ${direct.to} logs in`]);
  }
  if (flags.length) {
    const head = item.querySelector('.msg-head');
    for (const [kind, words] of flags) {
      const flag = el('span', `flag flag-${kind}`, words);
      flag.dataset.testid = `flag-${kind}`;
      head.append(flag);
    }
  }
  return item;
}

function entry(from, ts, text, own, file) {
  const item = el('li', own ? 'msg own' : 'msg');
  item.dataset.from = canonical(from || '');
  item.dataset.time = String(Date.parse(ts) || 0);
  const body = el('div', 'msg-body');
  const head = el('div', 'msg-head');
  const who = el('span', `from ${nickClass(from)}`, from);
  who.dataset.testid = 'from';
  head.append(who, timeElement(ts));
  const words = el('div', file ? 'text file-text' : 'text');
  words.dataset.testid = 'text';
  if (file) {
    words.textContent = 'shared a file';
    body.append(head, words, fileElement(file));
  } else {
    words.append(linkify(text));
    body.append(head, words);
  }
  item.append(avatar(from), body);
  return item;
}

/**
 * A shared file as a message carries it: its name, size and a download link, with a preview when
 * it is an image; once it expired, only that it did.
 */
export function fileElement(file) {
  const card = el('div', 'file');
  card.dataset.testid = 'file';
  card.dataset.file = file.id;
  const size = el('span', 'file-size muted', humanSize(file.size));
  size.dataset.testid = 'file-size';
  if (file.expired || !file.url) {
    card.classList.add('expired');
    const name = el('span', 'file-name', file.name);
    name.dataset.testid = 'file-name';
    const gone = el('span', 'file-expired', 'expired: no longer on the server');
    gone.dataset.testid = 'file-expired';
    card.append(name, size, gone);
    return card;
  }
  const href = onThisOrigin(file.url);
  const link = el('a', 'file-name', file.name);
  link.dataset.testid = 'file-link';
  link.href = href;
  link.download = file.name;
  link.title = `Download ${file.name}`;
  card.append(link, size);
  if (PREVIEWED.has(file.content_type) && file.size <= MAX_PREVIEW_BYTES) {
    const frame = el('a', 'file-preview');
    frame.href = href;
    frame.download = file.name;
    frame.tabIndex = -1;
    const image = el('img');
    image.dataset.testid = 'file-preview';
    image.alt = `Preview of ${file.name}`;
    image.decoding = 'async';
    image.src = href;
    image.addEventListener('error', () => {
      const tried = Number(image.dataset.tried || 0);
      if (tried >= PREVIEW_RETRIES_MS.length) {
        frame.hidden = true;
        return;
      }
      image.dataset.tried = String(tried + 1);
      // another address, so that no failed answer is taken from a cache
      setTimeout(() => {
        image.src = `${href}?try=${tried + 1}`;
      }, PREVIEW_RETRIES_MS[tried]);
    });
    frame.append(image);
    card.append(frame);
  }
  return card;
}

/** A size in bytes as the server says it: B, then KiB, MiB, GiB with one decimal below 10. */
export function humanSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`;
}

/** A line about what happened (someone joined, the topic changed, the connection came back). */
export function noticeElement(text, kind = 'info', ts) {
  const item = el('li', `notice notice-${kind}`);
  item.dataset.testid = kind === 'error' ? 'error' : 'notice';
  item.dataset.kind = kind;
  const words = el('span', 'notice-text');
  words.append(linkify(text));
  item.append(words);
  if (ts !== undefined) {
    item.append(timeElement(ts));
  }
  return item;
}

/** Marks `item` as a continuation of the message before it, from the same sender shortly before. */
export function regroup(item) {
  if (!item || !item.classList.contains('msg')) {
    return;
  }
  const before = item.previousElementSibling;
  const continued =
    before &&
    before.classList.contains('msg') &&
    before.dataset.from === item.dataset.from &&
    Math.abs(Number(item.dataset.time) - Number(before.dataset.time)) < GROUP_WITHIN_MS;
  item.classList.toggle('continued', Boolean(continued));
}
