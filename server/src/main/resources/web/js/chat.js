// What the page makes of the server's frames, and the frames a person's actions send. The View
// shows it; the Connection carries it.

import { FILL_BATCH, FRAMES } from './frames.js';
import { canonical } from './protocol.js';
import { Dm } from './state.js';

const PAGE = 50;

export class Chat {
  constructor(view) {
    this.view = view;
    this.conn = null;
    this.me = null;
    this.account = false;
    this.motd = null;
    this.rooms = new Map();
    this.dms = new Map();
    this.current = null;
    this.blocked = new Set();
    this.peopleSince = 0;
    this.lastUsers = null;
  }

  // --- from the connection

  onWelcome(welcome, again) {
    this.me = welcome.nick;
    this.account = this.account || Boolean(this.conn.password);
    this.view.showChat();
    this.view.setMe(this.me, this.account);
    if (!again && welcome.motd) {
      this.motd = welcome.motd;
    }
    // its pong comes after the auto-joins of the welcome: then the other rooms are joined again
    this.conn.request({ type: 'ping' }, { kind: 'settle', again });
    this.refresh();
  }

  onSettled(again) {
    if (!again) {
      return;
    }
    for (const room of this.rooms.values()) {
      if (!room.joinedOnLink) {
        room.fillAfter = room.highestSeq;
        this.conn.request({ type: 'join', room: room.name }, { kind: 'rejoin', room: room.key });
      }
    }
  }

  onLost() {
    for (const room of this.rooms.values()) {
      room.joinedOnLink = false;
      room.loadingOlder = false;
      room.replayLeft = 0;
      this.notice(room, 'Connection lost. Messages sent meanwhile will show once this page is back.', 'warn');
    }
    this.refresh();
  }

  onFrame(frame, ctx) {
    const handler = FRAMES[frame.type];
    if (handler) {
      handler(this, frame, ctx || {});
    }
  }

  // --- what a person does

  show(conv) {
    this.current = conv;
    if (conv) {
      conv.unread = 0;
    }
    this.view.showConversation(conv, this);
    this.refresh();
    if (conv && conv.kind === 'room') {
      this.fillScreen(conv);
    }
  }

  /** Says `text` in the open conversation; false when it could not go (not connected). */
  say(text) {
    const conv = this.current;
    if (!conv) {
      return false;
    }
    if (conv.kind === 'room') {
      return this.send({ type: 'say', room: conv.name, text }, { kind: 'say', room: conv.key });
    }
    return this.send({ type: 'dm', to: conv.name, text }, { kind: 'dm', peer: conv.key });
  }

  dmTo(nick, text) {
    const dm = this.dm(nick);
    this.show(dm);
    return this.send({ type: 'dm', to: nick, text }, { kind: 'dm', peer: dm.key });
  }

  join(name) {
    const room = this.rooms.get(canonical(name));
    if (room && room.joinedOnLink) {
      this.show(room);
      return true;
    }
    return this.send({ type: 'join', room: name }, { kind: 'join', room: canonical(name) });
  }

  create(name, topic) {
    const frame = { type: 'create', room: name };
    if (topic) {
      frame.topic = topic;
    }
    return this.send(frame, { kind: 'create', room: canonical(name) });
  }

  leave(name) {
    const room = name ? this.rooms.get(canonical(name)) : this.current;
    if (room && room.kind === 'dm') {
      this.dms.delete(room.key);
      this.show(this.rooms.values().next().value || this.dms.values().next().value || null);
      return true;
    }
    if (room && !room.joinedOnLink) {
      // not joined on this connection: nothing to tell the server
      FRAMES.left(this, { room: room.name });
      return true;
    }
    return this.send({ type: 'leave', room: room ? room.name : name }, { kind: 'leave', room: room ? room.key : canonical(name) });
  }

  setTopic(topic) {
    const room = this.current;
    if (!room || room.kind !== 'room') {
      this.notice(this.current, 'A topic belongs to a room: open one first.', 'error');
      return false;
    }
    return this.send({ type: 'topic', room: room.name, topic }, { kind: 'topic', room: room.key });
  }

  block(nick) {
    return this.send({ type: 'block', nick }, { kind: 'block', nick });
  }

  unblock(nick) {
    return this.send({ type: 'unblock', nick }, { kind: 'unblock', nick });
  }

