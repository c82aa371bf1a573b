/**
 * The main process's wiring (index.ts and the thin Electron files), run in Node against the fake
 * Electron in fake-electron.ts: the same start, IPC, close-to-tray, tray and quit paths a user
 * takes, without a display. What this cannot show is Electron's own behaviour; see README.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames, type ScheduleLogView } from '../../core/api/contract';
import { Store } from '../../core/store/store';
import { flow } from '../../core/testing/golden';
import { callChannel, EVENT_CHANNEL } from '../shared/ipc-protocol';
import { DESKTOP_STATE_FILE } from './desktop-state-file';
import { createFakeElectron, fakeEvent } from './fake-electron';
import { KEYCHAIN_KEY_FILE } from './safe-storage-key';

const dataDir = mkdtempSync(join(tmpdir(), 'sincro-main-'));
const configDir = mkdtempSync(join(tmpdir(), 'sincro-config-'));
const electron = createFakeElectron();
const tick = () => new Promise((r) => setTimeout(r, 50));
const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

beforeAll(async () => {
  vi.stubEnv('SINCRO_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('XDG_CONFIG_HOME', configDir);
  vi.doMock('electron', () => electron.module);
  vi.doMock('../../resources/icon.png?asset&asarUnpack', () => ({ default: '/fake/icon.png' }));
  await import('./index');
  await tick();
});
afterAll(() => {
  vi.doUnmock('electron');
  logged.mockRestore();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

const win = () => {
  const w = electron.windows[0];
  if (!w) throw new Error('no window');
  return w;
};
/** An IPC call as the window's page would make it. */
const invoke = async (method: string, input: unknown, sender: { id: number } = win().webContents, frameUrl = 'app://sincro/index.html') => {
  const handler = electron.ipcHandlers.get(`sincro:call:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler({ sender, senderFrame: { url: frameUrl, parent: null } }, input)) as { result?: unknown; error?: string; code?: string };
};
const tray = () => {
  const t = electron.trays[0];
  if (!t) throw new Error('no tray');
  return t;
};

describe('the main process', () => {
  it('starts on the shared data folder with a keychain-protected key', () => {
    expect(electron.paths.get('userData')).toBe(dataDir);
    expect(electron.app.name).toBe('Sincro');
    expect(electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(existsSync(join(dataDir, KEYCHAIN_KEY_FILE))).toBe(true);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('opens one locked-down window on app://sincro/', () => {
    expect(electron.windows).toHaveLength(1);
    expect(win().loadedUrl).toBe('app://sincro/index.html');
    expect(win().visible).toBe(true);
    expect(win().options['webPreferences']).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false });
    expect(String((win().options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(electron.protocolHandlers.has('app')).toBe(true);
  });

  it('handles every contract method over IPC, for the window only', async () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(methodNames.map(callChannel).sort());
    expect((await invoke('app.info', {})).result).toMatchObject({ host: 'electron', dataDir });
    expect(await invoke('runs.list', { limit: 'many' })).toMatchObject({ code: 'bad-input', error: expect.stringContaining('limit must be a number') });
    expect(await invoke('connections.list', {}, { id: 999 })).toEqual({ error: 'This page may not use Sincro.', code: 'bad-input' });
    expect(await invoke('connections.list', {}, win().webContents, 'https://evil.example.com/')).toMatchObject({ code: 'bad-input' });
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
      "[sincro] Refused connections.list from a sender that is not Sincro's window (app://sincro/index.html)",
      "[sincro] Refused connections.list from a sender that is not Sincro's window (https://evil.example.com/)",
    ]);
  });

  it('keeps the window on the app; the vendors’ sites open in the browser, others only after asking', async () => {
    const contents = win().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://focus.teamleader.eu/oauth2/authorize' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const away = fakeEvent({ url: 'https://evil.example.com/phish?from=sincro' });
    contents.emit('will-navigate', away);
    const home = fakeEvent({ url: 'app://sincro/index.html#/runs' });
    contents.emit('will-navigate', home);
    expect([away.defaultPrevented, home.defaultPrevented]).toEqual([true, false]);
    await tick();
    // Cancel (the fake's default answer): not opened, and nothing logged for a choice the user made.
    expect(electron.opened).toEqual(['https://focus.teamleader.eu/oauth2/authorize']);
    expect(electron.messageBoxes).toEqual([
      { parent: win(), options: expect.objectContaining({ message: 'Open in your browser?', detail: 'https://evil.example.com/phish?from=sincro', buttons: ['Open', 'Cancel'], cancelId: 1 }) },
    ]);
    electron.messageBoxAnswers.push(0);
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example.org/help' })).toEqual({ action: 'deny' });
    await tick();
    expect(electron.opened).toEqual(['https://focus.teamleader.eu/oauth2/authorize', 'https://docs.example.org/help']);
    expect(electron.messageBoxes).toHaveLength(2);
    expect(logged).not.toHaveBeenCalledWith(expect.stringContaining('Could not open'), expect.anything());
  });

  it('pushes API events to the window and counts scheduled flows in the tray', async () => {
    const doc = flow({ id: 'nightly', name: 'Nightly', nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }] });
    expect((await invoke('flows.save', { doc })).result).toMatchObject({ version: 1 });
    expect(win().webContents.sent).toContainEqual([EVENT_CHANNEL, { type: 'flows.changed' }]);
    expect(tray().tooltip).toBe('Sincro: no flows on a schedule');
    await invoke('flows.setSchedule', { id: 'nightly', schedule: { enabled: true, cron: '0 3 * * *' } });
    await tick();
    expect(tray().tooltip).toBe('Sincro: 1 flow on a schedule');
  });

  it('hides to the tray on close while a schedule is on, telling the user once', () => {
    win().close();
    expect(win().destroyed).toBe(false);
    expect(win().visible).toBe(false);
    expect(electron.notifications.map((n) => n.options.title)).toEqual(['Sincro keeps running']);
    expect(JSON.parse(readFileSync(join(dataDir, DESKTOP_STATE_FILE), 'utf8'))).toMatchObject({ trayHintShown: true, window: { maximized: false } });
    tray().click('Open Sincro');
    expect(win().visible).toBe(true);
    win().close();
    expect(electron.notifications).toHaveLength(1);
    electron.app.emit('second-instance');
    expect([win().visible, win().focused]).toEqual([true, true]);
  });

  it('shows notices as OS notifications while the window is in the background', async () => {
    win().hide();
    electron.notifications.length = 0;
    // A flow that cannot run, scheduled every second: the scheduler raises a notice.
    const broken = flow({ id: 'broken', name: 'Broken', nodes: [{ id: 'x', type: 'no.such.type' }] });
    await invoke('flows.save', { doc: broken });
    await invoke('flows.setSchedule', { id: 'broken', schedule: { enabled: true, cron: '* * * * * *' } });
    const counted = async () => ((await invoke('notices.list', {})).result as { notices: Array<{ count: number; title: string; runId: string }> }).notices;
    // It keeps failing every second: told once, and counted in one notice of the inbox.
    for (let i = 0; i < 120 && ((await counted())[0]?.count ?? 0) < 3; i++) await tick();
    await invoke('flows.setSchedule', { id: 'broken', schedule: { enabled: false, cron: '* * * * * *' } });
    expect(electron.notifications).toHaveLength(1);
    expect(electron.notifications[0]?.options).toMatchObject({ title: 'Broken could not run', urgency: 'critical' });
    const [notice] = await counted();
    expect(notice).toMatchObject({ title: expect.stringMatching(/^Broken keeps failing \(\d+ runs in a row\)$/), runId: expect.stringMatching(/^run_/) });
    expect(win().webContents.sent).toContainEqual([EVENT_CHANNEL, { type: 'notices.changed', unread: 1 }]);
    // Clicking it brings the window back.
    electron.notifications[0]?.emit('click');
    expect(win().visible).toBe(true);
    expect(win().webContents.sent.some(([channel, e]) => channel === EVENT_CHANNEL && (e as { type: string }).type === 'notice')).toBe(true);
  });

  it("saves a run's export where the user says in the save dialog", async () => {
    const started = (await invoke('runs.start', { flowId: 'nightly' })).result as { runId: string };
    for (let i = 0; i < 40 && ((await invoke('runs.get', { runId: started.runId })).result as { status: string } | null)?.status !== 'succeeded'; i++) await tick();
    const file = join(dataDir, 'nightly.csv');
    electron.saveDialogAnswers.push(file);
    expect((await invoke('runs.export', { runId: started.runId, format: 'csv' })).result).toEqual({ kind: 'saved', path: file, records: 1 });
    expect(electron.saveDialogs[0]).toEqual({ parent: win(), options: expect.objectContaining({ defaultPath: `${started.runId}-records.csv`, filters: [{ name: 'CSV (spreadsheets)', extensions: ['csv'] }] }) });
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('run,seq,key,label,source,outcome,node,port,action,target_id,message,data');
    expect((await invoke('runs.export', { runId: started.runId, format: 'ndjson' })).result).toEqual({ kind: 'cancelled' });
  });

  it('catches up at once when the OS wakes from sleep', async () => {
    const doc = flow({ id: 'sleepy', name: 'Sleepy', schedule: { enabled: true, cron: '*/20 * * * *', timezone: 'UTC', catchUp: 'once' }, nodes: [{ id: 'src', type: 'core.source.sample', config: { records: [{ a: 1 }] } }] });
    await invoke('flows.save', { doc });
    expect(((await invoke('schedules.log', { flowId: 'sleepy' })).result as ScheduleLogView).holder).toMatchObject({ name: 'the desktop app', pid: process.pid, here: true });
    // Asleep for two hours: the wall clock jumps, the process's timers do not fire.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      // Woken well clear of a tick (one less than a minute late would just run as planned).
      const woken = Date.now() + 2 * 3_600_000;
      vi.setSystemTime(woken % 1_200_000 < 120_000 ? woken + 120_000 : woken);
      electron.powerMonitor.emit('resume');
      const view = (await invoke('schedules.log', { flowId: 'sleepy' })).result as ScheduleLogView;
      expect(view.entries.map((e) => e.outcome)).toEqual(['caught-up']);
      expect(view.entries[0]?.ticks).toBeGreaterThanOrEqual(6);
      expect(view.entries[0]?.ticks).toBeLessThanOrEqual(7);
      expect(view.lastRunId).toBe(view.entries[0]?.runId);
      await tick();
    } finally {
      vi.useRealTimers();
    }
    await invoke('flows.setSchedule', { id: 'sleepy', schedule: { enabled: false, cron: '*/20 * * * *' } });
  });

  it('starts at login when the user says so in Settings', async () => {
    const autostart = join(configDir, 'autostart', 'sincro.desktop');
    expect((await invoke('loginItem.get', {})).result).toEqual({ available: true, openAtLogin: false });
    expect((await invoke('loginItem.set', { openAtLogin: true })).result).toEqual({ available: true, openAtLogin: true });
    // This machine is Linux: an autostart entry starting Electron on the app, hidden.
    expect(readFileSync(autostart, 'utf8')).toContain(`Exec=${process.execPath} /fake/app --hidden`);
    expect((await invoke('loginItem.set', { openAtLogin: false })).result).toEqual({ available: true, openAtLogin: false });
    expect(existsSync(autostart)).toBe(false);
  });

  it('pauses and resumes the schedules from the tray', () => {
    tray().click('Pause schedules');
    expect(tray().tooltip).toBe('Sincro: 1 flow on a schedule (paused)');
    tray().click('Resume schedules');
    expect(tray().tooltip).toBe('Sincro: 1 flow on a schedule');
    tray().click('Pause schedules');
  });

  it('quits cleanly from the tray: stops the scheduler and runs, closes the store, then the window', async () => {
    tray().click('Quit Sincro');
    expect(electron.app.quitted).toBe(false); // waiting for the runs to stop
    await tick();
    expect(electron.app.quitted).toBe(true);
    expect(electron.windows).toHaveLength(0);
    expect(tray().destroyed).toBe(true);
    // The store was closed and flushed: it opens again with what was saved.
    const reopened = Store.open({ dataDir });
    try {
      expect(reopened.flows.list().map((f) => f.id).sort()).toEqual(['broken', 'nightly', 'sleepy']);
      // The scheduler let go of the data folder: the next one starts at once.
      expect(reopened.db.prepare('SELECT count(*) AS n FROM scheduler_lock').get()).toEqual({ n: 0 });
    } finally {
      reopened.close();
    }
    expect(electron.errors).toEqual([]);
  });
});
