// The page's screens and panes: login, the conversation lists, the open conversation with its
// header and members, the dialogs. Renders what Chat knows; wires no behaviour of its own.

import { canonical } from './protocol.js';
import { icon } from './icons.js';
import { agoText, avatar, el, linkify, nickClass, timeElement } from './render.js';

const NEAR_BOTTOM_PX = 80;

const $ = (id) => document.getElementById(id);

export class View {
  constructor() {
    for (const id of [
      'login', 'login-form', 'nick', 'password', 'connect', 'login-error', 'take-over', 'login-status', 'chat', 'sidebar',
      'room-list', 'dm-list', 'me-nick', 'me-avatar', 'status', 'open-register', 'conversation-title', 'topic',
      'edit-topic', 'leave-room', 'toggle-members', 'topic-form', 'topic-input', 'conn-banner', 'messages',
      'load-older', 'history-start', 'log-slot', 'jump-latest', 'composer', 'composer-input', 'attach', 'members-panel',
      'members', 'member-count', 'scrim', 'open-sidebar', 'rooms-dialog', 'room-directory',
      'room-directory-empty', 'create-error', 'people-dialog', 'people', 'people-summary', 'people-since',
      'dm-dialog', 'dm-error', 'register-dialog', 'register-error', 'ended', 'ended-text',
    ]) {
      this[camel(id)] = $(id);
    }
    this.shown = null;
    this.countdown = 0;
    this.chatVisible = false;
  }

  // --- login and the end of a session

  showLogin(error) {
    this.chat.hidden = true;
    this.ended.hidden = true;
    this.login.hidden = false;
    this.chatVisible = false;
    this.loginBusy(false);
    this.loginError.textContent = error || '';
    (error && this.password.value ? this.password : this.nick).focus();
  }

  loginBusy(busy) {
    this.connect.disabled = busy;
    this.connect.textContent = busy ? 'Connecting…' : 'Join the chat';
  }

  showChat() {
    this.login.hidden = true;
    this.ended.hidden = true;
    this.chat.hidden = false;
    this.loginError.textContent = '';
    this.loginStatus.textContent = '';
    if (!this.chatVisible) {
      this.chatVisible = true;
      this.composerInput.focus();
    }
  }

  showEnded(sentence) {
    this.endedText.textContent = sentence;
    this.ended.hidden = false;
    $('ended-again').focus();
  }

  setMe(nick, account) {
    this.meNick.textContent = nick;
    this.meAvatar.replaceWith(Object.assign(avatar(nick), { id: 'me-avatar' }));
    this.meAvatar = $('me-avatar');
    this.openRegister.hidden = account;
  }

  /** The connection's state, in the sidebar and, while it is down, in a banner. */
  showStatus({ state, retryInMs, text }) {
    clearInterval(this.countdown);
    this.status.dataset.state = state;
    const words = { connecting: 'Connecting…', connected: 'Online', waiting: 'Offline', ended: 'Logged out', login: 'Not logged in' };
    this.status.textContent = words[state] || state;
    if (!this.chatVisible) {
      this.loginStatus.textContent =
        state === 'waiting' ? `${text} Trying again in ${Math.ceil(retryInMs / 1000)} s…` : state === 'connecting' ? 'Connecting…' : '';
      if (state === 'waiting' || state === 'login') {
        this.loginBusy(state === 'waiting');
      }
      return;
    }
    if (state === 'connected' || state === 'ended') {
      this.connBanner.hidden = true;
      return;
    }
    this.connBanner.hidden = false;
    this.connBanner.dataset.state = state;
    this.connBanner.replaceChildren();
    const line = el('span', 'banner-text', text || 'Connecting again…');
    this.connBanner.append(line);
    if (state === 'waiting') {
      const until = Date.now() + retryInMs;
      const tick = () => {
        line.textContent = `${text} Reconnecting in ${Math.max(0, Math.ceil((until - Date.now()) / 1000))} s…`;
      };
      tick();
      this.countdown = setInterval(tick, 1000);
      const now = el('button', 'ghost', 'Retry now');
      now.type = 'button';
      now.dataset.action = 'reconnect-now';
      this.connBanner.append(now);
    }
  }

