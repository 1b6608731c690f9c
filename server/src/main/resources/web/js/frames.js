// What each frame from the server does to the chat (see docs/protocol.md, "Server frames").

import { canonical, departure, errorSentence } from './protocol.js';
import { Room } from './state.js';

/** The most messages one history request asks for when missed messages are fetched. */
export const FILL_BATCH = 500;

/** Handlers by frame type: (chat, frame, ctx), ctx being what the request that caused it said. */
export const FRAMES = {
  joined,
  message,
  history_end,
  member_joined,
  member_left,
  member_away,
  left,
  kicked,
  topic,
  direct,
  notice,
  gap,
  ok,
  room_list,
  users,
  members,
  pong,
  upload_slot,
  bye,
  error,
};

function joined(chat, frame, ctx) {
  const key = canonical(frame.room);
  let room = chat.rooms.get(key);
  const known = Boolean(room);
  if (!room) {
    room = new Room(frame.room);
    chat.rooms.set(key, room);
  }
  room.name = frame.room;
  room.topic = frame.topic || null;
  room.setMembers(frame.members || []);
  const again = room.joinedOnLink;
  room.joinedOnLink = true;
  if (!known) {
    room.fillAfter = 0;
  } else if (!again && ctx.kind !== 'rejoin') {
    // a room the server joined for this page by itself, after a lost connection
    room.fillAfter = room.highestSeq;
  }
  room.replayLeft = again ? 0 : frame.replay || 0;
  if (!known && !frame.replay) {
    room.historyDone = true;
  }
  if (known && !again) {
    chat.notice(room, 'Back online.', 'ok');
  }
  if (!known && chat.motd) {
    chat.notice(room, chat.motd, 'motd');
    chat.motd = null;
  }
  if (ctx.kind === 'join' || ctx.kind === 'create' || !chat.current) {
    chat.show(room);
  }
  if ((ctx.kind === 'join' || ctx.kind === 'create') && chat.view.roomsDialog.open) {
    chat.view.roomsDialog.close();
  }
  if (room.replayLeft === 0) {
    chat.replayDone(room);
  }
  chat.refresh();
}

function message(chat, frame, ctx) {
  const room = chat.rooms.get(canonical(frame.room));
  if (!room) {
    return;
  }
  if (ctx.kind === 'older') {
    ctx.page.push(frame);
    return;
  }
  if (ctx.kind === 'fill' || ctx.kind === 'gap') {
    ctx.highest = Math.max(ctx.highest, frame.seq);
    chat.add(room, frame, 'missed');
    return;
  }
  if (frame.replay && room.replayLeft > 0) {
    room.replayLeft--;
    chat.add(room, frame, 'replay');
    if (room.replayLeft === 0) {
      chat.replayDone(room);
    }
    return;
  }
  chat.add(room, frame, frame.replay ? 'replay' : 'live');
}

function history_end(chat, frame, ctx) {
  const room = chat.rooms.get(ctx.room);
  if (!room) {
    return;
  }
  if (ctx.kind === 'older') {
    room.loadingOlder = false;
    chat.view.mutate(room, () => {
      for (const message of ctx.page) {
        room.addMessage(message, chat.me);
      }
    }, 'older');
    if (frame.count < ctx.limit) {
      room.historyDone = true;
    }
    chat.view.updateHistoryTop(chat.current);
    chat.fillScreen(room);
  } else if ((ctx.kind === 'fill' || ctx.kind === 'gap') && frame.count >= FILL_BATCH) {
    if (ctx.kind === 'fill' || ctx.highest < ctx.to) {
      chat.fetchAfter(room, ctx.highest, ctx);
    }
  }
}

function member_joined(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    room.members.set(canonical(frame.nick), frame.nick);
    chat.notice(room, `${frame.nick} joined`, 'join', frame.ts);
    chat.refresh();
  }
}

function member_left(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    room.members.delete(canonical(frame.nick));
    const how = frame.reason === 'kicked' && frame.by ? `was kicked by ${frame.by}` : departure(frame.reason);
    chat.notice(room, `${frame.nick} ${how}${frame.text ? `: ${frame.text}` : ''}`, 'leave', frame.ts);
    chat.refresh();
  }
}

function member_away(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    chat.notice(room, frame.away ? `${frame.nick} is away: ${frame.away}` : `${frame.nick} is back`, 'away', frame.ts);
  }
}

function left(chat, frame) {
  outOf(chat, frame.room, `You left #${frame.room}.`);
}

function kicked(chat, frame) {
  outOf(chat, frame.room, `${frame.by} kicked you out of #${frame.room}${frame.text ? `: ${frame.text}` : '.'}`);
}

/** The user is no longer in the room: another conversation shows, which says so. */
function outOf(chat, name, sentence) {
  const key = canonical(name);
  const room = chat.rooms.get(key);
  chat.rooms.delete(key);
  if (room && chat.current === room) {
    chat.show(chat.rooms.values().next().value || chat.dms.values().next().value || null);
  }
  if (chat.current) {
    chat.notice(chat.current, sentence, 'leave');
  }
  chat.refresh();
}

function topic(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    room.topic = frame.topic || null;
    const by = frame.by || 'Someone';
    chat.notice(room, frame.topic ? `${by} set the topic: ${frame.topic}` : `${by} cleared the topic`, 'topic', frame.ts);
    chat.refresh();
  }
}

