/**
 * The demo pages for real comment servers (wordpress.html, waline.html), served by
 * `npm run demo:wordpress` / `npm run demo:waline`: scripts/demo-server.mjs starts the
 * server with the test harness and says where it is in /__demo-backend.json.
 */
import { GuestIdentity, ParleyComments, WalineIdentity, WordPressApplicationPasswordIdentity, type IdentityAdapter } from '../src/index.js';
import '../src/waline.js'; // lets backend="waline" name the Waline backend

/** What scripts/demo-server.mjs reports: a thread id per seeded post, and an account to sign in with. */
type DemoBackend = { endpoint: string; threads: Record<string, string> } & (
  | { backend: 'wordpress'; reader: { username: string; appPassword: string } }
  | { backend: 'waline'; admin: { token: string } }
);

const wanted = document.body.dataset.backend;
const note = document.getElementById('backend-note')!;
const postSelect = document.getElementById('thread') as HTMLSelectElement;
const accountButton = document.getElementById('toggle-account')!;

function toggle(button: HTMLElement, apply: (on: boolean) => void): void {
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    apply(on);
  });
}

toggle(document.getElementById('toggle-dark')!, (on) => document.documentElement.classList.toggle('dark', on));

/** The running server, or null when this page was not started by its own `npm run demo:…`. */
async function findBackend(): Promise<DemoBackend | null> {
  try {
    const response = await fetch('/__demo-backend.json', { cache: 'no-store' });
    const info = response.ok ? ((await response.json()) as DemoBackend) : null;
    return info?.backend === wanted ? info : null;
  } catch {
    return null;
  }
}

function accountIdentity(info: DemoBackend): IdentityAdapter {
  return info.backend === 'wordpress'
    ? new WordPressApplicationPasswordIdentity({ endpoint: info.endpoint, username: info.reader.username, password: info.reader.appPassword })
    : new WalineIdentity({ endpoint: info.endpoint, token: info.admin.token });
}

const info = await findBackend();
if (!info) {
  note.classList.add('problem');
  note.innerHTML = `This page needs its comment server: run <code>npm run demo:${wanted}</code> and open the address it prints.`;
  for (const control of [postSelect, accountButton]) control.setAttribute('disabled', '');
} else {
  for (const code of document.querySelectorAll('[data-endpoint]')) code.textContent = info.endpoint;

  // The choices live in the query string, so a reload shows the same post the same way.
  const params = new URLSearchParams(location.search);
  if (!Object.hasOwn(info.threads, params.get('post') ?? '')) params.set('post', 'threaded');
  postSelect.value = params.get('post')!;
  accountButton.setAttribute('aria-pressed', String(params.has('signed-in')));

  /** A fresh element for each choice: switching the account must not keep the previous sign-in. */
  const mount = () => {
    const element = document.createElement('parley-comments') as ParleyComments;
    element.setAttribute('backend', info.backend);
    element.setAttribute('endpoint', info.endpoint);
    element.setAttribute('thread', info.threads[params.get('post')!]!);
    element.identities = params.has('signed-in') ? [new GuestIdentity(), accountIdentity(info)] : [new GuestIdentity()];
    document.querySelector('parley-comments')!.replaceWith(element);
    // Registered only now, so the placeholder in the HTML never loads without an endpoint.
    ParleyComments.define();
    history.replaceState(null, '', `?${params}`);
  };

  postSelect.addEventListener('change', () => {
    params.set('post', postSelect.value);
    mount();
  });
  toggle(accountButton, (on) => {
    if (on) params.set('signed-in', '');
    else params.delete('signed-in');
    mount();
  });
  mount();
}
