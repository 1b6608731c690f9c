// What the wire protocol (docs/protocol.md) says, in the words the page shows people.

const NICK = /^[A-Za-z_\[\]{}\\^|][A-Za-z0-9_\-\[\]{}\\^|]{0,15}$/;
const ROOM = /^[A-Za-z0-9_.-]{1,32}$/;

export const NICK_RULE = '1 to 16 letters, digits or _ - [ ] { } \\ ^ |, not starting with a digit or -';
export const ROOM_RULE = '1 to 32 letters, digits, _ - or .';
export const MIN_PASSWORD_CHARS = 8;

/** Nicks and room names compare case-insensitively. */
export function canonical(name) {
  return String(name).toLowerCase();
}

export function isValidNick(nick) {
  return NICK.test(nick);
}

export function isValidRoom(room) {
  return ROOM.test(room);
}

/** Why a text would be refused as text_invalid, or null when it may go. */
export function textProblem(text) {
  if (!text || !/[^\s\u00a0\u2007\u202f\u2028\u2029]/u.test(text)) {
    return 'There is nothing to send.';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) {
    return 'That text holds control characters, which cannot be sent.';
  }
  return null;
}

// every code of ErrorCode.java and docs/protocol.md, as a sentence; `message` is the server's
const ERRORS = {
  frame_too_large: () => 'That was too large for the server to read, so it was not sent.',
  bad_frame: () => 'The server could not read what this page sent. Reloading the page may help.',
  unknown_type: () => 'The server does not know that request: it may run another version.',
  bad_request: (e) => `The server refused the request as incomplete or malformed${detail(e)}`,
  not_logged_in: () => 'You are not logged in yet.',
  nick_invalid: () => `That nick is not allowed: a nick has ${NICK_RULE}.`,
  nick_taken: (e, ctx) =>
    ctx.withPassword
      ? 'This account is logged in somewhere else right now (another tab or device).'
      : 'Someone online is using that nick right now. Pick another one.',
  nick_reserved: () => 'That nick is reserved for the server. Pick another one.',
  auth_failed: (e, ctx) => authFailed(e, ctx),
  locked_out: (e) =>
    'Too many failed logins for this nick or from this address: ' +
    (e.retry_after_s ? `try again in ${seconds(e.retry_after_s)}.` : 'try again later.'),
  already_logged_in: () => 'You are logged in already.',
  already_registered: () => 'Your nick is an account already.',
  registration_closed: (e) => `Accounts cannot be registered right now${detail(e)}`,
  room_invalid: () => `That is not a room name: a room name has ${ROOM_RULE}.`,
  room_exists: () => 'A room of that name exists already: join it instead.',
  room_limit: (e) => `No more rooms can be created right now${detail(e)}`,
  no_such_room: () => 'There is no room of that name.',
  not_in_room: () => 'You are not in that room (any more). Join it again to write there.',
  text_invalid: () =>
    'That text cannot be sent: it is empty, longer than the server takes, or holds control characters.',
  no_such_user: () => 'Nobody of that nick is online, and no account has it.',
  blocked: () => 'That person does not take your direct messages.',
  self: () => 'That is you: you cannot do that to yourself.',
  mailbox_full: () => 'Their mailbox is full: they must log in and read it before more mail can wait for them.',
  not_blocked: () => 'You do not block that person.',
  already_blocked: () => 'You block that person already.',
  server_busy: (e) =>
    'The server is checking many passwords right now: ' +
    (e.retry_after_s ? `try again in ${seconds(e.retry_after_s)}.` : 'try again in a moment.'),
  file_too_large: (e) => `That file is too large to share here${detail(e)}`,
  quota_exceeded: (e) => `That file would pass what your files may take on this server${detail(e)} Shared files free their room once they expire.`,
  storage_full: (e) => `The server has no room for more files now${detail(e)}`,
  account_required: () => 'Only registered users may share files on this server: register your nick (Register nick, below the rooms) and log in with it.',
  files_unavailable: (e) => `This server does not share files${detail(e)}`,
  tls_required: (e) => `Your password was not sent: from where you are, it only travels encrypted${detail(e)}`,
};

/** An error frame as a sentence; a code this page does not know shows the server's message. */
export function errorSentence(error, ctx = {}) {
  const sentence = ERRORS[error.code];
  if (sentence) {
    return sentence(error, ctx);
  }
  return error.message ? capitalize(error.message) + '.' : `The server refused that (${error.code}).`;
}

export const ERROR_CODES = Object.keys(ERRORS);

function authFailed(error, ctx) {
  if (error.message && /registered users only/.test(error.message)) {
    return 'This server admits registered users only: log in with an account’s nick and password.';
  }
  if (!ctx.withPassword) {
    return 'That nick is a registered account: enter its password.';
  }
  return 'Wrong password, or that nick has no account (a guest nick takes no password).';
}

const BYE = {
  quit: 'You logged out.',
  server_full: 'The server is full right now.',
  shutdown: 'The server is shutting down.',
  hello_timeout: 'The login took too long.',
  idle_timeout: 'The connection was idle for too long.',
  slow_consumer: 'This page fell too far behind reading.',
  flood: 'This page sent too much before logging in.',
  protocol_errors: 'This page sent too many frames the server could not read.',
  kicked: 'An operator disconnected you.',
  replaced: 'You logged in with this nick somewhere else, which took over this session.',
};

// where the server's message says more than the reason: the operator's words
const BYE_WITH_MESSAGE = new Set(['kicked']);

/** A bye's reason as a sentence, with the server's message when it says more. */
export function byeSentence(bye) {
  const known = BYE[bye.reason];
  const message = bye.message ? ` ${capitalize(bye.message)}${/[.!?]$/.test(bye.message) ? '' : '.'}` : '';
  if (known) {
    return BYE_WITH_MESSAGE.has(bye.reason) ? known + message : known;
  }
  return (message.trim() || `The server ended the session (${bye.reason || 'no reason given'}).`);
}

const DEPARTURE = {
  left: 'left',
  quit: 'logged out',
  disconnected: 'lost the connection',
  kicked: 'was disconnected by an operator',
  replaced: 'reconnected elsewhere',
  slow_consumer: 'fell behind and was disconnected',
  idle_timeout: 'was idle too long',
  shutdown: 'left as the server shut down',
};

/** How someone left a room, for "bob left" lines. */
export function departure(reason) {
  return DEPARTURE[reason] || (reason ? `left (${reason})` : 'left');
}

function detail(error) {
  if (!error.message) {
    return '.';
  }
  const text = error.message.replace(/[.\s]+$/, '');
  return `: ${text}.`;
}

function seconds(n) {
  if (n < 90) {
    return `${n} second${n === 1 ? '' : 's'}`;
  }
  return `${Math.ceil(n / 60)} minutes`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
