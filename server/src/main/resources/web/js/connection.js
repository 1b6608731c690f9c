// The page's side of a session over the server's WebSocket: hello, keep-alive, request ids, and a
// reconnect with backoff after a lost connection, as the console client does.

const CLIENT_NAME = 'parley-web';
const PING_INTERVAL_MS = 30_000;
const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const HELD_NICK_RETRIES = 5;
const QUIT_TIMEOUT_MS = 3_000;

// a bye for these means trouble of the server or of this connection, not that the user must go
const RECONNECT_AFTER = new Set(['shutdown', 'idle_timeout', 'slow_consumer', 'server_full']);

/** The wait before reconnect attempt `attempt` (0 first): doubling, capped, with jitter. */
export function backoffMs(attempt, random = Math.random()) {
  const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(attempt, 16));
  return Math.round(Math.min(MAX_BACKOFF_MS, base * (0.75 + 0.5 * random)));
}

/**
 * Handlers: onWelcome(welcome, again), onLoginRefused(error, {withPassword, again}), onFrame(frame,
 * ctx), onLost(), onEnded(bye or null), onStatus({state, retryInMs, text}).
 */
export class Connection {
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.ws = null;
    this.link = 0;
    this.state = 'idle';
    this.nick = null;
    this.password = null;
    this.welcomedBefore = false;
    this.awaitingLogin = false;
    this.takeOver = false;
    this.helloId = null;
    this.helloHadPassword = false;
    this.pending = new Map();
    this.nextId = 1;
    this.attempt = 0;
    this.heldNickAttempts = 0;
    this.opened = false;
    this.bye = null;
    this.timers = { reconnect: 0, ping: 0, hello: 0, quit: 0 };
    this.pingUnanswered = false;
    this.heardSincePing = false;
    window.addEventListener('online', () => this.reconnectNow());
  }

  /**
   * Logs in as `nick` (null: a guest nick), with the account's password when given; `takeOver`
   * ends another session that holds the account's nick.
   */
  login(nick, password, takeOver = false) {
    this.nick = nick || null;
    this.password = password || null;
    this.takeOver = takeOver;
    this.awaitingLogin = false;
    if (this.ws && this.ws.readyState === WebSocket.OPEN && this.state === 'greeting') {
      this.sayHello();
    } else {
      this.connect();
    }
  }

  /** After a `register` was answered ok: a reconnect logs in with this password. */
  registered(password) {
    this.password = password;
  }

  get connected() {
    return this.state === 'chatting';
  }

  /** Sends a frame; `ctx` comes back with every frame that answers it. Null when not connected. */
  request(frame, ctx = {}) {
    if (this.state !== 'chatting') {
      return null;
    }
    const id = this.nextId++;
    this.pending.set(id, ctx);
    this.ws.send(JSON.stringify({ ...frame, id }));
    return id;
  }

  quit(text) {
    this.clear('reconnect', 'hello');
    if (this.state === 'chatting') {
      this.state = 'quitting';
      this.ws.send(JSON.stringify(text ? { type: 'quit', id: this.nextId++, text } : { type: 'quit', id: this.nextId++ }));
      this.timers.quit = setTimeout(() => this.end({ reason: 'quit' }), QUIT_TIMEOUT_MS);
    } else {
      this.end({ reason: 'quit' });
    }
  }

  /** When waiting to reconnect: try at once. */
  reconnectNow() {
    if (this.state === 'waiting') {
      this.clear('reconnect');
      this.connect();
    }
  }

  connect() {
    this.clear('reconnect', 'hello', 'ping');
    const link = ++this.link;
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close();
    }
    this.state = 'greeting';
    this.opened = false;
    this.bye = null;
    this.status('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      queueMicrotask(() => this.onClosed(link));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (link === this.link) {
        this.opened = true;
        this.sayHello();
      }
    };
    ws.onmessage = (event) => {
      if (link === this.link) {
        this.onMessage(event.data);
      }
    };
    ws.onclose = () => this.onClosed(link);
  }

  sayHello() {
    this.helloId = this.nextId++;
    const hello = { type: 'hello', id: this.helloId, client: CLIENT_NAME };
    if (this.nick) {
      hello.nick = this.nick;
    }
    this.helloHadPassword = Boolean(this.nick && this.password);
    if (this.helloHadPassword) {
      hello.password = this.password;
      // back after a lost connection: the server may still hold the nick for it
      if (this.welcomedBefore || this.takeOver) {
        hello.take_over = true;
      }
    }
    this.ws.send(JSON.stringify(hello));
  }

  onMessage(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') {
      return;
    }
    this.heardSincePing = true;
    if (frame.re !== undefined && frame.re === this.helloId) {
      if (frame.type === 'welcome') {
        this.onWelcome(frame);
        return;
      }
      if (frame.type === 'error') {
        this.onHelloRefused(frame);
        return;
      }
    }
    const ctx = frame.re === undefined ? undefined : this.pending.get(frame.re);
    if (ctx !== undefined) {
      this.settle(frame, ctx);
      if (ctx.kind === 'keepalive') {
        this.pingUnanswered = false;
        return;
      }
    }
    if (frame.type === 'bye') {
      this.onBye(frame);
      return;
    }
    this.handlers.onFrame(frame, ctx);
  }

  // forgets a request once its last answer came
  settle(frame, ctx) {
    if (frame.type === 'joined') {
      ctx.replayLeft = frame.replay || 0;
      if (ctx.replayLeft === 0) {
        this.pending.delete(frame.re);
      }
    } else if (frame.type === 'message' && frame.replay && ctx.kind !== 'say') {
      if (ctx.replayLeft > 0 && --ctx.replayLeft === 0) {
        this.pending.delete(frame.re);
      }
    } else {
      this.pending.delete(frame.re);
    }
  }

  onWelcome(welcome) {
    const again = this.welcomedBefore;
    this.state = 'chatting';
    this.nick = welcome.nick;
    this.helloId = null;
    // a password that got no welcome is forgotten: a guest nick takes none
    if (!this.helloHadPassword) {
      this.password = null;
    }
    this.welcomedBefore = true;
    this.attempt = 0;
    this.heldNickAttempts = 0;
    this.pingUnanswered = false;
    this.clear('ping');
    this.timers.ping = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.status('connected');
    this.handlers.onWelcome(welcome, again);
  }

  onHelloRefused(error) {
    if (error.code === 'nick_taken' && this.welcomedBefore && this.heldNickAttempts < HELD_NICK_RETRIES) {
      // most likely this page's own lost session, which the server has not seen end yet
      const wait = backoffMs(this.heldNickAttempts++);
      this.status('connecting', { text: `Waiting for the server to let go of ${this.nick}…` });
      this.timers.hello = setTimeout(() => {
        if (this.state === 'greeting' && this.ws && this.ws.readyState === WebSocket.OPEN) {
          this.sayHello();
        }
      }, wait);
      return;
    }
    this.awaitingLogin = true;
    this.status('login');
    this.handlers.onLoginRefused(error, { withPassword: this.helloHadPassword, again: this.welcomedBefore });
  }

  onBye(bye) {
    this.bye = bye;
    if (bye.reason === 'hello_timeout' && this.awaitingLogin) {
      // the person is still at the login form: the next login connects again
      this.ws.close();
      return;
    }
    const reconnect =
      this.state !== 'quitting' &&
      (RECONNECT_AFTER.has(bye.reason) ||
        (bye.reason === 'hello_timeout' && this.welcomedBefore && !this.awaitingLogin));
    if (!reconnect) {
      this.end(bye);
      return;
    }
    this.handlers.onFrame(bye, undefined);
    this.ws.close();
  }

  onClosed(link) {
    if (link !== this.link) {
      return;
    }
    this.clear('ping', 'hello');
    this.pending.clear();
    if (this.state === 'ended') {
      return;
    }
    if (this.state === 'quitting') {
      this.end({ reason: 'quit' });
      return;
    }
    const wasChatting = this.state === 'chatting';
    if (this.awaitingLogin) {
      // the user is typing a nick or password: the next login connects again
      this.state = 'idle';
      this.status('login');
      return;
    }
    const wait = backoffMs(this.attempt++);
    this.state = 'waiting';
    this.timers.reconnect = setTimeout(() => {
      if (this.state === 'waiting') {
        this.connect();
      }
    }, wait);
    this.status('waiting', {
      retryInMs: wait,
      text: this.opened || wasChatting ? 'Connection lost.' : 'Cannot reach the server.',
    });
    if (wasChatting) {
      this.handlers.onLost();
    }
  }

  ping() {
    if (this.state !== 'chatting') {
      return;
    }
    if (this.pingUnanswered && !this.heardSincePing) {
      // nothing came back for a whole interval: count the connection as lost
      this.ws.close();
      this.onClosed(this.link);
      this.link++;
      return;
    }
    this.request({ type: 'ping' }, { kind: 'keepalive' });
    this.pingUnanswered = true;
    this.heardSincePing = false;
  }

  end(bye) {
    if (this.state === 'ended') {
      return;
    }
    this.state = 'ended';
    this.clear('reconnect', 'hello', 'ping', 'quit');
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close();
      this.ws = null;
    }
    this.pending.clear();
    this.status('ended');
    this.handlers.onEnded(bye);
  }

  /** Starts over from the login form, after an ended session. */
  reset() {
    this.state = 'idle';
    this.welcomedBefore = false;
    this.password = null;
    this.attempt = 0;
  }

  status(state, extra = {}) {
    this.handlers.onStatus({ state, ...extra });
  }

  clear(...names) {
    for (const name of names) {
      clearTimeout(this.timers[name]);
      clearInterval(this.timers[name]);
      this.timers[name] = 0;
    }
  }
}
