// What the page knows of each conversation: a room (members, topic, the messages shown by seq) or
// a direct-message conversation. Each keeps its own list element, ordered by a sort key.

import { canonical } from './protocol.js';
import { directElement, el, messageElement, noticeElement, regroup } from './render.js';

// a room whose server forgot its history numbers anew: its later messages sort after the earlier
const EPOCH = 1e13;

class Conversation {
  constructor(kind, name) {
    this.kind = kind;
    this.name = name;
    this.key = canonical(name);
    this.unread = 0;
    this.log = el('ol', 'log');
    this.log.dataset.conversation = `${kind}:${this.key}`;
    // where the reader was: null sticks to the latest
    this.scrollTop = null;
  }

  /** Puts `item` after every item whose key is not greater. */
  place(item, key) {
    item.sortKey = key;
    const children = this.log.children;
    const last = children[children.length - 1];
    if (!last || last.sortKey <= key) {
      this.log.append(item);
    } else {
      let low = 0;
      let high = children.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (children[middle].sortKey > key) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      this.log.insertBefore(item, children[low]);
    }
    regroup(item);
    regroup(item.nextElementSibling);
    return item;
  }

  lastKey() {
    const last = this.log.lastElementChild;
    return last ? last.sortKey : 0;
  }

  notice(text, kind, ts) {
    return this.place(noticeElement(text, kind, ts), this.noticeKey());
  }
}

export class Room extends Conversation {
  constructor(name) {
    super('room', name);
    this.topic = null;
    this.members = new Map();
    this.seqs = new Map();
    this.epoch = 0;
    this.lowestSeq = Infinity;
    this.highestSeq = 0;
    this.highestTs = 0;
    this.historyDone = false;
    this.loadingOlder = false;
    this.joinedOnLink = false;
    this.replayLeft = 0;
    // after a rejoin: the highest seq seen before it, to fetch what came after
    this.fillAfter = 0;
  }

  setMembers(nicks) {
    this.members = new Map(nicks.map((nick) => [canonical(nick), nick]));
  }

  /**
   * Shows a message in seq order, once: 'added', 'duplicate', or 'restarted' when its seq shows
   * that the server numbers this room anew (it lost its history) and it was added after the rest.
   */
  addMessage(message, me) {
    const seq = Number(message.seq);
    const ts = Date.parse(message.ts) || 0;
    const known = this.seqs.get(seq);
    let outcome = 'added';
    if (known) {
      if (known.from === message.from && known.text === message.text && known.ts === message.ts) {
        return 'duplicate';
      }
      outcome = 'restarted';
    } else if (seq <= this.highestSeq && ts > this.highestTs) {
      outcome = 'restarted';
    }
    if (outcome === 'restarted') {
      this.startAnew();
    }
    this.seqs.set(seq, { from: message.from, text: message.text, ts: message.ts });
    this.lowestSeq = Math.min(this.lowestSeq, seq);
    if (seq > this.highestSeq) {
      this.highestSeq = seq;
      this.highestTs = ts;
    }
    if (seq === 1) {
      this.historyDone = true;
    }
    this.place(messageElement(message, me), this.epoch * EPOCH + seq);
    return outcome;
  }

  startAnew() {
    this.place(
      noticeElement(`The server started the history of #${this.name} anew: what is above came before.`, 'info'),
      this.noticeKey(),
    );
    this.epoch++;
    this.seqs = new Map();
    this.lowestSeq = Infinity;
    this.highestSeq = 0;
    this.highestTs = 0;
    this.historyDone = false;
  }

  noticeKey() {
    return Math.max(this.epoch * EPOCH + this.highestSeq + 0.5, this.lastKey());
  }

  isEmpty() {
    return this.seqs.size === 0;
  }
}

export class Dm extends Conversation {
  constructor(peer) {
    super('dm', peer);
    this.counter = 0;
  }

  addDirect(direct, me) {
    return this.place(directElement(direct, me), ++this.counter);
  }

  noticeKey() {
    return ++this.counter;
  }
}
