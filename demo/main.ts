import { startDemoBackend } from './demo-backend.js';
import { wireDemoControls } from './controls.js';

const backend = await startDemoBackend();
wireDemoControls(backend);
// Register the element only once the mock server answers, so its first request is served.
await import('../src/define.js');
