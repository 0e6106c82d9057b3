// Errors the Node-side hosts (CLI, language server) share.

/** A failure of the run itself (the CLI's exit 2), with the message for the user; never a stack trace. */
export class RunError extends Error {}