function direct(chat, frame, ctx) {
  const outgoing = canonical(frame.from) === canonical(chat.me);
  const dm = chat.dm(outgoing ? frame.to : frame.from);
  chat.view.mutate(dm, () => dm.addDirect(frame, chat.me), outgoing ? 'newer' : 'live');
  if (!outgoing && chat.unseen(dm)) {
    dm.unread++;
  }
  if (ctx.kind === 'dm' && !chat.current) {
    chat.show(dm);
  }
  chat.refresh();
}

function notice(chat, frame) {
  const target = chat.current || chat.rooms.values().next().value;
  if (target) {
    chat.notice(target, `Server notice: ${frame.text}`, 'server', frame.ts);
  }
}

function gap(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    const count = frame.to_seq - frame.from_seq + 1;
    chat.notice(room, `${count} message${count === 1 ? ' was' : 's were'} held back because this page read too slowly; fetching ${count === 1 ? 'it' : 'them'}.`, 'warn');
    chat.fetchAfter(room, frame.from_seq - 1, { kind: 'gap', to: frame.to_seq });
  }
}

function ok(chat, frame, ctx) {
  if (ctx.kind === 'register') {
    chat.account = true;
    chat.conn.registered(ctx.password);
    chat.view.setMe(chat.me, true);
    chat.view.registerDialog.close();
    chat.notice(chat.current, `${chat.me} is now an account: log in with this password from now on.`, 'ok');
  } else if (ctx.kind === 'block') {
    chat.blocked.add(canonical(ctx.nick));
    chat.hideMessagesOf(ctx.nick, true);
    chat.notice(chat.current, `You block ${ctx.nick}: you will not see their messages or direct messages.`, 'ok');
  } else if (ctx.kind === 'away') {
    chat.notice(chat.current, ctx.text ? `You are away: ${ctx.text}. /away alone: back.` : 'You are back.', 'ok');
  } else if (ctx.kind === 'unblock') {
    chat.blocked.delete(canonical(ctx.nick));
    chat.hideMessagesOf(ctx.nick, false);
    chat.notice(chat.current, `You unblocked ${ctx.nick}: you see their messages and take their direct messages again.`, 'ok');
  }
  if (chat.view.peopleDialog.open && chat.lastUsers) {
    chat.view.showPeople(chat.lastUsers, chat.peopleSince, chat);
  }
  chat.refresh();
}

function room_list(chat, frame, ctx) {
  const listed = (ctx.listed || []).concat(frame.rooms || []);
  if (frame.next) {
    chat.listRooms(frame.next, listed);
    return;
  }
  chat.view.showRoomDirectory(listed, chat);
  if (!chat.view.roomsDialog.open) {
    chat.view.roomsDialog.showModal();
  }
}

function users(chat, frame) {
  chat.lastUsers = frame.users || [];
  chat.view.showPeople(chat.lastUsers, chat.peopleSince, chat);
  if (!chat.view.peopleDialog.open) {
    chat.view.peopleDialog.showModal();
  }
}

function members(chat, frame) {
  const room = chat.rooms.get(canonical(frame.room));
  if (room) {
    room.setMembers(frame.members || []);
    chat.refresh();
  }
}

function pong(chat, frame, ctx) {
  if (ctx.kind === 'settle') {
    chat.onSettled(ctx.again);
  }
}

function upload_slot(chat, frame, ctx) {
  if (ctx.kind === 'upload') {
    ctx.upload.granted(frame);
  }
}

function bye(chat, frame) {
  // a bye this page reconnects after; the others end the session (see app.js)
  const target = chat.current;
  if (target) {
    chat.notice(target, frame.reason === 'shutdown' ? 'The server is restarting or shutting down.' : `The server closed the connection (${frame.reason}).`, 'warn');
  }
}

function error(chat, frame, ctx) {
  const sentence = errorSentence(frame, ctx);
  const room = ctx.room ? chat.rooms.get(ctx.room) : null;
  switch (ctx.kind) {
    case 'upload':
      // the upload's row in the tray says it
      ctx.upload.refused(sentence);
      return;
    case 'rejoin':
      if (room) {
        chat.notice(room, `#${room.name} could not be joined again: ${sentence}`, 'error', undefined, frame.code);
        room.joinedOnLink = false;
      }
      return;
    case 'older':
      if (room) {
        room.loadingOlder = false;
        room.historyDone = true;
        chat.view.updateHistoryTop(chat.current);
      }
      break;
    case 'create':
      chat.view.createError.textContent = sentence;
      break;
    case 'register':
      chat.view.registerError.textContent = sentence;
      break;
    case 'block':
      if (frame.code === 'already_blocked') {
        chat.blocked.add(canonical(ctx.nick));
      }
      break;
    case 'unblock':
      if (frame.code === 'not_blocked') {
        chat.blocked.delete(canonical(ctx.nick));
      }
      break;
    default:
  }
  const target = (ctx.peer && chat.dms.get(ctx.peer)) || room || chat.current;
  if (target) {
    chat.notice(target, sentence, 'error', undefined, frame.code);
  }
  chat.refresh();
}
