// DOM builders for what a person reads. Every string from the server or another user goes in as
// text (textContent, text nodes), never as HTML.

import { canonical } from './protocol.js';

const NICK_COLOURS = 8;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const NICK_CHARS = 'A-Za-z0-9_\\-\\[\\]{}\\\\^|';
const GROUP_WITHIN_MS = 5 * 60_000;

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
  const item = entry(message.from, message.ts, message.text, own);
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
  const item = entry(direct.from, direct.ts, direct.text, own);
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

function entry(from, ts, text, own) {
  const item = el('li', own ? 'msg own' : 'msg');
  item.dataset.from = canonical(from || '');
  item.dataset.time = String(Date.parse(ts) || 0);
  const body = el('div', 'msg-body');
  const head = el('div', 'msg-head');
  const who = el('span', `from ${nickClass(from)}`, from);
  who.dataset.testid = 'from';
  head.append(who, timeElement(ts));
  const words = el('div', 'text');
  words.dataset.testid = 'text';
  words.append(linkify(text));
  body.append(head, words);
  item.append(avatar(from), body);
  return item;
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
