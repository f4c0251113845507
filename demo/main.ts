import { startDemoBackend } from './demo-backend.js';
import { wireDemoControls } from './controls.js';
import { GuestIdentity } from '../src/identity/guest.js';
import { SiteIdentity } from '../src/identity/site.js';
import { DEMO_SITE_TOKEN } from './stored-server.js';

// The blog's own login, as a site with accounts hands it to Parley ("Sign in to the blog" in the toolbar).
const blogLogin = new SiteIdentity({ label: 'Networking Notes' });

const backend = await startDemoBackend();
wireDemoControls(backend, (on) => {
  blogLogin.user = on ? { name: 'Maya Okafor', token: DEMO_SITE_TOKEN } : null;
});
// Register the element only once the mock server answers, so its first request is served.
await import('../src/define.js');
document.querySelector('parley-comments')!.identities = [new GuestIdentity(), blogLogin];
