// What the composer takes besides text: the console client's slash commands.

import { NICK_RULE, ROOM_RULE, isValidNick, isValidRoom } from './protocol.js';

export const HELP = [
  ['/join room', 'join a room, or switch to it'],
  ['/create room [topic]', 'create a room and join it'],
  ['/leave [room]', 'leave a room (default: this one)'],
  ['/topic text', 'set this room’s topic'],
  ['/msg nick text', 'send nick a direct message'],
  ['/block nick', 'hide nick’s messages and refuse their direct messages'],
  ['/unblock nick', 'see nick’s messages again'],
  ['/away [text]', 'mark yourself away, saying why; without text, back'],
  ['/users [seconds]', 'who is online, and who was seen within seconds'],
  ['/rooms', 'list the rooms'],
  ['/register', 'make your nick an account'],
  ['/quit', 'log out'],
  ['//text', 'send text that starts with a slash'],
];

/**
 * What a composer line asks for: {say: text}, {command, ...}, or {problem: sentence}. Text that
 * does not start with one slash is said as typed.
 */
export function parseLine(line) {
  if (line.startsWith('//')) {
    return { say: line.slice(1) };
  }
  if (!line.startsWith('/')) {
    return { say: line };
  }
  const trimmed = line.trim();
  const space = trimmed.search(/\s/);
  const word = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : trimmed.slice(space).trim();
  const args = rest ? rest.split(/\s+/) : [];
  switch (word) {
    case '/join':
      return args.length === 1 ? room(args[0], (name) => ({ command: 'join', room: name })) : usage('/join room');
    case '/create': {
      if (args.length < 1) {
        return usage('/create room [topic]');
      }
      const topic = rest.slice(args[0].length).trim();
      return room(args[0], (name) => ({ command: 'create', room: name, topic: topic || null }));
    }
    case '/leave':
      if (args.length > 1) {
        return usage('/leave [room]');
      }
      return args.length ? room(args[0], (name) => ({ command: 'leave', room: name })) : { command: 'leave', room: null };
    case '/topic':
      return rest ? { command: 'topic', topic: rest } : usage('/topic text');
    case '/msg':
    case '/dm': {
      if (args.length < 2) {
        return usage('/msg nick text');
      }
      const text = rest.slice(args[0].length).replace(/^\s+/, '');
      return nick(args[0], (to) => ({ command: 'dm', to, text }));
    }
    case '/block':
    case '/unblock':
      return args.length === 1
        ? nick(args[0], (who) => ({ command: word.slice(1), nick: who }))
        : usage(`${word} nick`);
    case '/users': {
      if (args.length === 0) {
        return { command: 'users', since: null };
      }
      const seconds = Number(args[0]);
      return args.length === 1 && Number.isInteger(seconds) && seconds >= 0
        ? { command: 'users', since: seconds }
        : usage('/users [seconds]');
    }
    case '/away':
      return { command: 'away', text: rest || null };
    case '/rooms':
      return { command: 'rooms' };
    case '/register':
      return { command: 'register' };
    case '/quit':
      return { command: 'quit', text: rest || null };
    case '/help':
      return { command: 'help' };
    default:
      return { problem: `There is no command ${word}: /help lists them, and //text sends text that starts with a slash.` };
  }
}

function room(name, then) {
  const bare = name.startsWith('#') ? name.slice(1) : name;
  return isValidRoom(bare) ? then(bare) : { problem: `“${name}” is not a room name: a room name has ${ROOM_RULE}.` };
}

function nick(name, then) {
  const bare = name.startsWith('@') ? name.slice(1) : name;
  return isValidNick(bare) ? then(bare) : { problem: `“${name}” is not a nick: a nick has ${NICK_RULE}.` };
}

function usage(text) {
  return { problem: `Usage: ${text}` };
}
