// The SCCC sync functions: the digest, notification verification and the
// notification handler for Node servers.
import * as core from './core.js';
import { guard } from './runtime.js';
import { createScccNotificationHandler as handler } from './webhook.js';

export const scccDigest = guard(core.scccDigest);
export const verifyScccNotification = guard(core.verifyScccNotification);
export const createScccNotificationHandler = guard(handler);
