// waihu/sandbox: the emulator of 小A/95AI, SCCC and 八百呼 behind one local
// HTTP server (Node only). `waihu sandbox` runs it from a shell.

/** A fault to meet the next request(s) whose path starts with `path`. */
export interface SandboxFault {
  /** e.g. `/api/addJson`, `/openapi/`, `/voip/` (default `/`: any). */
  path?: string;
  /**
   * status (HTTP `status`, default 500, HTML body; `retryAfter` adds a Retry-After header),
   * html (200 with an HTML page), truncated, empty, reset (connection dropped mid-body),
   * delay (`ms`, then the normal answer), stall (handled, its answer held back `ms`),
   * api (the platform's error `code`, `msg`), redirect (`status`, `location`), huge (`bytes`).
   */
  kind: 'status' | 'html' | 'truncated' | 'empty' | 'reset' | 'delay' | 'stall' | 'api' | 'redirect' | 'huge';
  /** How many matching requests meet it (default 1). */
  times?: number;
  /** Let this many matching requests through first (default 0). */
  after?: number;
  status?: number;
  retryAfter?: number | string;
  ms?: number;
  code?: number;
  msg?: string;
  location?: string;
  bytes?: number;
}

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Serve one platform only; the others answer 404 (default 'all'). */
  platform?: 'all' | 'xiaoa' | 'sccc' | 'baibaihu';
  /** Milliseconds before every platform answer. */
  latency?: number;
  /** A share (0 to 1) of platform requests meets a transient fault. */
  faultRate?: number;
  /** Makes the faults and generated data repeatable. */
  seed?: number;
  /** The server's clock runs this far from ours (its Date header too; SCCC refuses requests over 5 min off). */
  clockOffsetMs?: number;
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Uint8Array; cert: string | Uint8Array };
  xiaoa?: {
    /** json_encode flags the server hashes with (default: PHP's defaults). */
    jsonFlags?: Array<'unescaped-slashes' | 'unescaped-unicode' | 'unescaped-line-terminators'>;
    /** Call records of today created at start. */
    records?: number;
    accounts?: Array<{ username: string; password: string; api?: boolean; ai_count?: number }>;
    keyLifetimeSeconds?: number;
    [option: string]: unknown;
  };
  sccc?: Record<string, unknown>;
  baibaihu?: Record<string, unknown>;
}

/** A request as it arrived (bodies up to 256 KB). */
export interface SandboxRequest {
  method: string;
  path: string;
  at: number;
  query?: string;
  contentType?: string;
  body?: string;
  range?: string;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the baseUrl of every client. */
  readonly url: string;
  readonly port: number;
  /** What arrived, oldest first. */
  readonly requests: SandboxRequest[];
  /** The platforms' emulators and their state, for assertions. */
  readonly xiaoa: { state: Record<string, unknown>; expireKeys(): void; seedRecords(n: number): void; [k: string]: unknown };
  readonly sccc: Record<string, unknown>;
  readonly baibaihu: Record<string, unknown>;
  fault(fault: SandboxFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** The accounts every sandbox has. */
export const SANDBOX_ACCOUNTS: {
  xiaoa: { username: string; password: string };
  sccc: { customer: string; password: string; agents: string[] };
  baibaihu: { user: string; password: string; staff: { user: string; password: string; note: string } };
};

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
