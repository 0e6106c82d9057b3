// The LSP lifecycle before `initialize`: the specification asks a server to answer any other request
// with ServerNotInitialized (-32002) and to drop notifications but `exit`. Without this, every
// handler ran against a server with no folders and answered `null` as if the request had been fine.
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy } from 'vscode-languageserver/node';

/** The method an early request is answered through (its id kept, so the client gets its error). */
const NOT_INITIALIZED = 'pactline/notInitialized';

export interface InitializeGate extends MessageStrategy {
  /** Registers the error answer on the connection (before it listens). */
  register(connection: Connection): void;
}

export function initializeGate(): InitializeGate {
  let initialized = false;
  return {
    handleMessage(message, next) {
      if (!initialized) {
        if (Message.isRequest(message)) {
          if (message.method === 'initialize') initialized = true;
          else message = { ...message, method: NOT_INITIALIZED } as Message;
        } else if (Message.isNotification(message) && message.method !== 'exit') {
          return;
        }
      }
      next(message);
    },
    register(connection) {
      connection.onRequest(
        NOT_INITIALIZED,
        () =>
          new ResponseError(
            ErrorCodes.ServerNotInitialized,
            'The server is not initialized yet: send `initialize` first.',
          ),
      );
    },
  };
}
