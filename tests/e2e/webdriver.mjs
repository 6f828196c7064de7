// A minimal W3C WebDriver client: enough to drive the real app window through tauri-driver.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
// A W3C element reference is an object with one key (the spec's fixed UUID string).
const ref = (el) => Object.values(el)[0];

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const res = await req(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return req(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return ref(el);
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map(ref);
  }

  /** Polls until `css` matches (and `pred` holds for its text), or fails naming what was awaited. */
  async waitFor(css, pred = null, timeoutMs = 15000) {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      try {
        const id = await this.find(css);
        if (!pred) return id;
        last = await this.text(id);
        if (pred(last)) return id;
      } catch (e) {
        last = `(${e.message.slice(0, 160)})`;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${css} (last text: ${JSON.stringify(last)})`);
  }

  click(id) {
    return this.cmd('POST', `/element/${id}/click`, {});
  }

  type(id, text) {
    return this.cmd('POST', `/element/${id}/value`, { text });
  }

  clear(id) {
    return this.cmd('POST', `/element/${id}/clear`, {});
  }

  text(id) {
    return this.cmd('GET', `/element/${id}/text`);
  }

  attr(id, name) {
    return this.cmd('GET', `/element/${id}/attribute/${name}`);
  }

  css(id, prop) {
    return this.cmd('GET', `/element/${id}/css/${prop}`);
  }

  /** W3C key actions, as a person at the keyboard: each chord is pressed in order and released
   *  in reverse (['Control', 'k'] is Ctrl+K). Named keys are the W3C names in `KEYS`. */
  press(...chord) {
    const codes = chord.map((k) => KEYS[k] ?? k);
    const actions = [...codes.map((value) => ({ type: 'keyDown', value })), ...codes.reverse().map((value) => ({ type: 'keyUp', value }))];
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Types text into whatever has focus, one key action per character (no element is chosen). */
  typeKeys(text) {
    const actions = [...text].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    return this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** The data-testid of the element that has focus ('' when it has none). */
  focused() {
    return this.exec('const a = document.activeElement; return (a && a.dataset && a.dataset.testid) || (a && a.tagName) || "";');
  }

  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** WebKitGTK answers a screenshot on the page's next paint, and an idle page never paints: a
   *  1-pixel element flickers for a few seconds meanwhile, and a hang still ends in an error. */
  async screenshot(timeoutMs = 20000) {
    await this.exec(`const d = document.createElement('div');
      d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
      document.body.appendChild(d);
      const end = Date.now() + 4000;
      const f = () => { d.style.background = d.style.background ? '' : 'rgba(0,0,0,0.01)'; if (Date.now() < end) requestAnimationFrame(f); else d.remove(); };
      requestAnimationFrame(f);`);
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no screenshot within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.cmd('GET', '/screenshot'), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  end() {
    return this.cmd('DELETE', '');
  }
}

/** The W3C WebDriver code points of the keys the tests press. */
export const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Shift: '\uE008',
  Control: '\uE009',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  F5: '\uE035',
};

async function req(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  }
  return json.value;
}

export async function waitForPort(url, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      await fetch(url + '/status');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`no WebDriver at ${url}`);
}

/** tauri-driver on `port` with WebKitWebDriver on `port + 1000` (two runs on one machine never
 *  share one), the app seeing `env` on top of this process's. Its own XDG home under `dir`
 *  keeps one run's WebKit profile (localStorage) out of the next. */
export function spawnDriver(port, dir, env) {
  return spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1000), '--native-driver', '/usr/bin/WebKitWebDriver'], {
    env: { ...process.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CACHE_HOME: join(dir, 'cache'), WEBKIT_DISABLE_DMABUF_RENDERER: '1', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