  // --- the conversation lists

  renderLists(chat) {
    this.roomList.replaceChildren(
      ...[...chat.rooms.values()].map((room) => {
        const item = listItem(`#${room.name}`, room, room === chat.current);
        item.firstChild.dataset.room = room.name;
        item.firstChild.dataset.testid = 'room-item';
        const count = el('span', 'member-count', String(room.members.size));
        count.title = `${room.members.size} member${room.members.size === 1 ? '' : 's'}`;
        count.setAttribute('aria-label', count.title);
        item.firstChild.insertBefore(count, item.firstChild.lastChild);
        return item;
      }),
    );
    this.dmList.replaceChildren(
      ...[...chat.dms.values()].map((dm) => {
        const item = listItem(`@${dm.name}`, dm, dm === chat.current);
        item.firstChild.dataset.peer = dm.name;
        item.firstChild.dataset.testid = 'dm-item';
        return item;
      }),
    );
    const unread = [...chat.rooms.values(), ...chat.dms.values()].reduce((sum, c) => sum + c.unread, 0);
    document.title = unread ? `(${unread}) Parley` : 'Parley';
  }

  // --- the open conversation

  /** Shows `conv` (a Room or a Dm, or null for none) in the main pane. */
  showConversation(conv, chat) {
    if (this.shown && this.shown !== conv) {
      this.shown.scrollTop = this.atBottom() ? null : this.messages.scrollTop;
    }
    const changed = this.shown !== conv;
    this.shown = conv;
    this.logSlot.replaceChildren(...(conv ? [conv.log] : []));
    this.renderHeader(conv, chat);
    this.renderMembers(conv, chat);
    this.updateHistoryTop(conv);
    this.composerInput.placeholder = conv ? `Message ${conv.kind === 'room' ? '#' : '@'}${conv.name}` : 'Join a room to write';
    this.composerInput.disabled = !conv;
    this.attach.disabled = !conv;
    if (changed) {
      this.jumpLatest.hidden = true;
      this.topicForm.hidden = true;
      if (conv && conv.scrollTop !== null) {
        this.messages.scrollTop = conv.scrollTop;
      } else {
        this.scrollToBottom();
      }
    }
  }

  renderHeader(conv, chat) {
    const isRoom = conv && conv.kind === 'room';
    this.conversationTitle.textContent = conv ? `${isRoom ? '#' : '@'}${conv.name}` : 'No conversation';
    this.topic.replaceChildren();
    if (isRoom) {
      this.topic.append(conv.topic ? linkify(conv.topic) : el('span', 'muted', 'No topic yet'));
    } else if (conv) {
      const blocked = chat.blocked.has(conv.key);
      this.topic.append(el('span', 'muted', blocked ? 'You block this person.' : 'Direct messages'));
    }
    this.editTopic.hidden = !isRoom;
    this.leaveRoom.hidden = !conv;
    this.leaveRoom.textContent = isRoom ? 'Leave' : 'Close';
    this.leaveRoom.setAttribute('aria-label', conv ? `${isRoom ? 'Leave' : 'Close'} ${this.conversationTitle.textContent}` : 'Leave');
  }

  renderMembers(conv, chat) {
    const nicks = !conv ? [] : conv.kind === 'room' ? [...conv.members.values()] : [chat.me, conv.name];
    nicks.sort((a, b) => canonical(a).localeCompare(canonical(b)));
    this.memberCount.textContent = conv && conv.kind === 'room' ? `(${nicks.length})` : '';
    this.members.replaceChildren(...nicks.map((nick) => memberItem(nick, chat)));
  }

