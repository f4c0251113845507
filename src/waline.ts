/**
 * Side-effect entry: lets `backend="waline"` name the Waline backend. Kept
 * out of the default bundle; the script tag for Waline sites is
 * dist/parley-waline.js.
 */
import { builtInBackends } from './backends/built-in.js';
import { WalineBackend } from './backends/waline.js';

builtInBackends.waline = { needsEndpoint: true, create: (endpoint) => new WalineBackend({ endpoint }) };
