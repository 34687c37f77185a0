import type { Server } from 'restify';

/** GET / : the Web Chat page (being built). */
export function mountWebPage(_server: Server): void {}
