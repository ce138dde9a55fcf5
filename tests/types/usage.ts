// Compiled with `tsc --strict` in make test: the public types accept what the
// README shows and reject misuse (each @ts-expect-error must be an error).
import init, {
  WaihuError,
  downloadUrl,
  downloadUrls,
  encryptClientInfo,
  decryptClientInfo,
  errorCodes,
  phpJsonEncode,
  signRequest,
  urlHash,
  version,
  type WaihuErrorCode,
  type XiaoASessionKey,
} from 'waihu';

async function main(): Promise<void> {
  await init();
  await init('/assets/waihu_bg.wasm');
  await init({ module_or_path: new URL('https://cdn.example/waihu_bg.wasm') });

  const url: string = urlHash({ username: 'xxx', password: 'xxx', from: 2 });
  urlHash(new Map<string, string | number>([['a', 1]]));
  urlHash([
    ['a', 1],
    ['b', 'x'],
  ] as const);
  urlHash({ when: new Date(), maybe: undefined, nothing: null });

  const signed = signRequest('login', { username: 'u', password: 'p', from: 2 });
  const u2: string = signed.url;
  const from: number = signed.from;
  const m: Map<string, unknown> = signRequest(
    'index',
    new Map<string, unknown>([
      ['user_sn', 's'],
      ['api_key', 'k'],
    ]),
  );

  const session: XiaoASessionKey = { user_sn: 'SYSUSER|x', api_key: 'k' };
  const audio: string = downloadUrl('http://h:8088', 'cdrDownload', session, { recordpath: '/home/record', recordfile: '/a.mp3' });
  downloadUrl(new URL('http://h'), 'exportModel', session, { project_sn: 'p', type: 'json' }, { escapeSlashes: false });
  const players: string[] = downloadUrls('http://h:8088', 'cdrDownload', session, [{ recordpath: '/r', recordfile: '/a.mp3' }, new Map([['recordfile', 'b']])]);

  const cipher: string = encryptClientInfo([{ 姓名: '张三', 电话: '13800000000', 地址: '深圳' }], session.user_sn);
  encryptClientInfo({ data: [] }, session.user_sn);
  const plain: string = decryptClientInfo(cipher, session.user_sn);
  const php: string = phpJsonEncode({ a: '/' }, { escapeUnicode: false });

  try {
    urlHash({ a: Number.NaN });
  } catch (e) {
    if (e instanceof WaihuError) {
      const code: WaihuErrorCode = e.code;
      const status: number | undefined = e.httpStatus;
      const apiCode: number | undefined = e.apiCode;
      void code, status, apiCode;
    }
  }
  const codes: readonly WaihuErrorCode[] = errorCodes;
  const v: string = version;

  // @ts-expect-error unknown endpoint names are rejected
  signRequest('cdrList', {});
  // @ts-expect-error only the three GET endpoints build download URLs
  downloadUrl('http://h', 'addJson', session, {});
  // @ts-expect-error options are booleans
  urlHash({}, { escapeSlashes: 'no' });
  // @ts-expect-error the session needs both fields
  downloadUrl('http://h', 'exportModel', { user_sn: 's' }, { project_sn: 'p' });
  // @ts-expect-error download params are strings or numbers
  downloadUrl('http://h', 'exportModel', session, { project_sn: { nested: true } });

  void url, u2, from, m, audio, plain, php, codes, v;
}

void main;
