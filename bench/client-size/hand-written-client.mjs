// The baseline of bench/client-size: the reconnecting wrapper people write by hand around the
// browser's WebSocket (reconnect with a doubling delay, a queue while offline, JSON messages).
// No jitter, no heartbeat, no switch-over, no auth check, no events beyond onmessage.
export function connect(url, onMessage) {
  let socket;
  let delay = 500;
  const queue = [];
  const open = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      delay = 500;
      while (queue.length > 0) socket.send(queue.shift());
    };
    socket.onmessage = (event) => onMessage(JSON.parse(event.data));
    socket.onclose = () => {
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 30_000);
    };
  };
  open();
  return {
    send(action, body) {
      const text = JSON.stringify({ action, ...body });
      if (socket.readyState === 1) socket.send(text);
      else queue.push(text);
    },
  };
}
