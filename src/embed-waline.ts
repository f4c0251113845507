/**
 * Script-tag entry for Waline sites (dist/parley-waline.js): everything in
 * dist/parley.js plus `data-backend="waline"`.
 */
import './waline.js';
import './embed.js';
