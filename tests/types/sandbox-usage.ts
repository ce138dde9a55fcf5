// waihu/sandbox's types, as a Node test uses them.
import { SANDBOX_ACCOUNTS, startSandbox, type Sandbox } from 'waihu/sandbox';

export async function useSandbox(): Promise<string> {
  const sb: Sandbox = await startSandbox({ platform: 'xiaoa', faultRate: 0.1, seed: 7, xiaoa: { records: 10, jsonFlags: ['unescaped-unicode'] } });
  sb.fault({ path: '/api/addJson', kind: 'stall', after: 1 });
  // @ts-expect-error: not a fault kind
  sb.fault({ kind: 'explode' });
  const first = sb.requests[0]?.path ?? '';
  await sb.close();
  return `${SANDBOX_ACCOUNTS.xiaoa.username} ${sb.url} ${first}`;
}
