import WebSocket from 'ws';

/**
 * A real `ws` client for the chat tests: every text frame it receives is queued in order, and
 * {@link ChatClient.next} takes them one by one, so a test asserts each line a user sees.
 *
 * @example
 * ```ts
 * const john = await ChatClient.login(gateway.url, 'John');
 * john.send('/room');
 * expect(await john.next()).toBe('Not currently in a room. Type /join {room_name} to do so.');
 * ```
 */
export class ChatClient {
  private readonly received: string[] = [];
  private readonly waiters: Array<{ resolve: (message: string) => void; reject: (error: Error) => void }> = [];
  private closed: Error | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const message = isBinary ? `<binary ${String(data)}>` : String(data);
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(message);
      else this.received.push(message);
    });
    socket.on('close', (code) => {
      this.closed = new Error(`The connection closed (code ${code}) while a message was expected`);
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.closed);
    });
  }

  /** Opens a connection (resolves once `$connect` has succeeded and the handshake is done). */
  static async connect(url: string): Promise<ChatClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new ChatClient(socket);
  }

  /** Connects and sends `name` as the first message, checking the greeting. */
  static async login(url: string, name: string): Promise<ChatClient> {
    const client = await ChatClient.connect(url);
    client.send(name);
    const greeting = await client.next();
    if (greeting !== `Using nickname: ${name}\nType /help for list of commands.`) {
      throw new Error(`Unexpected greeting for ${name}: ${JSON.stringify(greeting)}`);
    }
    return client;
  }

  /** Sends one text frame. */
  send(text: string): void {
    this.socket.send(text);
  }

  /** The next message received, in arrival order. */
  next(): Promise<string> {
    const message = this.received.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Sends `text` and returns the next message received. */
  async ask(text: string): Promise<string> {
    this.send(text);
    return this.next();
  }

  /** Messages received but not yet taken with {@link ChatClient.next}. */
  unread(): string[] {
    return [...this.received];
  }

  /** Closes with a close frame and waits until the socket is closed. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close(1000);
    await closed;
  }

  /** Drops the TCP connection without a close frame, like a phone losing its network. */
  async terminate(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.terminate();
    await closed;
  }
}
