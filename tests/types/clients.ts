// The clients' types accept what the vendor documents write (issue 13) and
// refuse what they never write (each @ts-expect-error must be an error).
import { XiaoAClient, ScccClient, BaiBaiHuClient, type ScccCdrQuery } from 'waihu';

async function clients(): Promise<void> {
  const xa = new XiaoAClient({ baseUrl: 'http://127.0.0.1:8088', username: 'demo', password: 'demo123', maxResponseBytes: 1 << 20 });
  await xa.listTasks({ pageIndex: '0', pageSize: '5', start_create_at: '2019-01-22', end_create_at: '2019-01-22' });
  await xa.listTasks({ status: 4, pageSize: 20 });
  await xa.crmList({ status: 'A,B,C' });
  await xa.crmList({ status: ['A', 'B'] });
  await xa.setCallback({ open_callback: '0', callback_url: 'http://120.78.227.216:81/api/testPush' });
  await xa.setCallback({ open: true, url: 'https://crm.example/push' });
  await xa.operateTask({ pkeys: '1423', project_type: '2', oper: 'failRe' });
  await xa.operateTask(1423, 'stop');
  await xa.callDetail({ acccounts_sn: 'account|1', recordpath: '/home/record', recordfile: '/a.mp3', connected_at: '2018-05-08 15:42:34' });
  await xa.importLeads({ project_sn: 'p', source: 's', ai_user_sn: 'a', is_zidong: 'on', client_info_json: { data: [{ 姓名: 'x', 电话: '1' }] }, aes: 'true' });
  // @ts-expect-error status takes 0, 1 or 4
  await xa.listTasks({ status: 2 });
  // @ts-expect-error unknown filters are refused
  await xa.crmList({ pageindex: 1 });

  const sccc = new ScccClient({ baseUrl: 'http://127.0.0.1:8088', customer: 'C2', password: 'p', debug: 'true', lang: 'zh_CH' });
  await sccc.voiceVerify({ callee: '13800000000', playTimes: '', seq: '', verifyCode: '8341', userData: '' });
  await sccc.controlCallTask({ taskID: '9001', action: 'Start' });
  await sccc.createCallTask({ agent: '1000', callers: ['', ''], callees: ['13800000001'] });
  const q: ScccCdrQuery = { userData: '123', seq: '123', agent: ['8000'], serviceType: '', startTime: '', endTime: '', caller: '', callee: '', timeLengthMin: '', timeLengthMax: '' };
  await sccc.cdrList(q);
  await sccc.agentQueryStatus({ agent: '1000', seq: '', userData: '' });
  // @ts-expect-error action is start or stop
  await sccc.controlCallTask({ taskID: 1, action: 'pause' });
  // @ts-expect-error callees are required
  await sccc.createCallTask({ agent: '1000' });

  const bbh = new BaiBaiHuClient({ baseUrl: 'http://127.0.0.1:8088', user: '100008800', password: 'p' });
  await bbh.sendMsg({ kind: '1', client: '2', phone: '13002311111', extension: '100355800', loginType: '2', content: '客户端拨号', lostTime: '100' });
  await bbh.saveCustomer({ custName: '赵六', 'cpPhone[0]': '13900000061', 'cpType[0]': '常用电话', recordCount_voip_customer_phone: '1' });
  await bbh.saveCustomer({ cpPhone: ['13900000071', '023-68888888'], cpType: ['常用电话', '座机'] });
  await bbh.findDialrecord({ statrTime: '2014-02-21 00:00:00', limit: 5 });
  await bbh.addBlacklists({ phones: '13002300000, 13002300001' });
  await bbh.call('delcustomer.html', { custId: '1' });
  // @ts-expect-error an SMS needs its text
  await bbh.smsSend({ phoneNum: '13800000000' });
}
void clients;
