// Parley in the browser: wires the page's controls to the chat and the connection.

import { Chat } from './chat.js';
import { HELP, parseLine } from './commands.js';
import { Connection } from './connection.js';
import { drawIcons } from './icons.js';
import { MIN_PASSWORD_CHARS, NICK_RULE, ROOM_RULE, byeSentence, errorSentence, isValidNick, isValidRoom, textProblem } from './protocol.js';
import { Sharing } from './sharing.js';
import { View } from './view.js';

const NICK_KEY = 'parley.nick';
const COMPOSER_MAX_PX = 200;

drawIcons();
const view = new View();
const chat = new Chat(view);
const sharing = new Sharing(chat, view);
const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
const conn = new Connection(url, {
  onWelcome: (welcome, again) => chat.onWelcome(welcome, again),
  onLoginRefused: (error, { withPassword }) => {
    view.showLogin(errorSentence(error, { withPassword }));
    // an account's nick held by another session (another tab, another device) may be taken over
    view.takeOver.hidden = !(error.code === 'nick_taken' && withPassword);
    if (error.code === 'auth_failed' && !withPassword) {
      view.password.focus();
    }
  },
  onFrame: (frame, ctx) => chat.onFrame(frame, ctx),
  onLost: () => {
    chat.onLost();
    sharing.connectionLost();
  },
  onEnded: (bye) => {
    const sentence = byeSentence(bye || { reason: 'quit' });
    if (view.chatVisible) {
      view.showEnded(sentence);
    } else {
      view.showLogin(sentence);
    }
  },
  onStatus: (status) => view.showStatus(status),
});
chat.conn = conn;
sharing.wire();

// --- logging in

view.nick.value = recall();
view.loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  logIn(false);
});
view.takeOver.addEventListener('click', () => logIn(true));

function logIn(takeOver) {
  const nick = view.nick.value.trim();
  const password = view.password.value;
  if (nick && !isValidNick(nick)) {
    view.loginError.textContent = `That nick is not allowed: a nick has ${NICK_RULE}.`;
    view.nick.focus();
    return;
  }
  if (password && !nick) {
    view.loginError.textContent = 'A password goes with the nick of an account: enter the nick too.';
    view.nick.focus();
    return;
  }
  view.loginError.textContent = '';
  if (nick) {
    remember(nick);
  }
  view.loginBusy(true);
  view.takeOver.hidden = true;
  conn.login(nick, password, takeOver);
}
document.getElementById('ended-again').addEventListener('click', () => location.reload());
view.nick.focus();

// --- the composer

const input = view.composerInput;
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    view.composer.requestSubmit();
  }
});
input.addEventListener('input', fitComposer);
view.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const line = input.value;
  if (!line.trim()) {
    return;
  }
  if (run(parseLine(line))) {
    input.value = '';
    fitComposer();
  }
  input.focus();
});

/** Carries out a composer line; whether it is done with (the composer is then emptied). */
function run(parsed) {
  if (parsed.problem) {
    chat.notice(chat.current, parsed.problem, 'error');
    return false;
  }
  if (parsed.say !== undefined) {
    const problem = textProblem(parsed.say);
    if (problem) {
      chat.notice(chat.current, problem, 'error');
      return false;
    }
    if (!chat.current) {
      chat.notice(chat.current, 'Join a room first.', 'error');
      return false;
    }
    return chat.say(parsed.say);
  }
  switch (parsed.command) {
    case 'join':
      return chat.join(parsed.room);
    case 'create':
      return chat.create(parsed.room, parsed.topic);
    case 'leave':
      return chat.leave(parsed.room);
    case 'topic':
      return chat.setTopic(parsed.topic);
    case 'dm':
      return chat.dmTo(parsed.to, parsed.text);
    case 'block':
      return chat.block(parsed.nick);
    case 'unblock':
      return chat.unblock(parsed.nick);
    case 'away':
      return chat.away(parsed.text);
    case 'users':
      return chat.listUsers(parsed.since);
    case 'rooms':
      return chat.listRooms();
    case 'register':
      openRegister();
      return true;
    case 'quit':
      conn.quit(parsed.text);
      return true;
    case 'help':
      for (const [usage, summary] of HELP) {
        chat.notice(chat.current, `${usage} — ${summary}`, 'help');
      }
      return true;
    default:
      return false;
  }
}

