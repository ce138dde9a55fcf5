// 外呼控制台: a CRM console on the waihu package, the way a web CRM uses it —
// an ES module import, an explicit `await init()`, no framework.
import init, { XiaoAClient, WaihuError, parseTalkInfo, checkLeads, version } from '/pkg/web.mjs';
import { csvToLeads } from './csv.js';

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};

const state = {
  client: null,
  projects: [],
  ais: [],
  tasks: { page: 0, size: 10, query: {} },
  records: { page: 0, size: 10, query: {}, list: [] },
  leads: null, // { columns, rows } from CSV
  excel: null, // a File
  expiryTimer: null,
};

// ---- messages ----

function describeError(e) {
  if (e instanceof WaihuError) {
    const tag = [e.code, e.apiCode, e.apiName].filter((x) => x !== undefined).join(' ');
    const where = e.path ? `（参数 ${e.path}）` : '';
    const platform = e.apiMsg ? `\n平台原文：${e.apiMsg}` : '';
    return `出错了 [${tag}] ${e.message}${where}${platform}`;
  }
  return `出错了：${e && e.message ? e.message : e}`;
}

function showError(e) {
  const box = $('#error');
  box.textContent = describeError(e);
  box.hidden = false;
  $('#notice').hidden = true;
}

function notice(text) {
  const box = $('#notice');
  box.textContent = text;
  box.hidden = false;
  $('#error').hidden = true;
}

function clearMessages() {
  $('#error').hidden = true;
  $('#notice').hidden = true;
}

/** Runs an action: clears messages, disables `button` while it runs, shows errors. */
async function act(button, fn) {
  clearMessages();
  if (button) button.disabled = true;
  try {
    return await fn();
  } catch (e) {
    showError(e);
  } finally {
    if (button) button.disabled = false;
  }
}

function need() {
  if (!state.client) throw new Error('请先登录（登录页）');
  return state.client;
}

// ---- navigation ----

const loaders = {
  import: () => loadChoices(),
  tasks: () => loadTasks(),
  records: () => loadRecords(),
  settings: () => loadSettings(),
};

function show(screen) {
  for (const b of document.querySelectorAll('#nav button')) b.classList.toggle('active', b.dataset.screen === screen);
  for (const s of document.querySelectorAll('.screen')) s.classList.toggle('active', s.id === `screen-${screen}`);
  clearMessages();
  if (loaders[screen] && state.client) act(null, loaders[screen]);
}

for (const b of document.querySelectorAll('#nav button')) b.addEventListener('click', () => show(b.dataset.screen));

// ---- 登录 ----

function renderSession() {
  const s = state.client?.session;
  $('#session').hidden = !s;
  $('#logout').disabled = !s;
  $('#who').textContent = s ? `${s.user_name ?? ''} · ${s.team_name ?? ''}` : '未登录';
  clearInterval(state.expiryTimer);
  if (!s) return;
  $('#s-user').textContent = s.user_name ?? '';
  $('#s-team').textContent = s.team_name ?? '';
  $('#s-sn').textContent = s.user_sn;
  $('#s-ai').textContent = s.ai_count ?? '';
  $('#s-expired').textContent = s.expired ?? '';
  const tick = () => {
    const left = Math.max(0, s.api_key_expire * 1000 - Date.now());
    const h = Math.floor(left / 3.6e6);
    const m = Math.floor((left % 3.6e6) / 6e4);
    $('#s-key').textContent = `${new Date(s.api_key_expire * 1000).toLocaleString('zh-CN')}（剩余 ${h} 小时 ${m} 分；到期前自动续期）`;
  };
  tick();
  state.expiryTimer = setInterval(tick, 30_000);
}

$('#login-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  act(ev.submitter, async () => {
    const client = new XiaoAClient({
      baseUrl: f.get('baseUrl').trim(),
      username: f.get('username').trim(),
      password: f.get('password'),
      onSession: () => renderSession(),
    });
    await client.login();
    state.client = client;
    state.projects = [];
    localStorage.setItem('waihu.baseUrl', client.baseUrl);
    localStorage.setItem('waihu.username', client.username);
    ev.target.password.value = '';
    renderSession();
    notice(`登录成功：${client.session.user_name}`);
  });
});