  updateHistoryTop(conv) {
    const room = conv && conv.kind === 'room' ? conv : null;
    const done = !room || room.historyDone;
    this.loadOlder.hidden = done;
    this.loadOlder.disabled = Boolean(room && room.loadingOlder);
    this.loadOlder.textContent = room && room.loadingOlder ? 'Loading older messages…' : 'Load older messages';
    this.historyStart.hidden = !done;
    this.historyStart.textContent = room
      ? `This is the beginning of #${room.name}.`
      : conv ? `This is the beginning of your conversation with ${conv.name}.` : '';
  }

  /** Runs `change` on `conv`'s list, keeping the reader's place: 'older' adds above, else below. */
  mutate(conv, change, how = 'newer') {
    if (conv !== this.shown) {
      change();
      return;
    }
    const box = this.messages;
    const stick = this.atBottom();
    const fromBottom = box.scrollHeight - box.scrollTop;
    change();
    if (how === 'older') {
      box.scrollTop = box.scrollHeight - fromBottom;
    } else if (stick) {
      this.scrollToBottom();
    } else if (how === 'live') {
      this.jumpLatest.hidden = false;
    }
  }

  /** Runs `change`, which resizes the conversation's pane, still showing the latest when it did. */
  keepingTheLatest(change) {
    const stick = this.atBottom();
    const result = change();
    if (stick) {
      this.scrollToBottom();
    }
    return result;
  }

  atBottom() {
    const box = this.messages;
    return box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
  }

  /** Whether the open conversation is short enough that more history is wanted to fill it. */
  wantsMore() {
    return this.messages.scrollHeight <= this.messages.clientHeight + 150;
  }

  scrollToBottom() {
    this.messages.scrollTop = this.messages.scrollHeight;
    this.jumpLatest.hidden = true;
  }

  // --- panels (on a narrow screen, the sidebar and the members slide over the conversation)

  togglePanel(panel, open) {
    const narrow = window.matchMedia('(max-width: 699px)').matches;
    if (panel === this.sidebar) {
      this.sidebar.classList.toggle('open', open);
      this.openSidebar.setAttribute('aria-expanded', String(open));
    } else {
      this.chat.classList.toggle(narrow ? 'members-open' : 'members-closed', narrow ? open : !open);
      if (narrow && !open) {
        this.chat.classList.remove('members-open');
      }
      this.toggleMembers.setAttribute('aria-expanded', String(this.membersOpen()));
    }
    this.scrim.hidden = !(narrow && (this.sidebar.classList.contains('open') || this.chat.classList.contains('members-open')));
    if (open) {
      const first = panel.querySelector('button, input, [tabindex="0"]');
      if (first && narrow) {
        first.focus();
      }
    }
  }

  membersOpen() {
    const narrow = window.matchMedia('(max-width: 699px)').matches;
    return narrow ? this.chat.classList.contains('members-open') : !this.chat.classList.contains('members-closed');
  }

  /** Closes what slides over the conversation; whether anything was open. */
  closePanels() {
    const narrow = window.matchMedia('(max-width: 699px)').matches;
    const open = narrow && (this.sidebar.classList.contains('open') || this.chat.classList.contains('members-open'));
    this.sidebar.classList.remove('open');
    this.chat.classList.remove('members-open');
    this.openSidebar.setAttribute('aria-expanded', 'false');
    this.toggleMembers.setAttribute('aria-expanded', String(this.membersOpen()));
    this.scrim.hidden = true;
    return open;
  }

  // --- dialogs

  showRoomDirectory(rooms, chat) {
    this.roomDirectoryEmpty.hidden = rooms.length > 0;
    this.roomDirectory.replaceChildren(
      ...rooms.map((entry) => {
        const item = el('li', 'directory-item');
        item.dataset.room = entry.room;
        item.dataset.testid = 'directory-room';
        const text = el('div', 'directory-text');
        const name = el('span', 'directory-name', `#${entry.room}`);
        const count = el('span', 'muted', ` · ${entry.members} member${entry.members === 1 ? '' : 's'}`);
        count.dataset.testid = 'directory-members';
        const head = el('div');
        head.append(name, count);
        text.append(head);
        if (entry.topic) {
          const topic = el('div', 'directory-topic');
          topic.append(linkify(entry.topic));
          text.append(topic);
        }
        const joined = chat.rooms.has(canonical(entry.room));
        const button = el('button', joined ? 'ghost' : 'primary', joined ? 'Open' : 'Join');
        button.type = 'button';
        button.dataset.action = 'join';
        button.dataset.room = entry.room;
        button.setAttribute('aria-label', `${joined ? 'Open' : 'Join'} #${entry.room}`);
        item.append(text, button);
        return item;
      }),
    );
  }

