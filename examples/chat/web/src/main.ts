// The chat page's entry point: index.html loads the bundle built from this file (build.mjs).
import { startChatPage } from './chat-page';
import { findPageElements } from './page-elements';
import { websocketUrl } from './websocket-url';

startChatPage(findPageElements(document), websocketUrl(location));