$('#logout').addEventListener('click', () => {
  state.client?.logout();
  state.client = null;
  renderSession();
  notice('已退出登录，会话已清除');
});

// ---- 导入线索 ----

async function loadChoices() {
  const c = need();
  if (!state.projects.length) [state.projects, state.ais] = await Promise.all([c.projects(), c.aiUsers()]);
  const fill = (select, items, value, label) => {
    const keep = select.value;
    select.replaceChildren(...items.map((x) => el('option', { value: x[value], textContent: label(x) })));
    if (items.some((x) => x[value] === keep)) select.value = keep;
  };
  fill($('[name=project_sn]'), state.projects, 'sn', (p) => p.project_caption || p.project_name);
  fill($('[name=ai_user_sn]'), state.ais, 'user_sn', (a) => a.user_name);
  updateTemplateLink();
}

function updateTemplateLink() {
  const link = $('#template-link');
  const sn = $('[name=project_sn]').value;
  link.hidden = !(state.client && sn);
  if (!link.hidden) link.href = state.client.templateUrl(sn);
}

$('[name=project_sn]').addEventListener('change', updateTemplateLink);

function renderPreview() {
  const box = $('#preview');
  box.replaceChildren();
  if (state.excel) {
    box.append(el('p', {}, `Excel 文件：${state.excel.name}（${Math.ceil(state.excel.size / 1024)} KB），将按项目模板导入。`));
    return;
  }
  const leads = state.leads;
  if (!leads || !leads.rows.length) return;
  const { problems } = checkLeads(leads.rows, { maxProblems: 1000 });
  const byRow = new Map(problems.map((p) => [p.row, p]));
  const shown = leads.rows.slice(0, 10);
  const table = el(
    'table',
    { className: 'list' },
    el('thead', {}, el('tr', {}, el('th', {}, '#'), ...leads.columns.map((c) => el('th', {}, c)), el('th', {}, '检查'))),
    el(
      'tbody',
      {},
      ...shown.map((r, i) => {
        const p = byRow.get(i);
        return el(
          'tr',
          { className: p ? 'bad' : '' },
          el('td', {}, String(i + 1)),
          ...leads.columns.map((c) => el('td', {}, r[c])),
          el('td', { className: p ? 'problem' : '' }, p ? p.message.replace(/^rows\[\d+\]: /, '') : '✓'),
        );
      }),
    ),
  );
  const summary = `共 ${leads.rows.length} 行${
    problems.length
      ? `，${problems.length} 行有问题（第 ${problems
          .slice(0, 5)
          .map((p) => p.row + 1)
          .join('、')} 行…）`
      : '，检查通过'
  }；预览前 ${shown.length} 行`;
  box.append(el('p', { dataset: { testid: 'preview-summary' } }, summary), table);
}

$('[name=csv]').addEventListener('input', (ev) => {
  state.excel = null;
  state.leads = ev.target.value.trim() ? csvToLeads(ev.target.value) : null;
  act(null, renderPreview);
});

$('[name=file]').addEventListener('change', async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  if (/\.xlsx?$/i.test(file.name)) {
    state.excel = file;
    state.leads = null;
    $('[name=csv]').value = '';
  } else {
    state.excel = null;
    const text = await file.text();
    $('[name=csv]').value = text;
    state.leads = csvToLeads(text);
  }
  act(null, renderPreview);
});

