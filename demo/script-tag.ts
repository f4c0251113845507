import { startDemoBackend } from './demo-backend.js';
import { wireDemoControls } from './controls.js';

// The in-browser backend must be listening before parley.js makes its first
// request, so the documented tag is added once it is ready. On a real blog,
// the tag goes straight into the page's HTML.
const backend = await startDemoBackend();
wireDemoControls(backend);

const script = document.createElement('script');
script.src = '/dist/parley.js';
script.async = true;
Object.assign(script.dataset, { backend: 'rest', endpoint: '/api', thread: '/2014/networking/', target: '#comments' });
document.body.append(script);