function fitComposer() {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight + 2, COMPOSER_MAX_PX)}px`;
  input.style.overflowY = input.scrollHeight + 2 > COMPOSER_MAX_PX ? 'auto' : 'hidden';
}

// --- conversations, members, people

view.roomList.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-room]');
  if (button) {
    openConversation(chat.rooms.get(button.dataset.room.toLowerCase()));
  }
});
view.dmList.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-peer]');
  if (button) {
    openConversation(chat.dms.get(button.dataset.peer.toLowerCase()));
  }
});

function openConversation(conv) {
  if (conv) {
    chat.show(conv);
    view.closePanels();
    input.focus();
  }
}

for (const list of [view.members, view.people]) {
  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) {
      return;
    }
    const nick = button.dataset.nick;
    if (button.dataset.action === 'dm') {
      view.peopleDialog.close();
      openConversation(chat.dm(nick));
    } else if (button.dataset.action === 'block') {
      chat.block(nick);
    } else if (button.dataset.action === 'unblock') {
      chat.unblock(nick);
    }
  });
}

onClick('browse-rooms', () => {
  view.createError.textContent = '';
  chat.listRooms();
});
document.getElementById('create-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = document.getElementById('create-name').value.trim().replace(/^#/, '');
  const topic = document.getElementById('create-topic').value.trim();
  if (!isValidRoom(name)) {
    view.createError.textContent = `That is not a room name: a room name has ${ROOM_RULE}.`;
    return;
  }
  view.createError.textContent = '';
  if (chat.create(name, topic || null)) {
    document.getElementById('create-name').value = '';
    document.getElementById('create-topic').value = '';
  }
});
view.roomDirectory.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action="join"]');
  if (button) {
    const room = chat.rooms.get(button.dataset.room.toLowerCase());
    if (room && room.joinedOnLink) {
      view.roomsDialog.close();
      openConversation(room);
    } else {
      chat.join(button.dataset.room);
    }
  }
});

onClick('new-dm', () => {
  document.getElementById('dm-error').textContent = '';
  view.dmDialog.showModal();
});
document.getElementById('dm-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const nick = document.getElementById('dm-nick').value.trim().replace(/^@/, '');
  if (!isValidNick(nick)) {
    view.dmError.textContent = `That is not a nick: a nick has ${NICK_RULE}.`;
    return;
  }
  view.dmDialog.close();
  document.getElementById('dm-nick').value = '';
  openConversation(chat.dm(nick));
});

onClick('open-people', () => chat.listUsers(Number(view.peopleSince.value)));
view.peopleSince.addEventListener('change', () => chat.listUsers(Number(view.peopleSince.value)));

onClick('open-register', openRegister);
function openRegister() {
  view.registerError.textContent = '';
  // for password managers: the account this password is for
  document.getElementById('register-username').value = chat.me || '';
  document.getElementById('register-password').value = '';
  document.getElementById('register-again').value = '';
  view.registerDialog.showModal();
}
document.getElementById('register-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const password = document.getElementById('register-password').value;
  const again = document.getElementById('register-again').value;
  if ([...password].length < MIN_PASSWORD_CHARS || !password.trim()) {
    view.registerError.textContent = `A password has at least ${MIN_PASSWORD_CHARS} characters.`;
  } else if (password !== again) {
    view.registerError.textContent = 'The two passwords differ: type the same one twice.';
  } else {
    view.registerError.textContent = '';
    chat.register(password);
  }
});

onClick('quit', () => conn.quit());

// --- the conversation's header

onClick('edit-topic', () => {
  view.topicForm.hidden = false;
  view.topicInput.value = (chat.current && chat.current.topic) || '';
  view.topicInput.focus();
  view.topicInput.select();
});
view.topicForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const topic = view.topicInput.value;
  const problem = textProblem(topic);
  if (problem) {
    chat.notice(chat.current, problem, 'error');
    return;
  }
  if (chat.setTopic(topic)) {
    view.topicForm.hidden = true;
    input.focus();
  }
});
onClick('cancel-topic', closeTopicForm);
function closeTopicForm() {
  view.topicForm.hidden = true;
  input.focus();
}
onClick('leave-room', () => chat.leave());
onClick('toggle-members', () => view.togglePanel(view.membersPanel, !view.membersOpen()));
onClick('close-members', () => view.togglePanel(view.membersPanel, false));
onClick('open-sidebar', () => view.togglePanel(view.sidebar, true));
onClick('close-sidebar', () => view.togglePanel(view.sidebar, false));
view.scrim.addEventListener('click', () => view.closePanels());
view.connBanner.addEventListener('click', (event) => {
  if (event.target.closest('[data-action="reconnect-now"]')) {
    conn.reconnectNow();
  }
});

// --- reading back

view.messages.addEventListener('scroll', () => {
  if (view.messages.scrollTop < 150) {
    chat.loadOlder();
  }
  if (view.atBottom()) {
    view.jumpLatest.hidden = true;
  }
}, { passive: true });
onClick('load-older', () => chat.loadOlder());
onClick('jump-latest', () => {
  view.scrollToBottom();
  input.focus();
});

// --- dialogs and keys

for (const dialog of document.querySelectorAll('dialog')) {
  dialog.addEventListener('click', (event) => {
    if (event.target.closest('[data-close]') || event.target === dialog) {
      dialog.close();
    }
  });
  dialog.addEventListener('close', () => {
    if (!view.chat.hidden) {
      input.focus();
    }
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    if (!view.topicForm.hidden) {
      closeTopicForm();
    } else if (view.closePanels()) {
      input.focus();
    }
  } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && !view.chat.hidden) {
    event.preventDefault();
    const all = [...chat.rooms.values(), ...chat.dms.values()];
    if (all.length) {
      const at = all.indexOf(chat.current);
      const step = event.key === 'ArrowUp' ? -1 : 1;
      openConversation(all[(at + step + all.length) % all.length]);
    }
  }
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) {
    chat.seen();
  }
});
window.matchMedia('(max-width: 699px)').addEventListener('change', () => view.closePanels());

function onClick(id, handler) {
  document.getElementById(id).addEventListener('click', handler);
}

function remember(nick) {
  try {
    localStorage.setItem(NICK_KEY, nick);
  } catch (e) {
    // storage may be off: the nick is then typed again
  }
}

function recall() {
  try {
    return localStorage.getItem(NICK_KEY) || '';
  } catch (e) {
    return '';
  }
}