function renderImport(r) {
  const box = $('#import-result');
  box.hidden = false;
  box.replaceChildren(
    el('h3', {}, `导入完成：共 ${r.total} 条，成功 ${r.success}，失败 ${r.fail}，重复 ${r.out_repeat}`),
    el('p', { className: 'mono' }, `任务：${r.dial_task_main_sn ?? ''}`),
    el(
      'table',
      { className: 'list' },
      el('thead', {}, el('tr', {}, ...['批次', '行', '总数', '成功', '失败', '重复'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...r.chunks.map((c) => el('tr', {}, ...[c.index + 1, `${c.from + 1}–${c.to}`, c.total, c.success, c.fail, c.out_repeat].map((v) => el('td', {}, String(v)))))),
    ),
  );
}

$('#import-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  act(ev.submitter, async () => {
    const c = need();
    const task = {
      project_sn: f.get('project_sn'),
      ai_user_sn: f.get('ai_user_sn'),
      source: f.get('source').trim(),
      mark: f.get('mark').trim() || undefined,
      autoStart: f.get('autoStart') === 'on',
    };
    const progress = $('#progress');
    $('#import-result').hidden = true;
    if (state.excel) {
      renderImport(await c.importExcel({ ...task, upload: state.excel }));
    } else {
      if (!state.leads) throw new Error('请粘贴或上传 CSV 线索');
      progress.hidden = false;
      progress.value = 0;
      const r = await c.importLeads({ ...task, rows: state.leads.rows, encrypt: f.get('encrypt') === 'on' }, { onProgress: (p) => (progress.value = p.rowsSent / p.rowsTotal) });
      progress.value = 1;
      renderImport(r);
    }
    notice('导入成功，可在「任务」中查看');
  });
});

// ---- 任务 ----

const OPS = [
  ['stop', '暂停'],
  ['keepOn', '继续'],
  ['failRe', '失败重呼'],
  ['delete', '删除'],
];

function formQuery(form) {
  const q = {};
  for (const [k, v] of new FormData(form)) {
    if (v === '' || k === 'pageSize') continue;
    if (k === 'status' && form.id === 'records-form') {
      q.status ??= [];
      q.status.push(v);
    } else q[k] = /^(status|talktimes_min|talktimes_max)$/.test(k) ? Number(v) : v;
  }
  return q;
}

async function loadTasks() {
  const c = need();
  const t = state.tasks;
  const page = await c.listTasks({ ...t.query, pageIndex: t.page, pageSize: t.size });
  $('#tasks-body').replaceChildren(
    ...page.list.map((task) =>
      el(
        'tr',
        { dataset: { testid: 'task-row', sn: task.dial_task_main_sn } },
        ...[task.dial_task_main_id, task.source, task.project_caption, task.status, task.total_count, task.send_count, task.success, task.fail, task.created_at].map((v) =>
          el('td', {}, String(v ?? '')),
        ),
        el(
          'td',
          {},
          ...OPS.map(([oper, label]) =>
            el('button', {
              className: `small${oper === 'delete' ? ' danger' : ''}`,
              textContent: label,
              dataset: { testid: `task-${oper}` },
              onclick: (ev) => {
                if (oper === 'delete' && !confirm(`确定删除任务「${task.source}」（#${task.dial_task_main_id}）？删除后无法恢复。`)) return;
                act(ev.currentTarget, async () => {
                  await c.operateTask(task.dial_task_main_id, oper);
                  notice(`任务 #${task.dial_task_main_id}：${label}成功`);
                  await loadTasks();
                });
              },
            }),
          ),
        ),
      ),
    ),
  );
  pager($('#tasks-pager'), t, page.total, loadTasks);
}

function pager(box, s, total, reload) {
  const pages = Math.max(1, Math.ceil(total / s.size));
  box.replaceChildren(
    el('button', {
      className: 'small',
      textContent: '上一页',
      disabled: s.page === 0,
      onclick: () => {
        s.page -= 1;
        return act(null, reload);
      },
    }),
    el('span', {}, `第 ${s.page + 1} / ${pages} 页，共 ${total} 条`),
    el('button', {
      className: 'small',
      textContent: '下一页',
      disabled: s.page + 1 >= pages,
      onclick: () => {
        s.page += 1;
        return act(null, reload);
      },
    }),
  );
}

$('#tasks-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.tasks.query = formQuery(ev.target);
  state.tasks.size = Number(new FormData(ev.target).get('pageSize'));
  state.tasks.page = 0;
  act(ev.submitter, loadTasks);
});

// ---- 通话记录 ----

async function loadRecords() {
  const c = need();
  const s = state.records;
  const page = await c.crmList({ ...s.query, pageIndex: s.page, pageSize: s.size });
  s.list = page.list;
  $('#records-body').replaceChildren(
    ...page.list.map((r) =>
      el(
        'tr',
        { dataset: { testid: 'record-row', sn: r.sn } },
        ...[r.phone, r.name, r.connected_at ?? '未接通', `${r.talktimes}s`, r.endreason, r.status].map((v) => el('td', {}, String(v ?? ''))),
        el(
          'td',
          {},
          el('button', { className: 'small', textContent: '播放 / 对话', disabled: !r.connected_at, dataset: { testid: 'record-open' }, onclick: (ev) => act(ev.currentTarget, () => openRecord(r)) }),
        ),
      ),
    ),
  );
  pager($('#records-pager'), s, page.total, loadRecords);
}

