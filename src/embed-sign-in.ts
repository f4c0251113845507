/**
 * Script-tag entry for sites with sign-in (dist/parley-sign-in.js): everything
 * in dist/parley.js plus the providers `data-identities` can name.
 */
import './sign-in.js';
import './embed.js';
