/**
 * The elements of `index.html` the page script works with.
 *
 * @example
 * ```ts
 * const elements: PageElements = findPageElements(document);
 * elements.status.textContent = 'Connected';
 * ```
 */
export interface PageElements {
  status: HTMLElement;
  /** Disabled while the WebSocket is not open. */
  controls: HTMLFieldSetElement;
  loginForm: HTMLFormElement;
  nickname: HTMLInputElement;
  chat: HTMLElement;
  room: HTMLElement;
  joinForm: HTMLFormElement;
  roomName: HTMLInputElement;
  leave: HTMLButtonElement;
  messages: HTMLOListElement;
  members: HTMLUListElement;
  messageForm: HTMLFormElement;
  message: HTMLInputElement;
}

function byId<T extends HTMLElement>(document: Document, id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html has no <${type.name}> with id "${id}"`);
  return element;
}

/**
 * Finds the page's elements by id; throws, naming the id, when one is missing.
 *
 * @example
 * ```ts
 * const elements = findPageElements(document);
 * ```
 */
export function findPageElements(document: Document): PageElements {
  return {
    status: byId(document, 'status', HTMLElement),
    controls: byId(document, 'controls', HTMLFieldSetElement),
    loginForm: byId(document, 'login-form', HTMLFormElement),
    nickname: byId(document, 'nickname', HTMLInputElement),
    chat: byId(document, 'chat', HTMLElement),
    room: byId(document, 'room', HTMLElement),
    joinForm: byId(document, 'join-form', HTMLFormElement),
    roomName: byId(document, 'room-name', HTMLInputElement),
    leave: byId(document, 'leave', HTMLButtonElement),
    messages: byId(document, 'messages', HTMLOListElement),
    members: byId(document, 'members', HTMLUListElement),
    messageForm: byId(document, 'message-form', HTMLFormElement),
    message: byId(document, 'message', HTMLInputElement),
  };
}