const fragmentPlayer = new Audio();

async function openRecord(r) {
  const c = need();
  for (const tr of document.querySelectorAll('#records-body tr')) tr.classList.toggle('selected', tr.dataset.sn === r.sn);
  $('#detail').hidden = false;
  $('#detail-title').textContent = `${r.phone} ${r.name ?? ''} · ${r.connected_at} · ${r.talktimes} 秒`;
  $('#player').src = c.recordingUrl(r);
  const detail = await c.callDetail({ accounts_sn: r.sn, recordpath: r.recordpath, recordfile: r.recordfile, connected_at: r.connected_at });
  const turns = parseTalkInfo(detail.fragment?.length ? detail.fragment : r.talk_info);
  $('#transcript').replaceChildren(
    ...turns.map((t) =>
      el(
        'li',
        { dataset: { testid: 'turn' } },
        el('div', { className: 'robot' }, `机器人：${t.caption ?? t.title ?? t.vocfile}`),
        el(
          'div',
          { className: 'answer' },
          `客户：${t.answer === 'noinput' ? '（未说话）' : t.answer === 'nomatch' ? '（未识别）' : t.answer} `,
          t.fenduanluyin
            ? el('button', {
                className: 'small',
                textContent: '▶ 回答录音',
                dataset: { testid: 'play-fragment' },
                onclick: () =>
                  act(null, async () => {
                    fragmentPlayer.src = c.fragmentUrl({ recordfile: t.fenduanluyin });
                    await fragmentPlayer.play();
                  }),
              })
            : '',
        ),
      ),
    ),
  );
}

$('#records-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.records.query = formQuery(ev.target);
  state.records.page = 0;
  act(ev.submitter, loadRecords);
});

// ---- 设置 ----

let times = [];

async function loadSettings() {
  const c = need();
  times = await c.callTimes();
  $('#times-body').replaceChildren(
    ...times.map((t, i) =>
      el(
        'tr',
        {},
        el('td', {}, String(t.count_index ?? i + 1)),
        el('td', {}, el('input', { type: 'time', step: 1, value: t.start_at, dataset: { i, k: 'start_at' } })),
        el('td', {}, el('input', { type: 'time', step: 1, value: t.end_at, dataset: { i, k: 'end_at' } })),
        el('td', {}, el('input', { type: 'checkbox', checked: t.disable === 0, dataset: { i, k: 'enabled' } })),
      ),
    ),
  );
}

const hms = (v) => (v.length === 5 ? v + ':00' : v);

$('#times-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  act(ev.submitter, async () => {
    const rows = times.map((t) => ({ ...t }));
    for (const input of ev.target.querySelectorAll('input[data-k]')) {
      const r = rows[Number(input.dataset.i)];
      if (input.dataset.k === 'enabled') r.disable = input.checked ? 0 : 1;
      else r[input.dataset.k] = hms(input.value);
    }
    await need().saveCallTimes(rows);
    notice('外呼时间段已保存');
    await loadSettings();
  });
});

$('#callback-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  act(ev.submitter, async () => {
    await need().setCallback({ open: f.get('open') === 'on', url: f.get('url').trim() });
    notice(f.get('open') === 'on' ? '回调地址已保存，推送已开启' : '回调地址已保存，推送已关闭');
  });
});

// ---- start ----

await init();
$('#version').textContent = version;
const config = await fetch('./config.json')
  .then((r) => (r.ok ? r.json() : {}))
  .catch(() => ({}));
$('[name=baseUrl]').value = config.baseUrl || localStorage.getItem('waihu.baseUrl') || 'http://127.0.0.1:8088';
$('[name=username]').value = config.username || localStorage.getItem('waihu.username') || '';
$('[name=source]').value = `回访 ${new Date().toLocaleDateString('zh-CN')}`;
document.body.dataset.ready = 'true';