  /** {@code text} null: back again. */
  away(text) {
    return this.send({ type: 'away', text }, { kind: 'away', text });
  }

  /** Every room, page after page: each answer names where the next one goes on. */
  listRooms(after, listed = []) {
    const frame = after ? { type: 'rooms', after } : { type: 'rooms' };
    return this.send(frame, { kind: 'rooms', listed });
  }

  listUsers(since) {
    this.peopleSince = since || 0;
    return this.send(since ? { type: 'users', since_s: since } : { type: 'users' }, { kind: 'users' });
  }

  register(password) {
    return this.send({ type: 'register', password }, { kind: 'register', password });
  }

  openDm(nick) {
    this.show(this.dm(nick));
  }

  /** Asks for the page of messages before the oldest one shown, when there may be more. */
  loadOlder(room = this.current) {
    if (!room || room.kind !== 'room' || room.historyDone || room.loadingOlder || !this.conn.connected) {
      return;
    }
    if (room.isEmpty()) {
      room.historyDone = true;
      this.view.updateHistoryTop(this.current);
      return;
    }
    const ctx = { kind: 'older', room: room.key, page: [], limit: PAGE };
    if (this.conn.request({ type: 'history', room: room.name, before_seq: room.lowestSeq, limit: PAGE }, ctx) !== null) {
      room.loadingOlder = true;
      this.view.updateHistoryTop(this.current);
    }
  }

  // --- helpers

  send(frame, ctx) {
    if (this.conn.request(frame, ctx) === null) {
      this.notice(this.current, 'Not connected right now: nothing was sent. Try again once the page is back online.', 'error');
      return false;
    }
    return true;
  }

  add(room, message, how) {
    let outcome;
    this.view.mutate(room, () => {
      outcome = room.addMessage(message, this.me);
    }, how === 'live' ? 'live' : 'newer');
    const own = canonical(message.from) === canonical(this.me);
    if (outcome !== 'duplicate' && (how === 'live' || how === 'missed') && !own && this.unseen(room)) {
      room.unread++;
      this.refresh();
    }
  }

  replayDone(room) {
    if (room.fillAfter > 0) {
      this.fetchAfter(room, room.fillAfter, { kind: 'fill' });
      room.fillAfter = 0;
    }
    if (room === this.current) {
      this.view.updateHistoryTop(room);
      this.fillScreen(room);
    }
  }

  fetchAfter(room, afterSeq, ctx) {
    const limit = ctx.kind === 'gap' ? Math.min(FILL_BATCH, ctx.to - afterSeq) : FILL_BATCH;
    this.conn.request(
      { type: 'history', room: room.name, after_seq: afterSeq, limit },
      { ...ctx, room: room.key, highest: afterSeq },
    );
  }

  // a room whose messages do not fill the screen loads older ones until they do
  fillScreen(room) {
    if (room === this.current && !room.historyDone && !room.loadingOlder && room.replayLeft === 0 && this.view.wantsMore()) {
      this.loadOlder(room);
    }
  }

  /** Whether what comes into `conv` now goes unseen: it is not open, or the page is not. */
  unseen(conv) {
    return conv !== this.current || document.hidden;
  }

  /** The page is looked at again: the open conversation is read. */
  seen() {
    if (this.current && this.current.unread) {
      this.current.unread = 0;
      this.refresh();
    }
  }

  /** Hides (or shows again) what a blocked user said in the rooms, as the server withholds it. */
  hideMessagesOf(nick, hidden) {
    const key = canonical(nick);
    for (const room of this.rooms.values()) {
      for (const item of room.log.querySelectorAll('.msg')) {
        if (item.dataset.from === key) {
          item.hidden = hidden;
        }
      }
    }
  }

  dm(nick) {
    const key = canonical(nick);
    let dm = this.dms.get(key);
    if (!dm) {
      dm = new Dm(nick);
      this.dms.set(key, dm);
    }
    return dm;
  }

  notice(conv, text, kind, ts, code) {
    if (!conv) {
      return;
    }
    this.view.mutate(conv, () => {
      const item = conv.notice(text, kind, ts);
      if (code) {
        item.dataset.code = code;
      }
    });
  }

  refresh() {
    this.view.renderLists(this);
    this.view.renderHeader(this.current, this);
    this.view.renderMembers(this.current, this);
  }
}
