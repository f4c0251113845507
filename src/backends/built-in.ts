import type { CommentBackend } from './backend.js';
import { LocalBackend } from './local.js';
import { RestBackend } from './rest.js';
import { WordPressBackend } from './wordpress.js';

/** How the element makes a backend named by its `backend` attribute. */
export interface BuiltInBackendEntry {
  /** Whether the `endpoint` attribute is required. */
  needsEndpoint: boolean;
  create(endpoint: string): CommentBackend;
}

/**
 * The backends the `backend` attribute can name. Optional ones add
 * themselves when imported (`parley-comments/waline`), so the default
 * script tag carries only these.
 */
export const builtInBackends: Record<string, BuiltInBackendEntry> = {
  rest: { needsEndpoint: true, create: (endpoint) => new RestBackend({ endpoint }) },
  wordpress: { needsEndpoint: true, create: (endpoint) => new WordPressBackend({ endpoint }) },
  local: { needsEndpoint: false, create: () => new LocalBackend() },
};