  showPeople(users, since, chat) {
    const online = users.filter((u) => u.online).length;
    this.peopleSummary.textContent = `${online} online${since ? `, ${users.length - online} seen lately` : ''}.`;
    this.people.replaceChildren(
      ...users.map((user) => {
        const item = el('li', 'directory-item');
        item.dataset.nick = user.nick;
        item.dataset.testid = 'person';
        const text = el('div', 'directory-text person');
        const dot = el('span', user.online ? 'presence online' : 'presence');
        dot.setAttribute('aria-hidden', 'true');
        const name = el('span', `directory-name ${nickClass(user.nick)}`, user.nick);
        const seen = el('span', 'muted seen');
        seen.dataset.testid = 'seen';
        if (user.online) {
          seen.textContent = ' online';
        } else if (user.last_seen) {
          seen.append(` last seen ${agoText(user.last_seen)}, `, timeElement(user.last_seen));
        } else {
          seen.textContent = ' seen a while ago';
        }
        text.append(avatar(user.nick), dot, name, seen);
        item.append(text, ...personActions(user.nick, chat));
        return item;
      }),
    );
  }
}

function listItem(label, conv, current) {
  const item = el('li');
  const button = el('button', 'conv');
  button.type = 'button';
  if (current) {
    button.setAttribute('aria-current', 'true');
  }
  button.append(el('span', 'conv-name', label));
  const badge = el('span', 'badge', conv.unread ? String(conv.unread) : '');
  badge.dataset.testid = 'unread';
  badge.hidden = !conv.unread;
  button.append(badge);
  button.setAttribute('aria-label', `${label}${conv.unread ? `, ${conv.unread} unread` : ''}`);
  item.append(button);
  return item;
}

function memberItem(nick, chat) {
  const item = el('li', 'member');
  item.dataset.nick = nick;
  item.dataset.testid = 'member';
  const own = canonical(nick) === canonical(chat.me || '');
  const name = el('span', `member-nick ${nickClass(nick)}`, nick);
  item.append(avatar(nick), name);
  if (own) {
    item.append(el('span', 'muted you', '(you)'));
  } else {
    const actions = el('span', 'member-actions');
    actions.append(...personActions(nick, chat, true));
    item.append(actions);
  }
  if (chat.blocked.has(canonical(nick))) {
    item.classList.add('blocked');
  }
  return item;
}

function personActions(nick, chat, compact = false) {
  if (canonical(nick) === canonical(chat.me || '')) {
    return [el('span', 'muted', 'you')];
  }
  const write = el('button', compact ? 'icon-button' : 'ghost', compact ? null : 'Message');
  write.type = 'button';
  write.dataset.action = 'dm';
  write.dataset.nick = nick;
  write.title = `Write to ${nick}`;
  write.setAttribute('aria-label', `Write to ${nick}`);
  const blocked = chat.blocked.has(canonical(nick));
  const block = el('button', compact ? 'icon-button' : 'ghost', compact ? null : blocked ? 'Unblock' : 'Block');
  if (compact) {
    write.append(icon('message'));
    block.append(icon(blocked ? 'unblock' : 'block'));
  }
  block.type = 'button';
  block.dataset.action = blocked ? 'unblock' : 'block';
  block.dataset.nick = nick;
  block.title = `${blocked ? 'Unblock' : 'Block'} ${nick}`;
  block.setAttribute('aria-label', block.title);
  return [write, block];
}

function camel(id) {
  return id.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}
