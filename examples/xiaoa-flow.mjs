// The whole 小A flow against the local sandbox: log in, import leads
// (encrypted), start the task, read the call records and a conversation,
// build a recording URL, receive the push of each finished call.
//   make demo   (runs this after the offline quickstart)
import http from 'node:http';
import { XiaoAClient, parseTalkInfo, parsePush, XIAOA_PUSH_ACK, WaihuError } from '../pkg/index.mjs';
import { startSandbox } from '../js/sandbox/server.mjs';

const sandbox = await startSandbox();
const pushes = [];
const receiver = http.createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  pushes.push(parsePush(body));
  res.end(XIAOA_PUSH_ACK); // or the platform retries (up to 3 times)
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));

try {
  console.log(`sandbox of the 小A platform at ${sandbox.url}\n`);
  const client = new XiaoAClient({
    baseUrl: sandbox.url,
    username: 'demo',
    password: 'demo123',
    onSession: (s) => s && console.log(`  (session saved: ${s.user_sn}, key expires ${new Date(s.api_key_expire * 1000).toISOString()})`),
  });

  const [project] = await client.projects(); // logs in by itself
  const [ai] = await client.aiUsers();
  console.log(`1. project ${project.project_name} (${project.sn}), AI user ${ai.user_name}`);

  await client.setCallback({ open: true, url: `http://127.0.0.1:${receiver.address().port}/push` });

  const rows = Array.from({ length: 50 }, (_, i) => ({ 姓名: `客户${i + 1}`, 电话: String(13800000001 + i), 地址: '深圳' }));
  const imported = await client.importLeads(
    { project_sn: project.sn, source: '演示任务', ai_user_sn: ai.user_sn, rows },
    { onProgress: (p) => console.log(`   progress: request ${p.chunk}/${p.chunks}, ${p.rowsSent}/${p.rowsTotal} rows`) },
  );
  console.log(`2. imported ${imported.success}/${imported.total} leads (AES) into ${imported.dial_task_main_sn}`);

  const [task] = (await client.listTasks({ dial_task_main_sn: imported.dial_task_main_sn })).list;
  console.log(`3. task #${task.dial_task_main_id} is ${task.status}; starting it`);
  await client.operateTask(task.dial_task_main_id, 'keepOn');

  const page = await client.crmList({ dial_task_main_sn: task.dial_task_main_sn, pageSize: 3 });
  console.log(`4. ${page.total} call records; the first ${page.list.length}:`);
  for (const r of page.list) console.log(`   ${r.phone} ${r.endreason} ${r.talktimes}s category ${r.status}`);

  const record = page.list.find((r) => r.talk_info);
  console.log(`5. conversation with ${record.phone}:`);
  for (const t of parseTalkInfo(record.talk_info)) console.log(`   customer: ${t.answer}`);
  const detail = await client.callDetail({ accounts_sn: record.sn, recordpath: record.recordpath, recordfile: record.recordfile, connected_at: record.connected_at });
  console.log(`   robot said first: ${detail.fragment[0].caption}`);
  console.log(`6. recording for <audio src>: ${client.recordingUrl(record)}`);

  for (let i = 0; i < 50 && pushes.length < page.total; i++) await new Promise((r) => setTimeout(r, 20));
  console.log(`7. pushes received by the callback: ${pushes.length} (each answered ${XIAOA_PUSH_ACK})`);

  try {
    await new XiaoAClient({ baseUrl: sandbox.url, username: 'demo', password: 'wrong' }).login();
  } catch (e) {
    if (!(e instanceof WaihuError)) throw e;
    console.log(`8. a wrong password: ${e.code} ${e.apiCode} ${e.apiName}`);
  }
} finally {
  receiver.close();
  await sandbox.close();
}
