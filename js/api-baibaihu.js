// The 八百呼 sync functions: push parsing.
import * as core from './core.js';
import { guard } from './runtime.js';

export const parseBaiBaiHuPush = guard(core.parseBaiBaiHuPush);
export const BAIBAIHU_PUSH_ACK = '{"code":0,"message":"OK"}';
